package io.tianshu.event;

import java.util.List;

import io.tianshu.platform.PermissionDefinition;

/**
 * The event center's permissions ({@code event.<thing>.<verb>}). Ingest endpoints need
 * none: they authenticate by their integration's token only.
 */
public final class EventPermissions {

	/** Query, view and export alerts and their timelines. */
	public static final String ALERT_READ = "event.alert.read";

	/** Acknowledge, resolve, close, assign and comment on alerts. */
	public static final String ALERT_WRITE = "event.alert.write";

	/**
	 * Create, change, disable and delete integrations; rotate their tokens; see their
	 * statistics.
	 */
	public static final String INTEGRATION_MANAGE = "event.integration.manage";

	/**
	 * Manage drop/transform rules, CMDB enrichment rules, grouping rules, inhibition
	 * rules and topology inhibition.
	 */
	public static final String RULE_MANAGE = "event.rule.manage";

	/** Create, change and expire silences (静默) and maintenance windows (维护窗口). */
	public static final String SILENCE_MANAGE = "event.silence.manage";

	private EventPermissions() {
	}

	/** Every event center permission with its description in Chinese and English. */
	public static List<PermissionDefinition> all() {
		return List.of(new PermissionDefinition(ALERT_READ, "查看告警", "View, query and export alerts"),
				new PermissionDefinition(ALERT_WRITE, "处理告警",
						"Acknowledge, resolve, close, assign and comment on alerts"),
				new PermissionDefinition(INTEGRATION_MANAGE, "管理告警接入", "Manage alert integrations and their tokens"),
				new PermissionDefinition(RULE_MANAGE, "管理告警规则",
						"Manage drop/transform, enrichment, grouping and inhibition rules"),
				new PermissionDefinition(SILENCE_MANAGE, "管理静默与维护窗口", "Manage silences and maintenance windows"));
	}

}
