package io.tianshu.event.convergence;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Durations written as Alertmanager writes them ({@code 200ms}, {@code 30s}, {@code 5m},
 * {@code 1h30m}, {@code 1d}, {@code 1w}); ISO 8601 ({@code PT30S}) is accepted too.
 */
final class Durations {

	private static final Pattern PART = Pattern.compile("(\\d+)(ms|s|m|h|d|w)");

	private static final Pattern WHOLE = Pattern.compile("(\\d+(ms|s|m|h|d|w))+");

	private Durations() {
	}

	/** The duration, or {@code null} when the text is not one. */
	static Duration parse(String text) {
		if (text == null || text.isBlank()) {
			return null;
		}
		String t = text.strip();
		if (t.startsWith("P") || t.startsWith("p")) {
			try {
				return Duration.parse(t);
			}
			catch (DateTimeParseException ex) {
				return null;
			}
		}
		if (!WHOLE.matcher(t).matches()) {
			return null;
		}
		Duration total = Duration.ZERO;
		Matcher m = PART.matcher(t);
		while (m.find()) {
			long n = Long.parseLong(m.group(1));
			total = total.plus(switch (m.group(2)) {
				case "ms" -> Duration.ofMillis(n);
				case "s" -> Duration.ofSeconds(n);
				case "m" -> Duration.ofMinutes(n);
				case "h" -> Duration.ofHours(n);
				case "d" -> Duration.ofDays(n);
				default -> Duration.ofDays(7 * n);
			});
		}
		return total;
	}

	/** {@code 1h30m}, {@code 200ms}, {@code 0s}. */
	static String format(Duration d) {
		long ms = d.toMillis();
		if (ms == 0) {
			return "0s";
		}
		StringBuilder b = new StringBuilder();
		long[] sizes = { 86_400_000L, 3_600_000L, 60_000L, 1000L, 1L };
		String[] units = { "d", "h", "m", "s", "ms" };
		for (int i = 0; i < sizes.length; i++) {
			if (ms >= sizes[i]) {
				b.append(ms / sizes[i]).append(units[i]);
				ms %= sizes[i];
			}
		}
		return b.toString();
	}

}
