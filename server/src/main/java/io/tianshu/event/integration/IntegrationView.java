package io.tianshu.event.integration;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import io.tianshu.event.IntegrationKind;
import io.tianshu.event.Severity;

/**
 * An integration as the management API shows it; {@code token} only in the answer to
 * creating it or rotating its token (shown once, stored hashed).
 */
public record IntegrationView(UUID id, String name, IntegrationKind kind, boolean enabled, Severity defaultSeverity,
		Map<String, Severity> severityMapping, Map<String, Object> settings, String description, String tokenHint,
		Instant tokenRotatedAt, Instant createdAt, Instant updatedAt, String token, String ingestPath) {
}
