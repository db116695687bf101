package io.tianshu.cmdb.transfer;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;
import java.util.function.Function;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowCallbackHandler;

/**
 * Multi-row statements over PostgreSQL arrays ({@code unnest(?::uuid[], ?::text[])}): one
 * statement per chunk instead of one per row, in the caller's transaction.
 */
final class BulkSql {

	static final int CHUNK = 10_000;

	private final JdbcTemplate jdbc;

	BulkSql(JdbcTemplate jdbc) {
		this.jdbc = jdbc;
	}

	/**
	 * One array parameter: how each item gives its value. It is bound as {@code text[]};
	 * the statement casts it to its element type ({@code ?::uuid[]}).
	 */
	record Param<T>(Function<T, Object> value) {
	}

	/**
	 * Runs {@code sql} once per chunk of {@code items}; {@code params} are bound in
	 * order, a {@link Param} as the array of its values over the chunk, anything else as
	 * is.
	 */
	<T> int update(String sql, List<T> items, Object... params) {
		int total = 0;
		for (int from = 0; from < items.size(); from += CHUNK) {
			List<T> chunk = items.subList(from, Math.min(items.size(), from + CHUNK));
			total += this.jdbc.execute((Connection con) -> {
				try (PreparedStatement ps = con.prepareStatement(sql)) {
					bind(con, ps, chunk, params);
					return ps.executeUpdate();
				}
			});
		}
		return total;
	}

	/** Runs a query per chunk of {@code items}, handing every row to {@code rows}. */
	<T> void query(String sql, List<T> items, RowCallbackHandler rows, Object... params) {
		for (int from = 0; from < items.size(); from += CHUNK) {
			List<T> chunk = items.subList(from, Math.min(items.size(), from + CHUNK));
			this.jdbc.query((Connection con) -> {
				PreparedStatement ps = con.prepareStatement(sql);
				bind(con, ps, chunk, params);
				return ps;
			}, rows);
		}
	}

	@SuppressWarnings("unchecked")
	private static <T> void bind(Connection con, PreparedStatement ps, List<T> chunk, Object[] params)
			throws SQLException {
		int index = 1;
		for (Object param : params) {
			if (param instanceof Param<?> array) {
				String[] values = new String[chunk.size()];
				for (int i = 0; i < values.length; i++) {
					Object value = ((Param<T>) array).value().apply(chunk.get(i));
					values[i] = (value != null) ? value.toString() : null;
				}
				// text[] goes in binary; the statement casts it
				// (?::uuid[]); other arrays went as one escaped
				// literal that PostgreSQL parsed again
				ps.setArray(index++, con.createArrayOf("text", values));
			}
			else {
				ps.setObject(index++, param);
			}
		}
	}

}
