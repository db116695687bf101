package io.tianshu.event.analytics;

import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Consumer;

import io.tianshu.cmdb.CiId;
import io.tianshu.cmdb.CmdbPermissions;
import io.tianshu.cmdb.ConfigurationItems;
import io.tianshu.event.EventPermissions;
import io.tianshu.event.IntegrationKind;
import io.tianshu.event.Severity;
import io.tianshu.event.analytics.AnalyticsViews.Counts;
import io.tianshu.event.analytics.AnalyticsViews.Durations;
import io.tianshu.event.analytics.AnalyticsViews.Groups;
import io.tianshu.event.analytics.AnalyticsViews.Indicators;
import io.tianshu.event.analytics.AnalyticsViews.Missed;
import io.tianshu.event.analytics.AnalyticsViews.Noise;
import io.tianshu.event.analytics.AnalyticsViews.ResponseGroup;
import io.tianshu.event.analytics.AnalyticsViews.ResponseTimes;
import io.tianshu.event.analytics.AnalyticsViews.RuleHits;
import io.tianshu.event.analytics.AnalyticsViews.Series;
import io.tianshu.event.analytics.AnalyticsViews.Timely;
import io.tianshu.event.analytics.AnalyticsViews.Top;
import io.tianshu.event.analytics.AnalyticsViews.TopEntry;
import io.tianshu.platform.Authorization;
import io.tianshu.platform.TianshuException;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Event analytics (B8, 告警分析): counts over time, MTTA/MTTR, noise reduction, top noisy
 * sources and rules, and the 003 §5.5.2 indicators 异常报告及时率 and 异常漏报率. Every figure is one
 * aggregate query over a {@code first_seen} (alerts) or {@code received_at} (raw events)
 * range, so PostgreSQL prunes the monthly partitions outside it. Definitions:
 * docs/event-analytics.md. Needs {@link EventPermissions#ALERT_READ}; CI and business
 * system names are added for callers who may read the CMDB.
 */
@Service
class EventAnalytics {

	/** How many series a chart gets before the rest is summed as {@code other}. */
	static final int MAX_SERIES = 10;

	private static final String MANUAL = IntegrationKind.MANUAL.code();

	private final JdbcClient jdbc;

	private final Authorization authorization;

	private final ConfigurationItems items;

	private final AnalyticsDefaults defaults;

	EventAnalytics(JdbcClient jdbc, Authorization authorization, ConfigurationItems items, AnalyticsDefaults defaults) {
		this.jdbc = jdbc;
		this.authorization = authorization;
		this.items = items;
		this.defaults = defaults;
	}

	/** Narrows alert figures; empty sets and {@code null} mean any. */
	record Filter(Set<Severity> severities, Set<IntegrationKind> sources, UUID businessSystem) {

		static final Filter NONE = new Filter(Set.of(), Set.of(), null);

		void apply(StringBuilder sql, Map<String, Object> params, String alias) {
			String p = (alias != null) ? alias + "." : "";
			if (!this.severities.isEmpty()) {
				sql.append(" AND ").append(p).append("severity IN (:severities)");
				params.put("severities", this.severities.stream().map(Enum::name).toList());
			}
			if (!this.sources.isEmpty()) {
				sql.append(" AND ").append(p).append("source IN (:sources)");
				params.put("sources", this.sources.stream().map(IntegrationKind::code).toList());
			}
			if (this.businessSystem != null) {
				sql.append(" AND ").append(p).append("business_system_id = :businessSystem");
				params.put("businessSystem", this.businessSystem);
			}
		}

	}

	/** The dimensions alerts are counted and timed by. */
	enum Dimension {

		SOURCE("source", "source"), SEVERITY("severity", "severity"),
		INTEGRATION("integration", "integration_id::text"), CI("ci", "ci_id::text"),
		BUSINESS_SYSTEM("businessSystem", "business_system_id::text");

		final String code;

		final String column;

		Dimension(String code, String column) {
			this.code = code;
			this.column = column;
		}

		static Dimension of(String code, Dimension fallback) {
			if (code == null || code.isBlank()) {
				return fallback;
			}
			return Arrays.stream(values())
				.filter((d) -> d.code.equalsIgnoreCase(code.strip()))
				.findFirst()
				.orElseThrow(() -> TianshuException.invalidField("by", "request.invalid-parameter",
						"by is one of source, severity, integration, ci, businessSystem: " + code));
		}

	}

	@Transactional(readOnly = true)
	Counts counts(AnalyticsRange range, Dimension by, Filter filter) {
		this.authorization.require(EventPermissions.ALERT_READ);
		Map<String, Object> params = rangeParams(range);
		StringBuilder sql = new StringBuilder("SELECT date_trunc(:unit, first_seen, :tz) AS b, coalesce(" + by.column
				+ ", 'none') AS k, count(*) AS n FROM event.alert WHERE first_seen >= :from AND first_seen < :to");
		filter.apply(sql, params, null);
		sql.append(" GROUP BY 1, 2");
		Map<Instant, Integer> positions = range.positions();
		int width = range.starts().size();
		Map<String, long[]> byKey = new LinkedHashMap<>();
		query(sql.toString(), params, (rs) -> {
			Integer at = positions.get(rs.getTimestamp("b").toInstant());
			if (at != null) {
				byKey.computeIfAbsent(rs.getString("k"), (k) -> new long[width])[at] += rs.getLong("n");
			}
		});
		List<Map.Entry<String, long[]>> sorted = new ArrayList<>(byKey.entrySet());
		sorted.sort((a, b) -> {
			int c = Long.compare(sum(b.getValue()), sum(a.getValue()));
			return (c != 0) ? c : a.getKey().compareTo(b.getKey());
		});
		long[] other = new long[width];
		List<Map.Entry<String, long[]>> top = new ArrayList<>();
		for (int i = 0; i < sorted.size(); i++) {
			if (i < MAX_SERIES) {
				top.add(sorted.get(i));
			}
			else {
				long[] v = sorted.get(i).getValue();
				for (int j = 0; j < width; j++) {
					other[j] += v[j];
				}
			}
		}
		Map<String, String> names = names(by, top.stream().map(Map.Entry::getKey).toList());
		List<Series> series = new ArrayList<>();
		long total = 0;
		for (Map.Entry<String, long[]> e : top) {
			long t = sum(e.getValue());
			total += t;
			series.add(new Series(e.getKey(), names.get(e.getKey()), boxed(e.getValue()), t));
		}
		if (sorted.size() > MAX_SERIES) {
			total += sum(other);
			series.add(new Series("other", null, boxed(other), sum(other)));
		}
		return new Counts(range.from(), range.to(), range.bucket().sql, range.zone().getId(), by.code, total,
				range.labels(), series);
	}

	@Transactional(readOnly = true)
	ResponseTimes responseTimes(AnalyticsRange range, Dimension by, Filter filter) {
		this.authorization.require(EventPermissions.ALERT_READ);
		Map<String, Object> params = rangeParams(range);
		String ack = "extract(epoch FROM acknowledged_at - first_seen)";
		String res = "extract(epoch FROM coalesce(resolved_at, closed_at) - first_seen)";
		StringBuilder sql = new StringBuilder("SELECT GROUPING(coalesce(" + by.column + ", 'none')) AS overall, "
				+ "coalesce(" + by.column + ", 'none') AS k, count(*) AS alerts, " + durations(ack, "a") + ", "
				+ durations(res, "r") + " FROM event.alert WHERE first_seen >= :from AND first_seen < :to");
		filter.apply(sql, params, null);
		sql.append(" GROUP BY GROUPING SETS ((), (coalesce(").append(by.column).append(", 'none')))");
		List<ResponseGroup> groups = new ArrayList<>();
		ResponseGroup[] overall = new ResponseGroup[1];
		query(sql.toString(), params, (rs) -> {
			ResponseGroup g = new ResponseGroup(rs.getString("k"), null, rs.getLong("alerts"), durations(rs, "a"),
					durations(rs, "r"));
			if (rs.getInt("overall") == 1) {
				overall[0] = g;
			}
			else {
				groups.add(g);
			}
		});
		ResponseGroup all = (overall[0] != null) ? overall[0] : new ResponseGroup(null, null, 0,
				new Durations(0, null, null, null, null, null), new Durations(0, null, null, null, null, null));
		groups.sort((a, b) -> Long.compare(b.alerts(), a.alerts()));
		List<ResponseGroup> shown = groups.subList(0, Math.min(groups.size(), 50));
		Map<String, String> names = names(by, shown.stream().map(ResponseGroup::key).toList());
		List<ResponseGroup> named = shown.stream()
			.map((g) -> new ResponseGroup(g.key(), names.get(g.key()), g.alerts(), g.mtta(), g.mttr()))
			.toList();
		// trend: mean MTTA and MTTR of the alerts first seen in each bucket
		Map<String, Object> trendParams = rangeParams(range);
		StringBuilder trend = new StringBuilder(
				"SELECT date_trunc(:unit, first_seen, :tz) AS b, avg(" + ack + ") AS mtta, avg(" + res
						+ ") AS mttr FROM event.alert WHERE first_seen >= :from AND first_seen < :to");
		filter.apply(trend, trendParams, null);
		trend.append(" GROUP BY 1");
		Double[] mtta = new Double[range.starts().size()];
		Double[] mttr = new Double[range.starts().size()];
		Map<Instant, Integer> positions = range.positions();
		query(trend.toString(), trendParams, (rs) -> {
			Integer at = positions.get(rs.getTimestamp("b").toInstant());
			if (at != null) {
				mtta[at] = doubleOrNull(rs, "mtta");
				mttr[at] = doubleOrNull(rs, "mttr");
			}
		});
		return new ResponseTimes(range.from(), range.to(), range.bucket().sql, range.zone().getId(), by.code,
				all.alerts(), all.alerts() - all.mtta().count(), all.alerts() - all.mttr().count(), all.mtta(),
				all.mttr(), named, range.labels(), List.of(new Series("mttaSeconds", null, Arrays.asList(mtta), null),
						new Series("mttrSeconds", null, Arrays.asList(mttr), null)));
	}

	private static String durations(String expression, String prefix) {
		return "count(" + expression + ") AS " + prefix + "_count, avg(" + expression + ") AS " + prefix
				+ "_mean, percentile_cont(ARRAY[0.5, 0.9, 0.95]) WITHIN GROUP (ORDER BY " + expression + ") AS "
				+ prefix + "_p, max(" + expression + ") AS " + prefix + "_max";
	}

	private static Durations durations(ResultSet rs, String prefix) throws SQLException {
		long count = rs.getLong(prefix + "_count");
		if (count == 0) {
			return new Durations(0, null, null, null, null, null);
		}
		Array p = rs.getArray(prefix + "_p");
		Object[] values = (Object[]) p.getArray();
		return new Durations(count, round(rs.getDouble(prefix + "_mean")), round(((Number) values[0]).doubleValue()),
				round(((Number) values[1]).doubleValue()), round(((Number) values[2]).doubleValue()),
				round(rs.getDouble(prefix + "_max")));
	}

	@Transactional(readOnly = true)
	Noise noise(AnalyticsRange range) {
		this.authorization.require(EventPermissions.ALERT_READ);
		int width = range.starts().size();
		Map<Instant, Integer> positions = range.positions();
		Map<String, Long> outcomes = new LinkedHashMap<>();
		long[] rawSeries = new long[width];
		query("""
				SELECT date_trunc(:unit, received_at, :tz) AS b, outcome, sum(signals) AS n FROM event.raw_event
				WHERE received_at >= :from AND received_at < :to GROUP BY 1, 2""", rangeParams(range), (rs) -> {
			outcomes.merge(rs.getString("outcome"), rs.getLong("n"), Long::sum);
			Integer at = positions.get(rs.getTimestamp("b").toInstant());
			if (at != null) {
				rawSeries[at] += rs.getLong("n");
			}
		});
		long raw = sum(rawSeries);
		long[] alertSeries = new long[width];
		long[] senderGroups = new long[1];
		query("""
				SELECT date_trunc(:unit, first_seen, :tz) AS b, count(*) AS n FROM event.alert
				WHERE first_seen >= :from AND first_seen < :to GROUP BY 1""", rangeParams(range), (rs) -> {
			Integer at = positions.get(rs.getTimestamp("b").toInstant());
			if (at != null) {
				alertSeries[at] += rs.getLong("n");
			}
		});
		query("""
				SELECT count(DISTINCT group_key) AS n FROM event.alert
				WHERE first_seen >= :from AND first_seen < :to AND group_key IS NOT NULL""", rangeParams(range),
				(rs) -> senderGroups[0] = rs.getLong("n"));
		long alerts = sum(alertSeries);
		boolean grouping = this.jdbc.sql("SELECT to_regclass('event.alert_group') IS NOT NULL")
			.query(Boolean.class)
			.single();
		Long groups = null;
		List<Series> series = new ArrayList<>();
		series.add(new Series("rawEvents", null, boxed(rawSeries), raw));
		series.add(new Series("alerts", null, boxed(alertSeries), alerts));
		if (grouping) {
			long[] groupSeries = new long[width];
			// event.alert_group comes with grouping (event-converge); read only when
			// present
			query("""
					SELECT date_trunc(:unit, created_at, :tz) AS b, count(*) AS n FROM event.alert_group
					WHERE created_at >= :from AND created_at < :to GROUP BY 1""", rangeParams(range), (rs) -> {
				Integer at = positions.get(rs.getTimestamp("b").toInstant());
				if (at != null) {
					groupSeries[at] += rs.getLong("n");
				}
			});
			groups = sum(groupSeries);
			series.add(new Series("groups", null, boxed(groupSeries), groups));
		}
		long[] counters = new long[2];
		query("""
				SELECT coalesce(sum(value) FILTER (WHERE counter = 'dropped'), 0) AS dropped,
				  coalesce(sum(value) FILTER (WHERE counter LIKE 'rejected.%'), 0) AS rejected
				FROM event.integration_counter""", Map.of(), (rs) -> {
			counters[0] = rs.getLong("dropped");
			counters[1] = rs.getLong("rejected");
		});
		return new Noise(range.from(), range.to(), range.bucket().sql, range.zone().getId(), raw, outcomes, alerts,
				new Groups(grouping, groups), senderGroups[0], ratio(raw, alerts),
				(groups != null) ? ratio(alerts, groups) : null, (raw > 0) ? round4(1.0 - (double) alerts / raw) : null,
				(groups != null && raw > 0) ? round4(1.0 - (double) groups / raw) : null, counters[0], counters[1],
				range.labels(), series);
	}

	@Transactional(readOnly = true)
	Top top(AnalyticsRange range, int limit) {
		this.authorization.require(EventPermissions.ALERT_READ);
		Map<String, Object> params = rangeParams(range);
		params.put("limit", limit);
		Map<String, String[]> integrations = new HashMap<>();
		this.jdbc.sql("SELECT id::text, name, kind FROM event.integration")
			.query((rs, n) -> integrations.put(rs.getString(1), new String[] { rs.getString(2), rs.getString(3) }))
			.list();
		List<TopEntry> sourcesByRaw = new ArrayList<>();
		query("""
				SELECT integration_id::text AS k, sum(signals) AS raw, count(DISTINCT alert_id) AS alerts
				FROM event.raw_event WHERE received_at >= :from AND received_at < :to
				GROUP BY 1 ORDER BY 2 DESC, 1 LIMIT :limit""", params,
				(rs) -> sourcesByRaw.add(source(rs, integrations)));
		List<TopEntry> sourcesByAlerts = new ArrayList<>();
		query("""
				WITH a AS (SELECT integration_id, count(*) AS alerts FROM event.alert
				  WHERE first_seen >= :from AND first_seen < :to GROUP BY 1 ORDER BY 2 DESC, 1 LIMIT :limit)
				SELECT a.integration_id::text AS k, a.alerts,
				  (SELECT coalesce(sum(r.signals), 0) FROM event.raw_event r WHERE r.integration_id = a.integration_id
				    AND r.received_at >= :from AND r.received_at < :to) AS raw
				FROM a ORDER BY a.alerts DESC, 1""", params, (rs) -> sourcesByAlerts.add(source(rs, integrations)));
		String rule = "coalesce(a.labels ->> 'alertname', a.summary)";
		List<TopEntry> rulesByRaw = new ArrayList<>();
		query("""
				WITH r AS (SELECT alert_id, sum(signals) AS n FROM event.raw_event
				  WHERE received_at >= :from AND received_at < :to AND alert_id IS NOT NULL GROUP BY 1)
				SELECT %s AS k, sum(r.n) AS raw, count(*) AS alerts
				FROM r JOIN event.alert a ON a.id = r.alert_id
				GROUP BY 1 ORDER BY 2 DESC, 1 LIMIT :limit""".formatted(rule), params, (rs) -> rulesByRaw
			.add(new TopEntry(rs.getString("k"), rs.getString("k"), null, rs.getLong("raw"), rs.getLong("alerts"))));
		List<TopEntry> rulesByAlerts = new ArrayList<>();
		query("""
				SELECT %s AS k, count(*) AS alerts, sum(a.occurrences + a.duplicates) AS raw
				FROM event.alert a WHERE a.first_seen >= :from AND a.first_seen < :to
				GROUP BY 1 ORDER BY 2 DESC, 1 LIMIT :limit""".formatted(rule), params, (rs) -> rulesByAlerts
			.add(new TopEntry(rs.getString("k"), rs.getString("k"), null, rs.getLong("raw"), rs.getLong("alerts"))));
		List<RuleHits> signalRules = this.jdbc
			.sql("SELECT id::text, name, action, hits FROM event.signal_rule WHERE hits > 0 "
					+ "ORDER BY hits DESC, name LIMIT ?")
			.param(limit)
			.query((rs, n) -> new RuleHits(rs.getString(1), rs.getString(2), rs.getString(3), rs.getLong(4)))
			.list();
		return new Top(range.from(), range.to(), sourcesByRaw, sourcesByAlerts, rulesByRaw, rulesByAlerts, signalRules);
	}

	private static TopEntry source(ResultSet rs, Map<String, String[]> integrations) throws SQLException {
		String key = rs.getString("k");
		String[] info = integrations.get(key);
		return new TopEntry(key, (info != null) ? info[0] : null, (info != null) ? info[1] : null, rs.getLong("raw"),
				rs.getLong("alerts"));
	}

	@Transactional(readOnly = true)
	Indicators indicators(AnalyticsRange range, Duration timelyWithin, Duration lookback, Filter filter) {
		this.authorization.require(EventPermissions.ALERT_READ);
		Duration threshold = (timelyWithin != null) ? timelyWithin : this.defaults.timelyWithin();
		Duration window = (lookback != null) ? lookback : this.defaults.missedLookback();
		int width = range.starts().size();
		Map<Instant, Integer> positions = range.positions();
		long[] total = new long[width];
		long[] timely = new long[width];
		Map<String, Object> params = rangeParams(range);
		params.put("manual", MANUAL);
		params.put("threshold", threshold.toMillis() / 1000.0);
		StringBuilder sql = new StringBuilder("""
				SELECT date_trunc(:unit, first_seen, :tz) AS b, count(*) AS n,
				  count(*) FILTER (WHERE extract(epoch FROM first_seen - starts_at) <= :threshold) AS timely
				FROM event.alert WHERE first_seen >= :from AND first_seen < :to AND source <> :manual""");
		filter.apply(sql, params, null);
		sql.append(" GROUP BY 1");
		query(sql.toString(), params, (rs) -> {
			Integer at = positions.get(rs.getTimestamp("b").toInstant());
			if (at != null) {
				total[at] += rs.getLong("n");
				timely[at] += rs.getLong("timely");
			}
		});
		long[] reports = new long[width];
		long[] missed = new long[width];
		Map<String, Object> missedParams = rangeParams(range);
		missedParams.put("manual", MANUAL);
		missedParams.put("lookback", window.toMillis() / 1000.0);
		StringBuilder missedSql = new StringBuilder("""
				SELECT date_trunc(:unit, m.first_seen, :tz) AS b, count(*) AS n,
				  count(*) FILTER (WHERE NOT EXISTS (
				    SELECT 1 FROM event.alert a
				    WHERE a.source <> :manual AND a.first_seen <= m.first_seen
				      AND a.first_seen >= m.starts_at - make_interval(secs => :lookback)
				      AND ((m.ci_id IS NOT NULL AND a.ci_id = m.ci_id)
				        OR (m.ci_id IS NULL AND m.business_system_id IS NOT NULL
				          AND a.business_system_id = m.business_system_id)))) AS missed
				FROM event.alert m
				WHERE m.first_seen >= :from AND m.first_seen < :to AND m.source = :manual""");
		filter.apply(missedSql, missedParams, "m");
		missedSql.append(" GROUP BY 1");
		query(missedSql.toString(), missedParams, (rs) -> {
			Integer at = positions.get(rs.getTimestamp("b").toInstant());
			if (at != null) {
				reports[at] += rs.getLong("n");
				missed[at] += rs.getLong("missed");
			}
		});
		List<Double> timelyRates = new ArrayList<>(width);
		List<Double> missedRates = new ArrayList<>(width);
		for (int i = 0; i < width; i++) {
			timelyRates.add(rate(timely[i], total[i]));
			missedRates.add(rate(missed[i], total[i] + missed[i]));
		}
		long allTotal = sum(total);
		long allTimely = sum(timely);
		long allMissed = sum(missed);
		long allReports = sum(reports);
		return new Indicators(range.from(), range.to(), range.bucket().sql, range.zone().getId(), threshold.toSeconds(),
				window.toSeconds(), new Timely(allTimely, allTotal - allTimely, allTotal, rate(allTimely, allTotal)),
				new Missed(allMissed, allReports - allMissed, allTotal, allTotal + allMissed,
						rate(allMissed, allTotal + allMissed)),
				range.labels(), List.of(new Series("timelyRate", null, timelyRates, null),
						new Series("missedRate", null, missedRates, null)));
	}

	private Map<String, Object> rangeParams(AnalyticsRange range) {
		Map<String, Object> params = new HashMap<>();
		params.put("unit", range.bucket().sql);
		params.put("tz", range.zone().getId());
		params.put("from", Timestamp.from(range.from()));
		params.put("to", Timestamp.from(range.to()));
		return params;
	}

	private interface Row {

		void accept(ResultSet rs) throws SQLException;

	}

	private void query(String sql, Map<String, Object> params, Row row) {
		this.jdbc.sql(sql).params(params).query((rs, n) -> {
			row.accept(rs);
			return n;
		}).list();
	}

	/**
	 * Display names: integrations by their name, CIs and business systems by their CMDB
	 * name when the caller may read the CMDB.
	 */
	private Map<String, String> names(Dimension by, List<String> keys) {
		Map<String, String> names = new HashMap<>();
		List<UUID> ids = new ArrayList<>();
		for (String k : keys) {
			try {
				if (!"none".equals(k) && !"other".equals(k)) {
					ids.add(UUID.fromString(k));
				}
			}
			catch (IllegalArgumentException ex) {
				// not an id (source, severity)
			}
		}
		if (ids.isEmpty()) {
			return names;
		}
		if (by == Dimension.INTEGRATION) {
			this.jdbc.sql("SELECT id::text, name FROM event.integration WHERE id IN (:ids)")
				.param("ids", ids)
				.query((rs, n) -> names.put(rs.getString(1), rs.getString(2)))
				.list();
		}
		else if ((by == Dimension.CI || by == Dimension.BUSINESS_SYSTEM)
				&& this.authorization.has(CmdbPermissions.CI_READ)) {
			for (UUID id : ids) {
				try {
					names.put(id.toString(), this.items.get(new CiId(id)).name());
				}
				catch (TianshuException ex) {
					// retired or removed since: shown by id
				}
			}
		}
		return names;
	}

	private static long sum(long[] values) {
		long s = 0;
		for (long v : values) {
			s += v;
		}
		return s;
	}

	private static List<Long> boxed(long[] values) {
		List<Long> out = new ArrayList<>(values.length);
		for (long v : values) {
			out.add(v);
		}
		return Collections.unmodifiableList(out);
	}

	private static Double doubleOrNull(ResultSet rs, String column) throws SQLException {
		double v = rs.getDouble(column);
		return rs.wasNull() ? null : round(v);
	}

	private static Double ratio(long a, long b) {
		return (b > 0) ? Math.round((double) a / b * 100.0) / 100.0 : null;
	}

	private static Double rate(long part, long whole) {
		return (whole > 0) ? round4((double) part / whole) : null;
	}

	private static Double round(double seconds) {
		return Math.round(seconds * 1000.0) / 1000.0;
	}

	private static Double round4(double v) {
		return Math.round(v * 10_000.0) / 10_000.0;
	}

}
