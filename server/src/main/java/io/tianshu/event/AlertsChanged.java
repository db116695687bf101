package io.tianshu.event;

import java.util.Set;

/**
 * Alerts changed in a way other than opening ({@link AlertOpened}) and resolving
 * ({@link AlertResolved}): a new occurrence or a duplicate, an acknowledgement, an
 * assignment, a comment, suppression, closing. A light in-process notification for live
 * views (the alert stream), published synchronously in the changing transaction — one per
 * intake batch, one per manual change. Listen with a plain {@code @EventListener} (a
 * transactional or {@code @ApplicationModuleListener} listener would make every intake
 * batch write an event publication); for reliable processing use the other events.
 *
 * @param alertIds the alerts that changed
 */
public record AlertsChanged(Set<Long> alertIds) {

	public AlertsChanged {
		alertIds = Set.copyOf(alertIds);
	}

}
