package io.tianshu.platform.audit;

import java.time.Instant;

import tools.jackson.databind.JsonNode;

/**
 * One audit record as the API shows it. {@code before}/{@code after} have secrets masked
 * as {@code "******"}.
 */
public record AuditRecordView(long id, Instant occurredAt, String actorKind, String actorName, String sourceAddress,
		String requestId, String action, String targetType, String targetId, String outcome, JsonNode before,
		JsonNode after, String detail) {

}
