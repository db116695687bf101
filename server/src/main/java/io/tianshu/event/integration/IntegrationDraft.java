package io.tianshu.event.integration;

import java.util.Map;

import io.tianshu.event.IntegrationKind;
import io.tianshu.event.Severity;

/**
 * What a client sends to create or change an integration; the kind cannot change.
 */
public record IntegrationDraft(String name, IntegrationKind kind, Boolean enabled, Severity defaultSeverity,
		Map<String, Severity> severityMapping, Map<String, Object> settings, String description) {
}
