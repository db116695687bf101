package io.tianshu.maturity.probe;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.tianshu.cmdb.DataQuality;
import io.tianshu.cmdb.QualityReport;
import io.tianshu.cmdb.QualityScore;
import io.tianshu.maturity.EvidenceLink;
import io.tianshu.maturity.LocalizedText;
import io.tianshu.maturity.Probe;
import io.tianshu.maturity.ProbeContext;
import io.tianshu.maturity.ProbeOutcome;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * 数据运营体系 (000 §10.14.3.3 L1, L2 b): the CMDB checks its data and shows its state by
 * several indicators (completeness and freshness, overall, per model and per owner; see
 * {@code docs/cmdb-quality.md}). Met when the scores are computed over live CIs and the
 * overall score reaches {@code tianshu.maturity.probes.data-quality-min} (default 80 of
 * 100).
 */
@Component
class CmdbDataQualityProbe implements Probe {

	private final DataQuality quality;

	private final double minimum;

	CmdbDataQualityProbe(DataQuality quality, @Value("${tianshu.maturity.probes.data-quality-min:80}") double minimum) {
		this.quality = quality;
		this.minimum = minimum;
	}

	@Override
	public String id() {
		return "cmdb.data-quality";
	}

	@Override
	public String version() {
		return "2";
	}

	@Override
	public LocalizedText title() {
		return new LocalizedText("配置数据质量评分达标", "CI data quality scores meet the threshold");
	}

	@Override
	public List<String> criteria() {
		return List.of("000.10.14.3.3.L1.1", "000.10.14.3.3.L2.b");
	}

	@Override
	public ProbeOutcome evaluate(ProbeContext context) {
		return judge(this.quality.current(), this.minimum);
	}

	static ProbeOutcome judge(QualityReport report, double minimum) {
		QualityScore overall = report.overall();
		Map<String, Object> counts = new LinkedHashMap<>();
		counts.put("cis", overall.cis());
		// counts hold no nulls: a score without slots or CIs is left out
		putIfScored(counts, "overall", overall.overall());
		putIfScored(counts, "completeness", overall.completeness());
		putIfScored(counts, "freshness", overall.freshness());
		counts.put("threshold", minimum);
		counts.put("models", report.models().size());
		List<EvidenceLink> links = List.of(new EvidenceLink(EvidenceLink.Type.URL, "/cmdb/quality", "数据质量"));
		if (overall.overall() == null) {
			return ProbeOutcome.notMet(
					new LocalizedText("CMDB 没有在用配置项，数据质量无从评分。", "The CMDB holds no live CIs to score."), counts,
					List.of(), links);
		}
		List<String> below = report.models()
			.stream()
			.filter((m) -> m.score().overall() != null && m.score().overall() < minimum)
			.map(QualityReport.ModelQuality::model)
			.toList();
		String figures = "完整性 " + format(overall.completeness()) + "、及时性 " + format(overall.freshness()) + "、综合 "
				+ format(overall.overall());
		String figuresEn = "completeness " + format(overall.completeness()) + ", freshness "
				+ format(overall.freshness()) + ", overall " + format(overall.overall());
		if (overall.overall() < minimum) {
			return ProbeOutcome
				.notMet(new LocalizedText(overall.cis() + " 个配置项的数据质量：" + figures + "，低于门槛 " + format(minimum) + "。",
						"Data quality of " + overall.cis() + " CIs: " + figuresEn + ", below the threshold "
								+ format(minimum) + "."),
						counts, below, links);
		}
		return ProbeOutcome
			.met(new LocalizedText(overall.cis() + " 个配置项的数据质量：" + figures + "，达到门槛 " + format(minimum) + "。",
					"Data quality of " + overall.cis() + " CIs: " + figuresEn + ", meets the threshold "
							+ format(minimum) + "."),
					counts, below, links);
	}

	private static void putIfScored(Map<String, Object> counts, String key, Double value) {
		if (value != null) {
			counts.put(key, value);
		}
	}

	private static String format(Double value) {
		return (value != null) ? String.format("%.1f", value) : "-";
	}

}
