package io.tianshu.cmdb.quality;

import java.nio.charset.StandardCharsets;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.tianshu.cmdb.AttributeDefinition;
import io.tianshu.cmdb.CiModel;
import io.tianshu.cmdb.CmdbPermissions;
import io.tianshu.cmdb.DataQuality;
import io.tianshu.cmdb.QualityReport;
import io.tianshu.cmdb.QualityReport.ModelQuality;
import io.tianshu.cmdb.QualityReport.OwnerQuality;
import io.tianshu.cmdb.QualityScore;
import io.tianshu.cmdb.QualityTrendPoint;
import io.tianshu.cmdb.model.ModelCatalog;
import io.tianshu.cmdb.quality.QualityRecords.AttributeCompleteness;
import io.tianshu.cmdb.quality.QualityRecords.MissingAttribute;
import io.tianshu.cmdb.quality.QualityRecords.ModelQualityDetail;
import io.tianshu.cmdb.quality.QualityRecords.QualityIssue;
import io.tianshu.platform.Authorization;
import io.tianshu.platform.CursorPage;
import io.tianshu.platform.FieldViolation;
import io.tianshu.platform.TianshuException;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Data-quality scores computed in PostgreSQL over the JSONB attributes: one aggregate
 * statement per call (no per-CI work in Java), so it stays fast on 100,000 CIs. The
 * required/recommended flags come from the models' JSONB definitions in the same
 * statement, so a model change counts at once.
 */
@Service
public class QualityScores implements DataQuality {

	/**
	 * Whether the JSON value {@code v} counts as filled: not null, not blank, not [] /
	 * {}.
	 */
	private static String filled(String v) {
		return "(" + v + " IS NOT NULL AND jsonb_typeof(" + v + ") <> 'null' AND btrim(" + v + " #>> '{}') <> ''"
				+ " AND " + v + " <> '[]'::jsonb AND " + v + " <> '{}'::jsonb)";
	}

	/**
	 * The freshness test of CI alias {@code c}, with parameters :now, :windows, :days.
	 */
	private static final String FRESH = """
			(greatest(c.updated_at, c.verified_at) >= CAST(:now AS timestamptz)
			  - make_interval(days => coalesce((CAST(:windows AS jsonb) ->> c.model_code)::int, :days)))""";

	/** Required or recommended attributes of every model, with their position. */
	private static final String SLOTS = """
			SELECT m.code AS model_code, a.value ->> 'code' AS code, a.ordinality AS ord
			FROM cmdb.model m CROSS JOIN LATERAL jsonb_array_elements(m.definition -> 'attributes') WITH ORDINALITY a
			WHERE coalesce((a.value ->> 'required')::boolean, false)
			  OR coalesce((a.value ->> 'recommended')::boolean, false)""";

	private final JdbcClient jdbc;

	private final JsonMapper json;

	private final ModelCatalog models;

	private final Authorization authorization;

	private final QualityProperties properties;

	private final Clock clock;

	QualityScores(JdbcClient jdbc, JsonMapper json, ModelCatalog models, Authorization authorization,
			QualityProperties properties, Clock clock) {
		this.jdbc = jdbc;
		this.json = json;
		this.models = models;
		this.authorization = authorization;
		this.properties = properties;
		this.clock = clock;
	}

	@Override
	@Transactional(readOnly = true)
	public QualityReport current() {
		this.authorization.require(CmdbPermissions.CI_READ);
		return report();
	}

