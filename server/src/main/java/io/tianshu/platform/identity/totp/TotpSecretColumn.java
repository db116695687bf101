package io.tianshu.platform.identity.totp;

import java.util.UUID;
import java.util.function.BinaryOperator;

import io.tianshu.platform.SealedColumn;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * TOTP secrets (confirmed and pending) are sealed per user; a key rotation re-seals them
 * here.
 */
@Component
class TotpSecretColumn implements SealedColumn {

	private final JdbcClient jdbc;

	TotpSecretColumn(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	static String context(UUID userId) {
		return "platform.users.totp:" + userId;
	}

	@Override
	public int reseal(BinaryOperator<String> resealer) {
		record Row(UUID id, String secret, String pending) {
		}
		var rows = this.jdbc.sql("""
				SELECT id, totp_secret, totp_pending_secret FROM platform.users
				WHERE totp_secret IS NOT NULL OR totp_pending_secret IS NOT NULL FOR UPDATE""")
			.query((rs, n) -> new Row(rs.getObject(1, UUID.class), rs.getString(2), rs.getString(3)))
			.list();
		for (Row row : rows) {
			String context = context(row.id());
			this.jdbc.sql("UPDATE platform.users SET totp_secret = ?, totp_pending_secret = ? WHERE id = ?")
				.params((row.secret() != null) ? resealer.apply(context, row.secret()) : null,
						(row.pending() != null) ? resealer.apply(context, row.pending()) : null, row.id())
				.update();
		}
		return rows.size();
	}

}
