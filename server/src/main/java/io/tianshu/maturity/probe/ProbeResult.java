package io.tianshu.maturity.probe;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.tianshu.maturity.EvidenceLink;
import io.tianshu.maturity.LocalizedText;
import io.tianshu.maturity.ProbeVerdict;

/**
 * One stored probe outcome.
 *
 * @param id its id
 * @param runId the run it belongs to
 * @param probeId the probe
 * @param probeVersion the probe's version at the time
 * @param verdict what it found
 * @param summary why
 * @param counts supporting figures
 * @param ids records concerned
 * @param links where to look
 * @param criteria the criterion ids the probe was bound to at the time
 * @param evaluatedAt when
 */
public record ProbeResult(UUID id, UUID runId, String probeId, String probeVersion, ProbeVerdict verdict,
		LocalizedText summary, Map<String, Object> counts, List<String> ids, List<EvidenceLink> links,
		List<String> criteria, Instant evaluatedAt) {
}
