package io.tianshu.event;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Integration look-ups for ingest code (HTTP endpoints, syslog and SNMP listeners). These
 * are trusted internal calls and check no permission; managing integrations goes through
 * {@code /api/v1/events/integrations} ({@link EventPermissions#INTEGRATION_MANAGE}).
 */
public interface Integrations {

	Optional<IntegrationInfo> find(UUID id);

	/**
	 * The integration whose token this is (enabled or not), from a short-lived cache of
	 * the SHA-256 hashes; empty for an unknown token.
	 */
	Optional<IntegrationInfo> byToken(String token);

	/** The enabled integrations of a kind (a listener's configuration). */
	List<IntegrationInfo> enabledOfKind(IntegrationKind kind);

}
