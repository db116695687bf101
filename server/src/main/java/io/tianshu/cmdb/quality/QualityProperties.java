package io.tianshu.cmdb.quality;

import java.util.Map;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Data-quality settings ({@code tianshu.cmdb.quality.*}).
 *
 * @param freshnessDays the freshness window: a CI changed or verified within this many
 * days is fresh
 * @param modelFreshnessDays windows of single models, by model code (e.g.
 * {@code model-freshness-days.host: 30})
 * @param completenessWeight weight of completeness in the overall score
 * @param freshnessWeight weight of freshness in the overall score (the two are normalised
 * to sum to 1)
 * @param snapshotCron when the daily score snapshot is taken (server time zone); one is
 * also taken at start when today has none
 */
@ConfigurationProperties("tianshu.cmdb.quality")
public record QualityProperties(@DefaultValue("90") int freshnessDays, Map<String, Integer> modelFreshnessDays,
		@DefaultValue("0.6") double completenessWeight, @DefaultValue("0.4") double freshnessWeight,
		@DefaultValue("0 15 0 * * *") String snapshotCron) {

	public QualityProperties {
		freshnessDays = Math.max(1, freshnessDays);
		modelFreshnessDays = (modelFreshnessDays != null) ? Map.copyOf(modelFreshnessDays) : Map.of();
		if (completenessWeight < 0 || freshnessWeight < 0 || completenessWeight + freshnessWeight <= 0) {
			throw new IllegalArgumentException(
					"tianshu.cmdb.quality weights must not be negative and must not both be 0");
		}
	}

	int windowOf(String model) {
		Integer days = this.modelFreshnessDays.get(model);
		return (days != null && days > 0) ? days : this.freshnessDays;
	}

	double completenessShare() {
		return this.completenessWeight / (this.completenessWeight + this.freshnessWeight);
	}

}
