package io.tianshu.event;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Alert groups (告警组) formed by grouping rules, for modules that turn them into incidents.
 * Needs {@link EventPermissions#ALERT_READ}.
 */
public interface AlertGroups {

	Optional<AlertGroupView> find(UUID id);

	/** The ids of the group's alerts, oldest first (active and resolved). */
	List<Long> alertIds(UUID id);

}
