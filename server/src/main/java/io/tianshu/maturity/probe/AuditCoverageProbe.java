package io.tianshu.maturity.probe;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import io.tianshu.maturity.EvidenceLink;
import io.tianshu.maturity.LocalizedText;
import io.tianshu.maturity.Probe;
import io.tianshu.maturity.ProbeContext;
import io.tianshu.maturity.ProbeOutcome;
import io.tianshu.platform.ControlPosture;
import io.tianshu.platform.ControlPosture.AuditSource;
import io.tianshu.platform.PermissionDefinition;
import io.tianshu.platform.PermissionSet;

import org.springframework.stereotype.Component;

/**
 * 行为审计 / 留痕管理: every installed module left audit records in the evidence window. The
 * installed modules are those that declare permissions ({@code <module>.<thing>.<verb>}),
 * so a new module is expected in the trail as soon as it exists.
 */
@Component
class AuditCoverageProbe implements Probe {

	private final ControlPosture posture;

	private final List<PermissionSet> permissionSets;

	AuditCoverageProbe(ControlPosture posture, List<PermissionSet> permissionSets) {
		this.posture = posture;
		this.permissionSets = permissionSets;
	}

	@Override
	public String id() {
		return "platform.audit.coverage";
	}

	@Override
	public String version() {
		return "2";
	}

	@Override
	public LocalizedText title() {
		return new LocalizedText("审计覆盖全部模块", "The audit trail covers every module");
	}

	@Override
	public List<String> criteria() {
		// 表15 L2 a: audit information managed online; 表10 L2 d: record keeping managed
		// online
		// through the audit platform. Both need the trail intact AND covering every
		// module, so the
		// chain and the coverage probe judge the same two criteria (pre-filling needs
		// both met).
		return List.of("000.8.3.1.4.L2.a", "000.7.3.1.3.L2.d");
	}

	Set<String> modules() {
		Set<String> modules = new TreeSet<>();
		for (PermissionSet set : this.permissionSets) {
			for (PermissionDefinition definition : set.permissions()) {
				modules.add(definition.name().substring(0, definition.name().indexOf('.')));
			}
		}
		return modules;
	}

	@Override
	public ProbeOutcome evaluate(ProbeContext context) {
		Map<String, Long> bySource = new LinkedHashMap<>();
		for (AuditSource source : this.posture.auditSources(context.since())) {
			bySource.put(source.source(), source.records());
		}
		Set<String> modules = modules();
		List<String> missing = modules.stream().filter((m) -> bySource.getOrDefault(m, 0L) == 0).toList();
		Map<String, Object> counts = new LinkedHashMap<>();
		counts.put("modules", modules.size());
		counts.put("modulesWithRecords", modules.size() - missing.size());
		modules.forEach((m) -> counts.put("records." + m, bySource.getOrDefault(m, 0L)));
		List<EvidenceLink> links = modules.stream()
			.map((m) -> new EvidenceLink(EvidenceLink.Type.AUDIT_QUERY, "action=" + m + ".*", m))
			.toList();
		if (missing.isEmpty()) {
			return ProbeOutcome.met(
					new LocalizedText("全部 " + modules.size() + " 个模块在取证窗口内均有审计记录。",
							"All " + modules.size() + " modules left audit records in the evidence window."),
					counts, List.copyOf(modules), links);
		}
		return ProbeOutcome.notMet(
				new LocalizedText("以下模块在取证窗口内没有审计记录：" + String.join("、", missing),
						"No audit records in the evidence window from: " + String.join(", ", missing)),
				counts, missing, links);
	}

}
