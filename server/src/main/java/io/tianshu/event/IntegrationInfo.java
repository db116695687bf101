package io.tianshu.event;

import java.util.Locale;
import java.util.Map;
import java.util.UUID;

/**
 * An integration (告警接入) as the intake and listeners see it.
 *
 * @param id its id
 * @param name its name
 * @param kind the protocol it speaks
 * @param enabled whether it accepts signals
 * @param defaultSeverity the severity of signals whose own severity maps to nothing
 * @param severityMapping the integration's own source severity (lower case) → common
 * severity, consulted before the kind's defaults ({@link SeverityMapping})
 * @param settings kind-specific settings (generic JSON mapping, resolve timeout, listener
 * options)
 */
public record IntegrationInfo(UUID id, String name, IntegrationKind kind, boolean enabled, Severity defaultSeverity,
		Map<String, Severity> severityMapping, Map<String, Object> settings) {

	public IntegrationInfo {
		severityMapping = (severityMapping != null) ? Map.copyOf(severityMapping) : Map.of();
		settings = (settings != null) ? Map.copyOf(settings) : Map.of();
	}

	/** The common severity of a source's severity name ({@code null} → the default). */
	public Severity severityOf(String sourceSeverity) {
		if (sourceSeverity == null || sourceSeverity.isBlank()) {
			return this.defaultSeverity;
		}
		Severity own = this.severityMapping.get(sourceSeverity.strip().toLowerCase(Locale.ROOT));
		if (own != null) {
			return own;
		}
		return SeverityMapping.defaults(this.kind, sourceSeverity).orElse(this.defaultSeverity);
	}

}
