package io.tianshu.maturity.probe;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.tianshu.cmdb.CiModel;
import io.tianshu.cmdb.CiModels;
import io.tianshu.cmdb.ModelVersion;
import io.tianshu.maturity.EvidenceLink;
import io.tianshu.maturity.LocalizedText;
import io.tianshu.maturity.Probe;
import io.tianshu.maturity.ProbeContext;
import io.tianshu.maturity.ProbeOutcome;

import org.springframework.stereotype.Component;

/**
 * 资源模型管理 L3 (model version control): model changes are stored as versions — at least one
 * model version was recorded in the evidence window.
 */
@Component
class CmdbModelVersionProbe implements Probe {

	private final CiModels models;

	CmdbModelVersionProbe(CiModels models) {
		this.models = models;
	}

	@Override
	public String id() {
		return "cmdb.model.versions";
	}

	@Override
	public String version() {
		return "1";
	}

	@Override
	public LocalizedText title() {
		return new LocalizedText("CMDB 模型版本化管理", "CMDB models are versioned");
	}

	@Override
	public List<String> criteria() {
		return List.of("000.10.14.1.1.L3.a", "000.10.14.1.3.L3.a");
	}

	@Override
	public ProbeOutcome evaluate(ProbeContext context) {
		List<CiModel> all = this.models.list(null);
		List<String> changed = new ArrayList<>();
		int versionsInWindow = 0;
		for (CiModel model : all) {
			int recent = 0;
			for (ModelVersion version : this.models.versions(model.code())) {
				if (!version.createdAt().isBefore(context.since())) {
					recent++;
				}
			}
			if (recent > 0) {
				changed.add(model.code());
				versionsInWindow += recent;
			}
		}
		Map<String, Object> counts = new LinkedHashMap<>();
		counts.put("models", all.size());
		counts.put("modelsChangedInWindow", changed.size());
		counts.put("versionsInWindow", versionsInWindow);
		List<EvidenceLink> links = List.of(new EvidenceLink(EvidenceLink.Type.URL, "/cmdb/models", "资源模型"));
		if (changed.isEmpty()) {
			return ProbeOutcome.notMet(
					new LocalizedText("取证窗口内没有记录模型版本（共 " + all.size() + " 个模型）。",
							"No model version was recorded in the evidence window (" + all.size() + " models)."),
					counts, List.of(), links);
		}
		return ProbeOutcome.met(
				new LocalizedText("取证窗口内 " + changed.size() + " 个模型记录了 " + versionsInWindow + " 个版本。", versionsInWindow
						+ " model versions of " + changed.size() + " models were recorded in the evidence window."),
				counts, changed, links);
	}

}