	/** The report without a permission check (daily snapshot). */
	QualityReport report() {
		Instant now = this.clock.instant();
		String sql = """
				WITH slot AS (%s),
				live AS MATERIALIZED (
				  SELECT c.model_code, coalesce(c.owner_team_id, m.owner_team_id) AS owner, c.attributes,
				    %s AS fresh
				  FROM cmdb.ci c JOIN cmdb.model m ON m.code = c.model_code
				  WHERE c.state <> 'RETIRED'),
				base AS (
				  SELECT model_code, owner, count(*) AS cis, count(*) FILTER (WHERE fresh) AS fresh,
				    0::bigint AS slots, 0::bigint AS filled
				  FROM live GROUP BY model_code, owner
				  UNION ALL
				  SELECT l.model_code, l.owner, 0, 0, count(*), count(*) FILTER (WHERE %s)
				  FROM live l JOIN slot s ON s.model_code = l.model_code GROUP BY l.model_code, l.owner)
				SELECT g.gm, g.go, g.model_code, g.owner, g.cis, g.fresh, g.slots, g.filled, m.name
				FROM (SELECT GROUPING(model_code) AS gm, GROUPING(owner) AS go, model_code, owner, sum(cis) AS cis,
				        sum(fresh) AS fresh, sum(slots) AS slots, sum(filled) AS filled
				      FROM base GROUP BY GROUPING SETS ((), (model_code), (owner))) g
				LEFT JOIN cmdb.model m ON m.code = g.model_code
				ORDER BY g.gm, g.go, g.model_code, g.owner""".formatted(SLOTS, FRESH, filled("l.attributes -> s.code"));
		QualityScore[] overall = { score(0, 0, 0, 0) };
		List<ModelQuality> perModel = new ArrayList<>();
		List<OwnerQuality> perOwner = new ArrayList<>();
		freshnessParams(this.jdbc.sql(sql), now).query((ResultSet rs) -> {
			boolean byModel = rs.getInt("gm") == 0;
			boolean byOwner = rs.getInt("go") == 0;
			QualityScore score = score(rs.getLong("cis"), rs.getLong("slots"), rs.getLong("filled"),
					rs.getLong("fresh"));
			if (byModel) {
				String code = rs.getString("model_code");
				perModel.add(new ModelQuality(code, rs.getString("name"), this.properties.windowOf(code), score));
			}
			else if (byOwner) {
				perOwner.add(new OwnerQuality(rs.getObject("owner", UUID.class), score));
			}
			else {
				overall[0] = score;
			}
		});
		double wc = this.properties.completenessShare();
		return new QualityReport(now, round4(wc), round4(1 - wc), this.properties.freshnessDays(), overall[0], perModel,
				perOwner);
	}

	/** One model's scores and the completeness of each attribute. */
	@Transactional(readOnly = true)
	public ModelQualityDetail model(String code) {
		this.authorization.require(CmdbPermissions.CI_READ);
		CiModel model = this.models.find(code)
			.orElseThrow(() -> TianshuException.notFound("cmdb.model.not-found", "No model " + code));
		String sql = """
				WITH live AS MATERIALIZED (
				  SELECT c.attributes, %s AS fresh FROM cmdb.ci c
				  WHERE c.model_code = :model AND c.state <> 'RETIRED')
				SELECT NULL AS code, count(*) AS n, count(*) FILTER (WHERE fresh) AS fresh FROM live
				UNION ALL
				SELECT e.key, count(*), 0 FROM live l CROSS JOIN LATERAL jsonb_each(l.attributes) e
				WHERE %s GROUP BY e.key""".formatted(FRESH, filled("e.value"));
		Map<String, Long> filled = new HashMap<>();
		long[] totals = new long[2];
		freshnessParams(this.jdbc.sql(sql), this.clock.instant()).param("model", model.code()).query((ResultSet rs) -> {
			String attribute = rs.getString("code");
			if (attribute == null) {
				totals[0] = rs.getLong("n");
				totals[1] = rs.getLong("fresh");
			}
			else {
				filled.put(attribute, rs.getLong("n"));
			}
		});
		long cis = totals[0];
		long slots = 0;
		long filledSlots = 0;
		List<AttributeCompleteness> attributes = new ArrayList<>();
		for (AttributeDefinition attribute : model.attributes()) {
			boolean counted = attribute.required() || attribute.recommended();
			long n = filled.getOrDefault(attribute.code(), 0L);
			if (counted) {
				slots += cis;
				filledSlots += n;
			}
			attributes.add(new AttributeCompleteness(attribute.code(), attribute.name(), attribute.required(),
					attribute.recommended(), counted, n, cis, (cis > 0) ? round1(100.0 * n / cis) : null));
		}
		return new ModelQualityDetail(model.code(), model.name(), this.properties.windowOf(model.code()),
				score(cis, slots, filledSlots, totals[1]), attributes);
	}

