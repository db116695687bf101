package io.tianshu.cmdb;

import java.util.List;

/**
 * Data-quality scores of the CMDB (数据质量, capability A5), for the console and for other
 * modules (the maturity assessment reads them here). Completeness, freshness and the
 * weighted overall score are 0–100; formulas in {@code docs/cmdb-quality.md}. Both
 * methods require {@link CmdbPermissions#CI_READ} ({@code Authorization.runAsSystem}
 * holds it).
 */
public interface DataQuality {

	/** The scores now, overall, per model and per owner, computed on every call. */
	QualityReport current();

	/**
	 * The overall score of each of the last {@code days} days (1–366) that has a daily
	 * snapshot, oldest first.
	 */
	List<QualityTrendPoint> trend(int days);

}
