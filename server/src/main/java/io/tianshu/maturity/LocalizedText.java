package io.tianshu.maturity;

/**
 * A text in Chinese and English. Both are required in framework data; summaries are
 * written in the project's own words, never pasted from the documents.
 *
 * @param zh the Chinese text
 * @param en the English text
 */
public record LocalizedText(String zh, String en) {

	/** The text in the given language ({@code zh…} → Chinese, anything else English). */
	public String in(String language) {
		return (language != null && language.toLowerCase(java.util.Locale.ROOT).startsWith("zh")) ? this.zh : this.en;
	}

}
