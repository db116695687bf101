package io.tianshu.maturity.probe;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.tianshu.maturity.EvidenceLink;
import io.tianshu.maturity.LocalizedText;
import io.tianshu.maturity.Probe;
import io.tianshu.maturity.ProbeContext;
import io.tianshu.maturity.ProbeOutcome;
import io.tianshu.platform.AuditChainStatus;
import io.tianshu.platform.AuditVerification;

import org.springframework.stereotype.Component;

/**
 * 行为审计 / 留痕管理: the audit trail's hash chain verifies end to end (no record altered,
 * removed or reordered), so the trail can serve as evidence.
 */
@Component
class AuditChainProbe implements Probe {

	private final AuditVerification verification;

	AuditChainProbe(AuditVerification verification) {
		this.verification = verification;
	}

	@Override
	public String id() {
		return "platform.audit.chain";
	}

	@Override
	public String version() {
		return "2";
	}

	@Override
	public LocalizedText title() {
		return new LocalizedText("审计日志哈希链完整", "The audit trail's hash chain is intact");
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

	@Override
	public ProbeOutcome evaluate(ProbeContext context) {
		AuditChainStatus status = this.verification.verifyChain();
		Map<String, Object> counts = new LinkedHashMap<>();
		counts.put("checkedRecords", status.checkedRecords());
		List<EvidenceLink> links = List.of(new EvidenceLink(EvidenceLink.Type.URL, "/admin/audit", "审计日志"));
		if (status.intact()) {
			return ProbeOutcome.met(
					new LocalizedText("已校验 " + status.checkedRecords() + " 条审计记录，哈希链完整。",
							status.checkedRecords() + " audit records verified; the hash chain is intact."),
					counts, List.of(), links);
		}
		counts.put("reason", status.reason());
		return ProbeOutcome.notMet(
				new LocalizedText("审计哈希链在记录 " + status.firstBrokenId() + " 处断裂：" + status.reason(),
						"The audit hash chain breaks at record " + status.firstBrokenId() + ": " + status.reason()),
				counts, (status.firstBrokenId() != null) ? List.of(String.valueOf(status.firstBrokenId())) : List.of(),
				List.of(new EvidenceLink(EvidenceLink.Type.AUDIT_QUERY, "id=" + status.firstBrokenId(),
						"first broken record")));
	}

}
