package io.tianshu.cmdb.webhook;

import java.util.List;

import io.tianshu.cmdb.CiChanged;
import io.tianshu.cmdb.RelationChanged;

/**
 * The event kinds a subscription can ask for, as sent in {@code X-Tianshu-Event}.
 */
public final class WebhookEvents {

	public static final String CI_CREATED = "ci.created";

	public static final String CI_UPDATED = "ci.updated";

	public static final String CI_STATE_CHANGED = "ci.state-changed";

	public static final String CI_RETIRED = "ci.retired";

	public static final String CI_VERIFIED = "ci.verified";

	public static final String RELATION_CREATED = "relation.created";

	public static final String RELATION_DELETED = "relation.deleted";

	/** Sent by {@code POST /webhooks/{id}/ping} only; not subscribable. */
	public static final String PING = "ping";

	/** Every subscribable kind, the default of a new subscription. */
	public static final List<String> ALL = List.of(CI_CREATED, CI_UPDATED, CI_STATE_CHANGED, CI_RETIRED, CI_VERIFIED,
			RELATION_CREATED, RELATION_DELETED);

	private WebhookEvents() {
	}

	static String of(CiChanged.Kind kind) {
		return switch (kind) {
			case CREATED -> CI_CREATED;
			case UPDATED -> CI_UPDATED;
			case STATE_CHANGED -> CI_STATE_CHANGED;
			case RETIRED -> CI_RETIRED;
			case VERIFIED -> CI_VERIFIED;
		};
	}

	static String of(RelationChanged.Kind kind) {
		return switch (kind) {
			case CREATED -> RELATION_CREATED;
			case DELETED -> RELATION_DELETED;
		};
	}

}
