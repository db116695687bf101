package io.tianshu.cmdb.webhook;

import java.sql.Array;
import java.sql.SQLException;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import io.tianshu.platform.PermissionScope;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** The enabled subscriptions a change may go to, with their filters and stored scope. */
@Component
class WebhookSubscriptions {

	private final JdbcClient jdbc;

	private final JsonMapper json;

	WebhookSubscriptions(JdbcClient jdbc, JsonMapper json) {
		this.jdbc = jdbc;
		this.json = json;
	}

	/**
	 * An enabled subscription.
	 *
	 * @param models model codes, empty for all
	 * @param attributes attribute codes, empty for no attribute filter
	 * @param events the event kinds it asked for
	 * @param scope where its saver could read
	 */
	record Subscription(UUID id, Set<String> models, Set<String> attributes, Set<String> events,
			PermissionScope scope) {

		/** Whether a change of a CI of one of the models matches the model filter. */
		boolean wantsModel(String... models) {
			if (this.models.isEmpty()) {
				return true;
			}
			for (String model : models) {
				if (model != null && this.models.contains(model)) {
					return true;
				}
			}
			return false;
		}

	}

	/** The enabled subscriptions that asked for at least one of the kinds. */
	List<Subscription> enabled(Collection<String> kinds) {
		return this.jdbc.sql("""
				SELECT id, models, attributes, events, scope::text FROM cmdb.webhook
				WHERE enabled AND events && ?::text[]""")
			.param(kinds.toArray(String[]::new))
			.query((rs, n) -> new Subscription(rs.getObject(1, UUID.class), set(rs.getArray(2)), set(rs.getArray(3)),
					set(rs.getArray(4)), WebhookScopes.fromJson(rs.getString(5), this.json)))
			.list();
	}

	static Set<String> set(Array array) throws SQLException {
		return (array != null) ? Set.copyOf(java.util.Arrays.asList((String[]) array.getArray())) : Set.of();
	}

}
