package io.tianshu.event;

import java.util.Arrays;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/**
 * The protocol an integration (告警接入) speaks, written in JSON as its {@link #code()}.
 */
public enum IntegrationKind {

	/** Alertmanager's webhook receiver (webhook format version 4). */
	ALERTMANAGER("alertmanager"),
	/**
	 * Alertmanager's own API v2 ({@code POST /api/v2/alerts}): Prometheus, vmalert,
	 * Grafana.
	 */
	PROMETHEUS("prometheus"),
	/** PagerDuty Events API v2. */
	PAGERDUTY("pagerduty"),
	/** Zabbix's webhook media type (docs/integrations/zabbix-media-type.yaml). */
	ZABBIX("zabbix"),
	/** Any JSON, mapped to alert fields by JSONPath. */
	GENERIC_JSON("generic-json"),
	/** Syslog over UDP/TCP (RFC 3164, 5424). */
	SYSLOG("syslog"),
	/** SNMP traps v1/v2c. */
	SNMP("snmp"),
	/**
	 * Anomalies reported by a person ({@code POST /api/v1/events/alerts}, 人工上报): the one
	 * built-in integration of this kind receives no signals from senders; its alerts
	 * count as anomalies the monitoring missed (异常漏报率, docs/event-analytics.md).
	 */
	MANUAL("manual");

	private final String code;

	IntegrationKind(String code) {
		this.code = code;
	}

	@JsonValue
	public String code() {
		return this.code;
	}

	@JsonCreator
	public static IntegrationKind of(String code) {
		return Arrays.stream(values())
			.filter((k) -> k.code.equalsIgnoreCase(code) || k.name().equalsIgnoreCase(code))
			.findFirst()
			.orElseThrow(() -> new IllegalArgumentException("unknown integration kind " + code));
	}

}
