package io.tianshu.maturity;

/**
 * A link from evidence to a record in Tianshu.
 *
 * @param type what is linked
 * @param target the CI id, the audit query ({@code action=platform.role.*}), the alert
 * rule id, or a path inside Tianshu starting with {@code /}
 * @param label how to show it, may be {@code null}
 */
public record EvidenceLink(Type type, String target, String label) {

	/** The kinds of record evidence can point to. */
	public enum Type {

		/** A configuration item (配置项), by id. */
		CI,
		/** An audit trail query, as the audit page's query string. */
		AUDIT_QUERY,
		/** An alert rule (告警规则), by id. */
		ALERT_RULE,
		/** Any page or API path inside Tianshu. */
		URL

	}

}
