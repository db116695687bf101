package io.tianshu.event.analytics;

import java.time.Clock;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;

import io.tianshu.event.EventPermissions;
import io.tianshu.event.IntegrationKind;
import io.tianshu.event.Severity;
import io.tianshu.event.analytics.AnalyticsViews.Counts;
import io.tianshu.event.analytics.AnalyticsViews.Indicators;
import io.tianshu.event.analytics.AnalyticsViews.Noise;
import io.tianshu.event.analytics.AnalyticsViews.ResponseTimes;
import io.tianshu.event.analytics.AnalyticsViews.Top;
import io.tianshu.event.analytics.EventAnalytics.Dimension;
import io.tianshu.event.analytics.EventAnalytics.Filter;
import io.tianshu.platform.RequiresPermission;
import io.tianshu.platform.TianshuException;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Event analytics (告警分析): {@code /api/v1/events/analytics/...}. Every endpoint takes
 * {@code from}, {@code to} (ISO 8601 instants; default the last 24 hours), {@code bucket}
 * ({@code hour} or {@code day}; default hour up to 2 days) and {@code tz} (default
 * {@code Asia/Shanghai}); bad values answer 422 with a field error. Definitions:
 * docs/event-analytics.md.
 */
@RestController
@RequestMapping("/api/v1/events/analytics")
class AnalyticsController {

	private final EventAnalytics analytics;

	private final Clock clock;

	AnalyticsController(EventAnalytics analytics, Clock clock) {
		this.analytics = analytics;
		this.clock = clock;
	}

	/**
	 * Alerts first seen per bucket, one series per {@code by} value (source, severity,
	 * integration, ci, businessSystem; top 10, the rest as {@code other}).
	 */
	@GetMapping("/counts")
	@RequiresPermission(EventPermissions.ALERT_READ)
	Counts counts(@RequestParam(required = false) String from, @RequestParam(required = false) String to,
			@RequestParam(required = false) String bucket, @RequestParam(required = false) String tz,
			@RequestParam(required = false) String by, @RequestParam(required = false) List<String> severity,
			@RequestParam(required = false) List<String> source, @RequestParam(required = false) UUID businessSystem) {
		return this.analytics.counts(range(from, to, bucket, tz), Dimension.of(by, Dimension.SOURCE),
				filter(severity, source, businessSystem));
	}

	/**
	 * MTTA (open → acknowledged) and MTTR (open → resolved) of the alerts first seen in
	 * the range: overall, per {@code by} value (default businessSystem) and as a trend.
	 */
	@GetMapping("/response-times")
	@RequiresPermission(EventPermissions.ALERT_READ)
	ResponseTimes responseTimes(@RequestParam(required = false) String from, @RequestParam(required = false) String to,
			@RequestParam(required = false) String bucket, @RequestParam(required = false) String tz,
			@RequestParam(required = false) String by, @RequestParam(required = false) List<String> severity,
			@RequestParam(required = false) List<String> source, @RequestParam(required = false) UUID businessSystem) {
		return this.analytics.responseTimes(range(from, to, bucket, tz), Dimension.of(by, Dimension.BUSINESS_SYSTEM),
				filter(severity, source, businessSystem));
	}

	/** Noise reduction: raw events : alerts : groups, totals and per bucket. */
	@GetMapping("/noise")
	@RequiresPermission(EventPermissions.ALERT_READ)
	Noise noise(@RequestParam(required = false) String from, @RequestParam(required = false) String to,
			@RequestParam(required = false) String bucket, @RequestParam(required = false) String tz) {
		return this.analytics.noise(range(from, to, bucket, tz));
	}

	/**
	 * The noisiest integrations and alert rules ({@code alertname}, else the summary) by
	 * raw events and by alerts, and the drop/transform rules by hits; {@code limit} 1–50
	 * (default 10).
	 */
	@GetMapping("/top")
	@RequiresPermission(EventPermissions.ALERT_READ)
	Top top(@RequestParam(required = false) String from, @RequestParam(required = false) String to,
			@RequestParam(required = false) String limit) {
		int n = 10;
		if (limit != null && !limit.isBlank()) {
			try {
				n = Integer.parseInt(limit.strip());
			}
			catch (NumberFormatException ex) {
				n = -1;
			}
			if (n < 1 || n > 50) {
				throw TianshuException.invalidField("limit", "request.invalid-parameter", "limit is 1–50: " + limit);
			}
		}
		return this.analytics.top(range(from, to, null, null), n);
	}

	/**
	 * 异常报告及时率 and 异常漏报率 (003 §5.5.2), totals and per bucket. {@code timelyWithin} and
	 * {@code lookback} are ISO 8601 durations ({@code PT5M}) overriding the defaults.
	 */
	@GetMapping("/indicators")
	@RequiresPermission(EventPermissions.ALERT_READ)
	Indicators indicators(@RequestParam(required = false) String from, @RequestParam(required = false) String to,
			@RequestParam(required = false) String bucket, @RequestParam(required = false) String tz,
			@RequestParam(required = false) String timelyWithin, @RequestParam(required = false) String lookback,
			@RequestParam(required = false) List<String> severity, @RequestParam(required = false) List<String> source,
			@RequestParam(required = false) UUID businessSystem) {
		return this.analytics.indicators(range(from, to, bucket, tz), duration(timelyWithin, "timelyWithin"),
				duration(lookback, "lookback"), filter(severity, source, businessSystem));
	}

	private AnalyticsRange range(String from, String to, String bucket, String tz) {
		return AnalyticsRange.parse(from, to, bucket, tz, this.clock.instant());
	}

	private static Duration duration(String value, String field) {
		if (value == null || value.isBlank()) {
			return null;
		}
		Duration d;
		try {
			d = Duration.parse(value.strip());
		}
		catch (DateTimeParseException ex) {
			throw TianshuException.invalidField(field, "request.invalid-parameter",
					"Not an ISO 8601 duration (PT5M): " + value);
		}
		if (d.isNegative() || d.compareTo(Duration.ofDays(7)) > 0) {
			throw TianshuException.invalidField(field, "request.invalid-parameter", "Between PT0S and P7D: " + value);
		}
		return d;
	}

	private static Filter filter(List<String> severity, List<String> source, UUID businessSystem) {
		return new Filter(parse(severity, "severity", (s) -> Severity.valueOf(s.toUpperCase(Locale.ROOT))),
				parse(source, "source", IntegrationKind::of), businessSystem);
	}

	private static <T> Set<T> parse(List<String> values, String field, Function<String, T> parser) {
		Set<T> out = new LinkedHashSet<>();
		if (values != null) {
			for (String v : values) {
				try {
					out.add(parser.apply(v.strip()));
				}
				catch (IllegalArgumentException ex) {
					throw TianshuException.invalidField(field, "request.invalid-parameter",
							"Unknown " + field + ": " + v);
				}
			}
		}
		return out;
	}

}
