package io.tianshu.cmdb;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/**
 * A configuration item (配置项) as it is now, or as it was at a point in time.
 *
 * @param id stable id
 * @param model model code
 * @param name display name
 * @param state lifecycle state
 * @param ownerTeamId the data steward team, or {@code null}
 * @param attributes attribute values by code (JSON values)
 * @param version change counter, 1 when created
 * @param createdAt when created
 * @param updatedAt when last changed
 */
public record ConfigurationItem(CiId id, String model, String name, LifecycleState state, UUID ownerTeamId,
		Map<String, Object> attributes, int version, Instant createdAt, Instant updatedAt) {
}
