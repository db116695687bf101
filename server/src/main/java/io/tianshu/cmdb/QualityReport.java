package io.tianshu.cmdb;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * The data-quality scores at one moment.
 *
 * @param computedAt when
 * @param completenessWeight the weight of completeness in the overall score (0–1)
 * @param freshnessWeight the weight of freshness (0–1, the two sum to 1)
 * @param defaultFreshnessDays the freshness window of models without their own
 * @param overall over all live CIs
 * @param models per model with live CIs, by model code
 * @param owners per data steward team (the CI's owner, else its model's); a {@code null}
 * team collects the CIs without an owner
 */
public record QualityReport(Instant computedAt, double completenessWeight, double freshnessWeight,
		int defaultFreshnessDays, QualityScore overall, List<ModelQuality> models, List<OwnerQuality> owners) {

	public QualityReport {
		models = List.copyOf(models);
		owners = List.copyOf(owners);
	}

	/** The scores of one model; {@code freshnessDays} is its window. */
	public record ModelQuality(String model, String name, int freshnessDays, QualityScore score) {
	}

	/** The scores of the CIs one team owns. */
	public record OwnerQuality(UUID ownerTeamId, QualityScore score) {
	}

}
