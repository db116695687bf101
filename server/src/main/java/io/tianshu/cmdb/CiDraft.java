package io.tianshu.cmdb;

import java.util.Map;
import java.util.UUID;

/**
 * A CI as written: on create the model is required and the state defaults to
 * {@link LifecycleState#PLANNED}; on update the model must be absent or equal, the state
 * is changed only through {@link ConfigurationItems#changeState}, and the attributes
 * replace the current ones (a default applies only on create).
 */
public record CiDraft(String model, String name, LifecycleState state, UUID ownerTeamId,
		Map<String, Object> attributes) {
}
