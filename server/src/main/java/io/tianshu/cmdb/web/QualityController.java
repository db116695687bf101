package io.tianshu.cmdb.web;

import java.util.List;
import java.util.UUID;

import io.tianshu.cmdb.CiId;
import io.tianshu.cmdb.CmdbPermissions;
import io.tianshu.cmdb.QualityReport;
import io.tianshu.cmdb.QualityTrendPoint;
import io.tianshu.cmdb.quality.CiVerifications;
import io.tianshu.cmdb.quality.QualityRecords.CiVerification;
import io.tianshu.cmdb.quality.QualityRecords.ModelQualityDetail;
import io.tianshu.cmdb.quality.QualityRecords.QualityIssue;
import io.tianshu.cmdb.quality.QualityScores;
import io.tianshu.platform.CursorPage;
import io.tianshu.platform.RequiresPermission;
import io.tianshu.platform.TianshuException;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code /api/v1/cmdb/quality}: data-quality scores (数据质量) with drill-down, their daily
 * trend, and {@code POST /api/v1/cmdb/cis/{id}/verify} (核实). Formulas:
 * {@code docs/cmdb-quality.md}.
 */
@RestController
@RequestMapping("/api/v1/cmdb")
class QualityController {

	private final QualityScores scores;

	private final CiVerifications verifications;

	QualityController(QualityScores scores, CiVerifications verifications) {
		this.scores = scores;
		this.verifications = verifications;
	}

	/** Completeness, freshness and overall score: overall, per model, per owner. */
	@GetMapping("/quality")
	@RequiresPermission(CmdbPermissions.CI_READ)
	QualityReport current() {
		return this.scores.current();
	}

	/** One model's scores and each attribute's completeness. */
	@GetMapping("/quality/models/{code}")
	@RequiresPermission(CmdbPermissions.CI_READ)
	ModelQualityDetail model(@PathVariable String code) {
		return this.scores.model(code);
	}

	/**
	 * The offending CIs by name: {@code model}, {@code owner} (team id or {@code none}),
	 * {@code kind} ({@code incomplete}, {@code stale}; both when absent), {@code cursor},
	 * {@code limit} (1–200, default 50).
	 */
	@GetMapping("/quality/issues")
	@RequiresPermission(CmdbPermissions.CI_READ)
	CursorPage<QualityIssue> issues(@RequestParam(required = false) String model,
			@RequestParam(required = false) String owner, @RequestParam(required = false) String kind,
			@RequestParam(required = false) String cursor, @RequestParam(required = false) String limit) {
		return this.scores.issues(blankToNull(model), blankToNull(owner), blankToNull(kind), blankToNull(cursor),
				number(limit, 50, "limit"));
	}

	/**
	 * Daily snapshots of the last {@code days} days (default 30): overall, or of one
	 * {@code model}, or of one {@code owner} (team id or {@code none}).
	 */
	@GetMapping("/quality/trend")
	@RequiresPermission(CmdbPermissions.CI_READ)
	List<QualityTrendPoint> trend(@RequestParam(required = false) String days,
			@RequestParam(required = false) String model, @RequestParam(required = false) String owner) {
		int n = number(days, 30, "days");
		if (blankToNull(model) != null && blankToNull(owner) != null) {
			throw TianshuException.invalidField("owner", "cmdb.quality.scope-invalid", "give model or owner, not both");
		}
		if (blankToNull(model) != null) {
			return this.scores.trend(n, "model", model.strip());
		}
		if (blankToNull(owner) != null) {
			String key = owner.strip();
			if (!"none".equals(key)) {
				try {
					key = UUID.fromString(key).toString();
				}
				catch (IllegalArgumentException ex) {
					throw TianshuException.invalidField("owner", "cmdb.quality.owner-invalid",
							"owner must be a team id or 'none'");
				}
			}
			return this.scores.trend(n, "owner", "none".equals(key) ? "" : key);
		}
		return this.scores.trend(n);
	}

	/** Records that the CI's data was checked and is still right (核实). */
	@PostMapping("/cis/{id}/verify")
	@RequiresPermission(CmdbPermissions.CI_WRITE)
	CiVerification verify(@PathVariable UUID id,
			@RequestHeader(name = Requests.SOURCE_HEADER, required = false) String source) {
		return this.verifications.verify(new CiId(id), Requests.source(source));
	}

	private static String blankToNull(String value) {
		return (value == null || value.isBlank()) ? null : value.strip();
	}

	private static int number(String text, int fallback, String field) {
		if (text == null || text.isBlank()) {
			return fallback;
		}
		try {
			return Integer.parseInt(text.strip());
		}
		catch (NumberFormatException ex) {
			throw TianshuException.invalidField(field, "cmdb.quality." + field + "-invalid",
					field + " must be a whole number");
		}
	}

}
