package io.tianshu.platform.audit;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import io.tianshu.platform.Audit;
import io.tianshu.platform.AuditChainStatus;
import io.tianshu.platform.AuditEntry;
import io.tianshu.platform.AuditVerification;
import io.tianshu.platform.Authorization;
import io.tianshu.platform.CursorPage;
import io.tianshu.platform.PlatformPermissions;
import io.tianshu.platform.TianshuException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Reading the audit trail (审计): search with cursor pages, CSV export, chain verification.
 * Every method checks the caller's permission itself.
 */
@Component
public class AuditTrail implements AuditVerification {

	/** Page size when none is asked for. */
	public static final int DEFAULT_LIMIT = 50;

	/** The largest page; a larger limit is rejected. */
	public static final int MAX_LIMIT = 500;

	static final String EXPORTED = "platform.audit.exported";

	private static final int EXPORT_BATCH = 500;

	private static final Pattern CURSOR = Pattern.compile("id:(\\d{1,19})");

	private static final String COLUMNS = """
			id, occurred_at, actor_kind, actor_name, source_address, request_id, action, target_type, target_id,
			outcome, before::text AS before, after::text AS after, detail""";

	private final JdbcClient jdbc;

	private final Authorization authorization;

	private final Audit audit;

	private final ChainVerifier verifier;

	private final JsonMapper json;

	AuditTrail(JdbcClient jdbc, Authorization authorization, Audit audit, ChainVerifier verifier, JsonMapper json) {
		this.jdbc = jdbc;
		this.authorization = authorization;
		this.audit = audit;
		this.verifier = verifier;
		this.json = json;
	}

	/**
	 * One page of records matching the query, newest first (by id).
	 * @param cursor the {@code nextCursor} of the previous page, or {@code null} for the
	 * first
	 * @param limit 1 to {@value #MAX_LIMIT}
	 * @throws TianshuException 403 without {@code platform.audit.read}; 422 for a limit
	 * out of range or a cursor this method did not hand out
	 */
	public CursorPage<AuditRecordView> search(AuditQuery query, String cursor, int limit) {
		this.authorization.require(PlatformPermissions.AUDIT_READ);
		if (limit < 1 || limit > MAX_LIMIT) {
			throw TianshuException.invalidField("limit", "page.limit-out-of-range",
					"limit must be between 1 and " + MAX_LIMIT);
		}
		List<AuditRecordView> rows = page(query, decodeCursor(cursor), limit + 1);
		if (rows.size() <= limit) {
			return new CursorPage<>(rows, null);
		}
		List<AuditRecordView> items = rows.subList(0, limit);
		return new CursorPage<>(items, encodeCursor(items.get(limit - 1).id()));
	}

	/**
	 * Writes every record matching the query as CSV (RFC 4180, CRLF, a header row, cells
	 * that a spreadsheet would take for a formula prefixed with {@code '}), newest first,
	 * reading the table in batches. The export itself is audited as
	 * {@code platform.audit.exported} before the first row is written. The writer is not
	 * closed; the caller writes the byte order mark if it wants one.
	 * @throws TianshuException 403 without {@code platform.audit.export}
	 */
	public void exportCsv(AuditQuery query, Writer out) throws IOException {
		this.authorization.require(PlatformPermissions.AUDIT_EXPORT);
		this.audit.record(
				new AuditEntry(EXPORTED, "audit", null, AuditEntry.Outcome.SUCCESS, null, describe(query), null, null));
		AuditCsv csv = new AuditCsv(out);
		csv.row(AuditCsv.HEADER);
		Long before = null;
		while (true) {
			List<AuditRecordView> batch = page(query, before, EXPORT_BATCH);
			for (AuditRecordView r : batch) {
				csv.row(Arrays.asList(String.valueOf(r.id()), AuditChain.TIME.format(r.occurredAt()), r.actorKind(),
						r.actorName(), r.sourceAddress(), r.requestId(), r.action(), r.targetType(), r.targetId(),
						r.outcome(), jsonText(r.before()), jsonText(r.after()), r.detail()));
			}
			out.flush();
			if (batch.size() < EXPORT_BATCH) {
				return;
			}
			before = batch.get(batch.size() - 1).id();
		}
	}

