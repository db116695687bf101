package io.tianshu.cmdb.webhook;

import java.util.UUID;
import java.util.function.BinaryOperator;

import io.tianshu.platform.SealedColumn;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Webhook signing secrets are sealed per subscription; a key rotation re-seals them here.
 */
@Component
class WebhookSecretColumn implements SealedColumn {

	private final JdbcClient jdbc;

	WebhookSecretColumn(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	static String context(UUID webhookId) {
		return "cmdb.webhook.secret:" + webhookId;
	}

	@Override
	public int reseal(BinaryOperator<String> resealer) {
		record Row(UUID id, String secret) {
		}
		var rows = this.jdbc.sql("SELECT id, secret FROM cmdb.webhook FOR UPDATE")
			.query((rs, n) -> new Row(rs.getObject(1, UUID.class), rs.getString(2)))
			.list();
		for (Row row : rows) {
			this.jdbc.sql("UPDATE cmdb.webhook SET secret = ? WHERE id = ?")
				.params(resealer.apply(context(row.id()), row.secret()), row.id())
				.update();
		}
		return rows.size();
	}

}