	/**
	 * The CIs that lower the scores, by name.
	 * @param model a model code or {@code null}
	 * @param owner a team id, {@code none} for CIs without an owner, or {@code null}
	 * @param kind {@code incomplete}, {@code stale} or {@code null} for both
	 */
	@Transactional(readOnly = true)
	public CursorPage<QualityIssue> issues(String model, String owner, String kind, String cursor, int limit) {
		this.authorization.require(CmdbPermissions.CI_READ);
		List<FieldViolation> violations = new ArrayList<>();
		if (model != null && this.models.find(model).isEmpty()) {
			violations.add(new FieldViolation("model", "cmdb.quality.unknown-model", "no model " + model));
		}
		UUID ownerId = null;
		if (owner != null && !"none".equals(owner)) {
			try {
				ownerId = UUID.fromString(owner);
			}
			catch (IllegalArgumentException ex) {
				violations.add(
						new FieldViolation("owner", "cmdb.quality.owner-invalid", "owner must be a team id or 'none'"));
			}
		}
		if (kind != null && !"incomplete".equals(kind) && !"stale".equals(kind)) {
			violations.add(new FieldViolation("kind", "cmdb.quality.kind-invalid", "kind must be incomplete or stale"));
		}
		if (limit < 1 || limit > 200) {
			violations.add(new FieldViolation("limit", "cmdb.quality.limit-invalid", "limit must be 1–200"));
		}
		String[] position = null;
		if (cursor != null) {
			try {
				String text = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
				int split = text.lastIndexOf('\u0000');
				position = new String[] { text.substring(0, split), text.substring(split + 1) };
				UUID.fromString(position[1]);
			}
			catch (IllegalArgumentException | IndexOutOfBoundsException ex) {
				violations.add(new FieldViolation("cursor", "cmdb.quality.cursor-invalid", "the cursor is not valid"));
			}
		}
		if (!violations.isEmpty()) {
			throw TianshuException.invalid("The query is invalid", violations);
		}
		StringBuilder where = new StringBuilder("c.state <> 'RETIRED'");
		Map<String, Object> params = new LinkedHashMap<>();
		if (model != null) {
			where.append(" AND c.model_code = :model");
			params.put("model", model);
		}
		if ("none".equals(owner)) {
			where.append(" AND coalesce(c.owner_team_id, m.owner_team_id) IS NULL");
		}
		else if (ownerId != null) {
			where.append(" AND coalesce(c.owner_team_id, m.owner_team_id) = :owner");
			params.put("owner", ownerId);
		}
		if (position != null) {
			where.append(" AND (c.name, c.id) > (:cursorName, :cursorId)");
			params.put("cursorName", position[0]);
			params.put("cursorId", UUID.fromString(position[1]));
		}
		String which = (kind == null) ? "cardinality(x.missing) > 0 OR NOT x.fresh"
				: "incomplete".equals(kind) ? "cardinality(x.missing) > 0" : "NOT x.fresh";
		String sql = """
				WITH slot AS (%s)
				SELECT * FROM (
				  SELECT c.id, c.name, c.model_code, coalesce(c.owner_team_id, m.owner_team_id) AS owner, c.state,
				    c.updated_at, c.verified_at, greatest(c.updated_at, c.verified_at) AS seen, %s AS fresh,
				    ARRAY(SELECT s.code FROM slot s WHERE s.model_code = c.model_code
				          AND NOT %s ORDER BY s.ord) AS missing
				  FROM cmdb.ci c JOIN cmdb.model m ON m.code = c.model_code
				  WHERE %s) x
				WHERE %s
				ORDER BY x.name, x.id LIMIT %d""".formatted(SLOTS, FRESH, filled("c.attributes -> s.code"), where,
				which, limit + 1);
		Instant now = this.clock.instant();
		record Row(UUID id, String name, String model, UUID owner, String state, Instant updatedAt, Instant verifiedAt,
				Instant seen, boolean fresh, List<String> missing) {
		}
		List<Row> rows = freshnessParams(this.jdbc.sql(sql), now).params(params)
			.query((rs, n) -> new Row(rs.getObject("id", UUID.class), rs.getString("name"), rs.getString("model_code"),
					rs.getObject("owner", UUID.class), rs.getString("state"), instant(rs, "updated_at"),
					instant(rs, "verified_at"), instant(rs, "seen"), rs.getBoolean("fresh"),
					List.of((String[]) rs.getArray("missing").getArray())))
			.list();
		String next = null;
		if (rows.size() > limit) {
			rows = rows.subList(0, limit);
			Row last = rows.get(limit - 1);
			next = Base64.getUrlEncoder()
				.withoutPadding()
				.encodeToString((last.name() + "\u0000" + last.id()).getBytes(StandardCharsets.UTF_8));
		}
		Map<String, CiModel> byCode = new HashMap<>();
		List<QualityIssue> items = new ArrayList<>();
		for (Row row : rows) {
			CiModel m = byCode.computeIfAbsent(row.model(), (c) -> this.models.find(c).orElse(null));
			List<MissingAttribute> missing = row.missing().stream().map((code) -> {
				AttributeDefinition a = (m != null) ? m.attribute(code).orElse(null) : null;
				return new MissingAttribute(code, (a != null) ? a.name() : code, a != null && a.required());
			}).toList();
			items.add(new QualityIssue(row.id(), row.name(), row.model(), row.owner(), row.state(), missing,
					!missing.isEmpty(), !row.fresh(), row.updatedAt(), row.verifiedAt(), row.seen(),
					Duration.between(row.seen(), now).toDays(), this.properties.windowOf(row.model())));
		}
		return new CursorPage<>(items, next);
	}

