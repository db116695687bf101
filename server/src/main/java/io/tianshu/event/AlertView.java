package io.tianshu.event;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * An alert (告警) as stored: what the source said (status, labels, times) and what Tianshu
 * made of it (state, severity, CI, business system, owner, occurrences, flapping).
 */
public record AlertView(long id, UUID integrationId, IntegrationKind source, String fingerprint, String groupKey,
		SignalStatus status, AlertState state, Severity severity, String sourceSeverity, String summary,
		String resource, Map<String, String> labels, Map<String, String> annotations, List<AlertLink> links,
		Map<String, Object> details, String generatorUrl, Instant startsAt, Instant endsAt, Instant firstSeen,
		Instant lastSeen, int occurrences, int duplicates, Instant acknowledgedAt, String acknowledgedBy,
		Instant resolvedAt, Instant closedAt, String assigneeUser, UUID assigneeTeam, UUID ciId, UUID businessSystemId,
		UUID ownerTeamId, boolean flapping, int version) {
}
