package io.tianshu.cmdb;

/**
 * One set of data-quality scores over a set of live (not retired) CIs.
 *
 * @param completeness filled required and recommended attribute slots / all such slots,
 * 0–100 (one decimal), {@code null} when there are no such slots
 * @param freshness CIs changed or verified within their model's freshness window / all
 * CIs, 0–100, {@code null} without CIs
 * @param overall the weighted mean of the two ({@link QualityReport#completenessWeight}),
 * or the one that exists, or {@code null}
 * @param cis how many live CIs
 * @param slots required and recommended attribute slots (per CI, the attributes its model
 * marks so)
 * @param filledSlots the slots with a non-empty value
 * @param freshCis the CIs changed or verified within the window
 */
public record QualityScore(Double completeness, Double freshness, Double overall, long cis, long slots,
		long filledSlots, long freshCis) {
}