	@Override
	@Transactional(readOnly = true)
	public List<QualityTrendPoint> trend(int days) {
		return trend(days, "overall", "");
	}

	/**
	 * The daily snapshots of the last {@code days} days of one scope: {@code overall},
	 * {@code model} (key: model code) or {@code owner} (key: team id, '' for none).
	 */
	@Transactional(readOnly = true)
	public List<QualityTrendPoint> trend(int days, String scope, String key) {
		this.authorization.require(CmdbPermissions.CI_READ);
		if (days < 1 || days > 366) {
			throw TianshuException.invalidField("days", "cmdb.quality.days-invalid", "days must be 1–366");
		}
		LocalDate today = QualitySnapshots.today(this.clock);
		return this.jdbc.sql("""
				SELECT day, cis, slots, filled, fresh, completeness, freshness, overall FROM cmdb.quality_snapshot
				WHERE scope = ? AND scope_key = ? AND day > ? ORDER BY day""")
			.params(scope, key, today.minusDays(days))
			.query((rs, n) -> new QualityTrendPoint(rs.getObject("day", LocalDate.class),
					new QualityScore(decimal(rs, "completeness"), decimal(rs, "freshness"), decimal(rs, "overall"),
							rs.getLong("cis"), rs.getLong("slots"), rs.getLong("filled"), rs.getLong("fresh"))))
			.list();
	}

	private JdbcClient.StatementSpec freshnessParams(JdbcClient.StatementSpec statement, Instant now) {
		return statement.param("now", Timestamp.from(now))
			.param("windows", this.json.writeValueAsString(this.properties.modelFreshnessDays()))
			.param("days", this.properties.freshnessDays());
	}

	/** The scores from the counts; the overall score uses the unrounded parts. */
	QualityScore score(long cis, long slots, long filled, long fresh) {
		Double completeness = (slots > 0) ? 100.0 * filled / slots : null;
		Double freshness = (cis > 0) ? 100.0 * fresh / cis : null;
		Double overall;
		if (completeness != null && freshness != null) {
			double wc = this.properties.completenessShare();
			overall = wc * completeness + (1 - wc) * freshness;
		}
		else {
			overall = (completeness != null) ? completeness : freshness;
		}
		return new QualityScore(round1(completeness), round1(freshness), round1(overall), cis, slots, filled, fresh);
	}

	private static Double round1(Double value) {
		return (value != null) ? Math.round(value * 10) / 10.0 : null;
	}

	private static double round4(double value) {
		return Math.round(value * 10000) / 10000.0;
	}

	private static Instant instant(ResultSet rs, String column) throws SQLException {
		Timestamp value = rs.getTimestamp(column);
		return (value != null) ? value.toInstant() : null;
	}

	private static Double decimal(ResultSet rs, String column) throws SQLException {
		java.math.BigDecimal value = rs.getBigDecimal(column);
		return (value != null) ? value.doubleValue() : null;
	}

}
