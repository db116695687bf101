package io.tianshu.event.analytics;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Defaults of the 003 §5.5.2 indicators ({@code tianshu.event.analytics.*}); each query
 * may override them.
 *
 * @param timelyWithin an alert is reported in time (异常报告及时) when Tianshu saw it at most
 * this long after the problem started at its source (default 5 minutes)
 * @param missedLookback a manual report counts as caught by the monitoring when a
 * monitoring alert on the same CI (or business system) was first seen between this long
 * before the reported start and the report (default 1 hour)
 */
@ConfigurationProperties("tianshu.event.analytics")
public record AnalyticsDefaults(@DefaultValue("5m") Duration timelyWithin,
		@DefaultValue("1h") Duration missedLookback) {
}