	@Override
	public AuditChainStatus verifyChain() {
		if (!this.authorization.has(PlatformPermissions.SECURITY_POSTURE_READ)) {
			this.authorization.require(PlatformPermissions.AUDIT_READ);
		}
		return this.verifier.verify();
	}

	private List<AuditRecordView> page(AuditQuery q, Long beforeId, int limit) {
		StringBuilder where = new StringBuilder("TRUE");
		Map<String, Object> params = new LinkedHashMap<>();
		if (beforeId != null) {
			where.append(" AND id < :before");
			params.put("before", beforeId);
		}
		if (q.actor() != null) {
			where.append(" AND lower(actor_name) = lower(:actor)");
			params.put("actor", q.actor());
		}
		if (q.actionPrefix() != null) {
			where.append(" AND action LIKE :action ESCAPE '\\'");
			params.put("action", q.actionPrefix().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%");
		}
		if (q.targetType() != null) {
			where.append(" AND target_type = :targetType");
			params.put("targetType", q.targetType());
		}
		if (q.targetId() != null) {
			where.append(" AND target_id = :targetId");
			params.put("targetId", q.targetId());
		}
		if (q.outcome() != null) {
			where.append(" AND outcome = :outcome");
			params.put("outcome", q.outcome().name());
		}
		if (q.from() != null) {
			where.append(" AND occurred_at >= :from");
			params.put("from", q.from().atOffset(ZoneOffset.UTC));
		}
		if (q.to() != null) {
			where.append(" AND occurred_at < :to");
			params.put("to", q.to().atOffset(ZoneOffset.UTC));
		}
		params.put("limit", limit);
		return this.jdbc
			.sql("SELECT " + COLUMNS + " FROM platform.audit_record WHERE " + where + " ORDER BY id DESC LIMIT :limit")
			.params(params)
			.query((rs, n) -> new AuditRecordView(rs.getLong("id"),
					rs.getObject("occurred_at", OffsetDateTime.class).toInstant(), rs.getString("actor_kind"),
					rs.getString("actor_name"), rs.getString("source_address"), rs.getString("request_id"),
					rs.getString("action"), rs.getString("target_type"), rs.getString("target_id"),
					rs.getString("outcome"), node(rs.getString("before")), node(rs.getString("after")),
					rs.getString("detail")))
			.list();
	}

	private JsonNode node(String text) {
		return (text != null) ? this.json.readTree(text) : null;
	}

	private String jsonText(JsonNode node) {
		return (node != null) ? this.json.writeValueAsString(node) : null;
	}

	private static Map<String, Object> describe(AuditQuery q) {
		Map<String, Object> filters = new LinkedHashMap<>();
		filters.put("actor", q.actor());
		filters.put("action", q.actionPrefix());
		filters.put("targetType", q.targetType());
		filters.put("targetId", q.targetId());
		filters.put("outcome", (q.outcome() != null) ? q.outcome().name() : null);
		filters.put("from", (q.from() != null) ? q.from().toString() : null);
		filters.put("to", (q.to() != null) ? q.to().toString() : null);
		return filters;
	}

	static String encodeCursor(long id) {
		return Base64.getUrlEncoder().withoutPadding().encodeToString(("id:" + id).getBytes(StandardCharsets.UTF_8));
	}

	static Long decodeCursor(String cursor) {
		if (cursor == null || cursor.isBlank()) {
			return null;
		}
		try {
			String text = new String(Base64.getUrlDecoder().decode(cursor.strip()), StandardCharsets.UTF_8);
			var m = CURSOR.matcher(text);
			if (m.matches()) {
				return Long.parseLong(m.group(1));
			}
		}
		catch (IllegalArgumentException ex) {
			// not base64 or out of range: answered below like any foreign cursor
		}
		throw TianshuException.invalidField("cursor", "page.cursor-invalid", "The cursor is not one this API issued");
	}

}
