package io.tianshu.cmdb.quality;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import io.tianshu.cmdb.QualityScore;

/** The answers of the quality drill-downs. */
public final class QualityRecords {

	private QualityRecords() {
	}

	/**
	 * One model's scores with the completeness of each attribute.
	 *
	 * @param model code
	 * @param name display name
	 * @param freshnessDays its freshness window
	 * @param score its scores
	 * @param attributes every attribute in display order
	 */
	public record ModelQualityDetail(String model, String name, int freshnessDays, QualityScore score,
			List<AttributeCompleteness> attributes) {
	}

	/**
	 * How many live CIs of the model have a value for one attribute.
	 *
	 * @param counted whether it counts for completeness (required or recommended)
	 * @param completeness filled / cis, 0–100, {@code null} without CIs
	 */
	public record AttributeCompleteness(String code, String name, boolean required, boolean recommended,
			boolean counted, long filled, long cis, Double completeness) {
	}

	/**
	 * A CI that lowers a score: incomplete (a required or recommended attribute is empty)
	 * and/or stale (neither changed nor verified within its model's window).
	 *
	 * @param lastSeenAt the later of its last change and last verification
	 * @param daysSinceSeen whole days since then
	 */
	public record QualityIssue(UUID ciId, String name, String model, UUID ownerTeamId, String state,
			List<MissingAttribute> missing, boolean incomplete, boolean stale, Instant updatedAt, Instant verifiedAt,
			Instant lastSeenAt, long daysSinceSeen, int freshnessDays) {
	}

	/** An empty required or recommended attribute. */
	public record MissingAttribute(String code, String name, boolean required) {
	}

	/** A recorded verification (核实) of a CI. */
	public record CiVerification(UUID ciId, int version, Instant verifiedAt, String verifiedBy) {
	}

}
