package io.tianshu.event.rules;

import java.time.Instant;
import java.util.UUID;

/**
 * A CMDB enrichment rule (丰富规则): the value of {@code label} (or, with {@code pattern},
 * its first capture group) is looked up as attribute {@code attribute} of CIs of model
 * {@code ciModel} (any model when {@code null}); the first rule by position that finds
 * exactly one CI attributes the alert to it. The pseudo label {@code __resource__} is the
 * signal's resource (PagerDuty {@code source}, Zabbix host).
 */
public record EnrichmentRule(UUID id, String name, int position, boolean enabled, String label, String pattern,
		String ciModel, String attribute, Instant createdAt, Instant updatedAt) {
}
