package io.tianshu.maturity.probe;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

import io.tianshu.cmdb.CiModel;
import io.tianshu.cmdb.CiModels;
import io.tianshu.cmdb.ModelVersion;
import io.tianshu.maturity.EvidenceLink;
import io.tianshu.maturity.LocalizedText;
import io.tianshu.maturity.Probe;
import io.tianshu.maturity.ProbeContext;
import io.tianshu.maturity.ProbeOutcome;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Model versions that show models moved between environments (bundle import) and rolled
 * back (restore of an earlier version), read through {@link CiModels#versions}. Which
 * versions those are is the CMDB's documented contract ({@code docs/cmdb-models.md}): a
 * bundle import stores one version per changed model whose summary ends
 * {@value #BUNDLE_IMPORT}, a restore one whose summary contains {@value #RESTORE}. An
 * import that changes nothing stores no version and is not seen.
 */
@Configuration(proxyBeanMethods = false)
class CmdbModelTransferProbes {

	static final String BUNDLE_IMPORT = "(bundle import)";

	static final String RESTORE = "(restored from version ";

	@Bean
	Probe cmdbModelBundlesProbe(CiModels models) {
		return new VersionEvidence(models, "cmdb.model.bundles",
				new LocalizedText("CMDB 模型包在环境间导出导入", "CMDB model bundles are moved between environments"),
				// 1.1 L3 b: several environments; 1.3 L3 c: export/import to sync; 1.3 L4
				// e: synchronised
				List.of("000.10.14.1.1.L3.b", "000.10.14.1.3.L3.c", "000.10.14.1.3.L4.e"),
				(v) -> v.summary().endsWith(BUNDLE_IMPORT), new LocalizedText("模型包导入", "bundle import"));
	}

	@Bean
	Probe cmdbModelRollbackProbe(CiModels models) {
		return new VersionEvidence(models, "cmdb.model.rollback",
				new LocalizedText("CMDB 模型可回滚到指定版本", "CMDB models are rolled back to a chosen version"),
				List.of("000.10.14.1.3.L4.c"), (v) -> v.summary().contains(RESTORE),
				new LocalizedText("版本恢复", "version restore"));
	}

	/** Met when a model version of the kind was stored in the evidence window. */
	record VersionEvidence(CiModels models, String id, LocalizedText title, List<String> criteria,
			Predicate<ModelVersion> kind, LocalizedText what) implements Probe {

		@Override
		public String version() {
			return "2";
		}

		@Override
		public ProbeOutcome evaluate(ProbeContext context) {
			List<CiModel> all = this.models.list(null);
			List<String> evidence = new ArrayList<>();
			Instant last = null;
			for (CiModel model : all) {
				for (ModelVersion version : this.models.versions(model.code())) {
					if (!version.createdAt().isBefore(context.since()) && this.kind.test(version)) {
						evidence.add(model.code() + " v" + version.version());
						last = (last == null || version.createdAt().isAfter(last)) ? version.createdAt() : last;
					}
				}
			}
			Map<String, Object> counts = new LinkedHashMap<>();
			counts.put("models", all.size());
			counts.put("versionsInWindow", evidence.size());
			if (last != null) {
				counts.put("lastAt", last.toString());
			}
			List<EvidenceLink> links = List.of(new EvidenceLink(EvidenceLink.Type.URL, "/cmdb/models", "资源模型"),
					new EvidenceLink(EvidenceLink.Type.AUDIT_QUERY, "action=cmdb.bundle.imported", "模型包导入审计"));
			if (evidence.isEmpty()) {
				return ProbeOutcome.notMet(
						new LocalizedText("取证窗口内没有由" + this.what.zh() + "产生的模型版本。",
								"No model version in the evidence window came from a " + this.what.en() + "."),
						counts, List.of(), links);
			}
			return ProbeOutcome.met(
					new LocalizedText("取证窗口内有 " + evidence.size() + " 个模型版本由" + this.what.zh() + "产生。", evidence.size()
							+ " model versions in the evidence window came from a " + this.what.en() + "."),
					counts, evidence, links);
		}

	}

}
