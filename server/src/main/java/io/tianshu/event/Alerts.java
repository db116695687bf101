package io.tianshu.event;

import java.util.List;
import java.util.UUID;

import io.tianshu.platform.CursorPage;

/**
 * Alerts and their lifecycle (告警处理). Reads need {@link EventPermissions#ALERT_READ},
 * changes {@link EventPermissions#ALERT_WRITE}. Every manual change is audited and added
 * to the alert's timeline in the same transaction; a change the alert's state does not
 * allow is refused 409 {@code event.alert.transition-invalid}.
 */
public interface Alerts {

	CursorPage<AlertView> search(AlertQuery query);

	AlertFacets facets(AlertQuery query);

	AlertView get(long id);

	/** Oldest first: received signals and everything else that happened. */
	List<TimelineEntry> timeline(long id);

	/** OPEN or SUPPRESSED → ACKNOWLEDGED. */
	AlertView acknowledge(long id, String comment);

	/** OPEN, ACKNOWLEDGED or SUPPRESSED → RESOLVED (publishes {@link AlertResolved}). */
	AlertView resolve(long id, String comment);

	/** Any state but CLOSED → CLOSED (final). */
	AlertView close(long id, String comment);

	/** Assigns to a user (login name) and/or a team; both {@code null} unassigns. */
	AlertView assign(long id, String user, UUID team);

	AlertView comment(long id, String text);

	/**
	 * OPEN or ACKNOWLEDGED → SUPPRESSED, for silences and inhibition (as the caller,
	 * usually the system); the reason goes to the timeline.
	 */
	AlertView suppress(long id, String reason);

	/** SUPPRESSED → OPEN, when the silence or inhibition ends. */
	AlertView unsuppress(long id, String reason);

}
