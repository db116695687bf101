package io.tianshu.maturity;

import java.util.List;
import java.util.Map;

/**
 * A probe's judgement with its evidence.
 *
 * @param verdict what it found
 * @param summary one sentence on why, in Chinese and English
 * @param counts figures that support it ({@code privilegedRoles: 3})
 * @param ids ids or names of the records concerned (offending roles, broken record)
 * @param links where to look in Tianshu
 */
public record ProbeOutcome(ProbeVerdict verdict, LocalizedText summary, Map<String, Object> counts, List<String> ids,
		List<EvidenceLink> links) {

	public ProbeOutcome {
		counts = (counts != null) ? Map.copyOf(counts) : Map.of();
		ids = (ids != null) ? List.copyOf(ids) : List.of();
		links = (links != null) ? List.copyOf(links) : List.of();
	}

	public static ProbeOutcome met(LocalizedText summary, Map<String, Object> counts, List<String> ids,
			List<EvidenceLink> links) {
		return new ProbeOutcome(ProbeVerdict.MET, summary, counts, ids, links);
	}

	public static ProbeOutcome notMet(LocalizedText summary, Map<String, Object> counts, List<String> ids,
			List<EvidenceLink> links) {
		return new ProbeOutcome(ProbeVerdict.NOT_MET, summary, counts, ids, links);
	}

	public static ProbeOutcome notObservable(LocalizedText reason) {
		return new ProbeOutcome(ProbeVerdict.NOT_OBSERVABLE, reason, null, null, null);
	}

}
