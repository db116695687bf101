package io.tianshu.event.analytics;

import java.time.Instant;
import java.util.List;

import io.swagger.v3.oas.annotations.media.Schema;

/** The answers of the analytics API, shaped for charts: bucket labels plus series. */
final class AnalyticsViews {

	private AnalyticsViews() {
	}

	/**
	 * One line of a chart.
	 *
	 * @param key what it counts (a source code, a severity, a CI or business system id,
	 * {@code none} for alerts without one, {@code other} for the rest beyond the top)
	 * @param name a display name where there is one (CI, business system, integration)
	 * @param data one value per bucket ({@code null} where a rate has no denominator)
	 * @param total the sum over the range (for counts)
	 */
	record Series(String key, String name, List<? extends Number> data, Number total) {
	}

	@Schema(name = "AnalyticsCounts")
	record Counts(Instant from, Instant to, String bucket, String timeZone, String by, long total, List<String> buckets,
			List<Series> series) {
	}

	/**
	 * Durations in seconds of the alerts that have one.
	 *
	 * @param count alerts with the duration (acknowledged, resolved)
	 * @param mean the mean (MTTA, MTTR)
	 * @param p50 median
	 * @param p90 90th percentile
	 * @param p95 95th percentile
	 * @param max the longest
	 */
	record Durations(long count, Double mean, Double p50, Double p90, Double p95, Double max) {
	}

	/**
	 * @param key the group (business system id, source, integration id, severity;
	 * {@code none} without one)
	 * @param name its display name where known
	 * @param alerts alerts first seen in the range
	 * @param mtta open → acknowledged
	 * @param mttr open → resolved (or closed, for alerts closed without resolution)
	 */
	record ResponseGroup(String key, String name, long alerts, Durations mtta, Durations mttr) {
	}

	record ResponseTimes(Instant from, Instant to, String bucket, String timeZone, String by, long alerts,
			long unacknowledged, long unresolved, Durations mtta, Durations mttr, List<ResponseGroup> groups,
			List<String> buckets, List<Series> series) {
	}

	/**
	 * @param available whether Tianshu's grouping (event.alert_group) is installed
	 * @param count alert groups created in the range, or {@code null} when unavailable
	 */
	record Groups(boolean available, Long count) {
	}

	/**
	 * @param rawEvents signals received (every accepted signal, before dedup; drops are
	 * not stored as raw events)
	 * @param outcomes raw events by what the intake did with them (CREATED, DUPLICATE,
	 * UPDATED, RESOLVED, …)
	 * @param alerts alerts opened (first seen) in the range
	 * @param groups Tianshu's alert groups
	 * @param senderGroups distinct sender group keys (Alertmanager's {@code groupKey}) of
	 * those alerts — the senders' own grouping, not Tianshu's
	 * @param eventsPerAlert rawEvents / alerts
	 * @param alertsPerGroup alerts / groups
	 * @param dedupReduction 1 − alerts / rawEvents: the share of raw events that did not
	 * become a new alert
	 * @param totalReduction 1 − groups / rawEvents, when groups are available
	 * @param droppedAllTime signals discarded by drop rules since installation (ingest
	 * counters; not per range)
	 * @param rejectedAllTime inputs rejected as malformed since installation
	 */
	record Noise(Instant from, Instant to, String bucket, String timeZone, long rawEvents,
			java.util.Map<String, Long> outcomes, long alerts, Groups groups, long senderGroups, Double eventsPerAlert,
			Double alertsPerGroup, Double dedupReduction, Double totalReduction, long droppedAllTime,
			long rejectedAllTime, List<String> buckets, List<Series> series) {
	}

	/**
	 * @param key integration id or alert rule name
	 * @param name integration name (with {@code kind}) or the rule name
	 * @param kind the integration kind, or {@code null} for rules
	 * @param rawEvents raw events in the range
	 * @param alerts distinct alerts (by raw events: alerts they were applied to; by
	 * alerts: alerts first seen in the range)
	 */
	record TopEntry(String key, String name, String kind, long rawEvents, long alerts) {
	}

	/** A drop/transform rule by its hits since it was created. */
	record RuleHits(String id, String name, String action, long hitsAllTime) {
	}

	record Top(Instant from, Instant to, List<TopEntry> sourcesByRawEvents, List<TopEntry> sourcesByAlerts,
			List<TopEntry> alertRulesByRawEvents, List<TopEntry> alertRulesByAlerts, List<RuleHits> signalRules) {
	}

	/**
	 * 异常报告及时率: monitoring alerts whose first_seen − starts_at ≤ the threshold / all
	 * monitoring alerts.
	 */
	record Timely(long timely, long late, long total, Double rate) {
	}

	/**
	 * 异常漏报率: missed / anomalies, anomalies = monitoring alerts + missed manual reports.
	 *
	 * @param missed manual reports no monitoring alert preceded
	 * @param caught manual reports a monitoring alert on the same CI (or business system)
	 * preceded
	 * @param monitoringAlerts alerts from monitoring (every source but {@code manual})
	 * @param anomalies monitoringAlerts + missed
	 * @param rate missed / anomalies
	 */
	record Missed(long missed, long caught, long monitoringAlerts, long anomalies, Double rate) {
	}

	record Indicators(Instant from, Instant to, String bucket, String timeZone, long timelyThresholdSeconds,
			long missedLookbackSeconds, Timely timelyReporting, Missed missedReporting, List<String> buckets,
			List<Series> series) {
	}

}
