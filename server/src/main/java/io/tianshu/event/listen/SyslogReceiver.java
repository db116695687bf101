package io.tianshu.event.listen;

import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What the UDP and TCP syslog listeners share: parse one message, apply the rules and
 * queue the signal — or count why not.
 */
final class SyslogReceiver {

	private final SyslogParser parser;

	private final MappingRules rules;

	private final SignalBatcher batcher;

	private final ListenerStats stats;

	private final Clock clock;

	private final String integration;

	SyslogReceiver(SyslogParser parser, MappingRules rules, SignalBatcher batcher, ListenerStats stats, Clock clock,
			String integration) {
		this.parser = parser;
		this.rules = rules;
		this.batcher = batcher;
		this.stats = stats;
		this.clock = clock;
		this.integration = integration;
	}

	ListenerStats stats() {
		return this.stats;
	}

	/**
	 * Takes one message (a datagram, a TCP frame).
	 * @param wait whether to wait for room in the queue (TCP) instead of dropping (UDP)
	 */
	void receive(String transport, String source, byte[] raw, boolean wait) throws InterruptedException {
		this.stats.received();
		Instant receivedAt = this.clock.instant();
		SyslogMessage message;
		try {
			message = this.parser.parse(raw, receivedAt);
		}
		catch (RejectedInput ex) {
			this.stats.rejected(transport, source, ex, raw, 0, raw.length);
			return;
		}
		catch (RuntimeException ex) {
			// a parser bug must cost one message, never the listener
			this.stats.rejected(transport, source, "syslog.unparseable", ex.toString(), raw, 0, raw.length);
			return;
		}
		ReceivedSignal signal = map(message, transport, source, receivedAt, raw);
		if (signal == null) {
			this.stats.dropped();
			return;
		}
		if (wait) {
			this.batcher.put(signal);
		}
		else if (!this.batcher.offer(signal)) {
			this.stats.rejected(transport, source, "syslog.overloaded", "the queue to the intake is full", raw, 0,
					raw.length);
		}
	}

	/** The signal for a parsed message, or {@code null} when a rule drops it. */
	ReceivedSignal map(SyslogMessage m, String transport, String source, Instant receivedAt, byte[] raw) {
		Map<String, String> fields = fields(m, transport, source);
		MappingRules.Outcome outcome = this.rules.apply(fields);
		if (outcome.dropped()) {
			return null;
		}
		Map<String, String> extra = new LinkedHashMap<>();
		m.structuredData()
			.forEach((id, params) -> params.forEach((name, value) -> extra.put("sd." + id + "." + name, value)));
		String fallbackSummary = m.message().isEmpty() ? "syslog " + m.severityName() + " from " + fields.get("host")
				: m.message();
		return SignalShape.build("syslog", this.integration, receivedAt, source, outcome, "info", m.severityName(),
				fallbackSummary, extra, m.timestamp(), raw);
	}

	static Map<String, String> fields(SyslogMessage m, String transport, String source) {
		Map<String, String> f = new HashMap<>(32);
		f.put("format", m.format());
		f.put("transport", transport);
		f.put("sourceAddress", source);
		f.put("facility", Integer.toString(m.facility()));
		f.put("facilityName", m.facilityName());
		f.put("severity", Integer.toString(m.severity()));
		f.put("severityName", m.severityName());
		f.put("host", (m.hostname() != null) ? m.hostname() : source);
		putIfSet(f, "hostname", m.hostname());
		putIfSet(f, "app", m.appName());
		putIfSet(f, "procid", m.procId());
		putIfSet(f, "msgid", m.msgId());
		f.put("message", m.message());
		m.structuredData()
			.forEach((id, params) -> params.forEach((name, value) -> f.put("sd." + id + "." + name, value)));
		return f;
	}

	private static void putIfSet(Map<String, String> fields, String key, String value) {
		if (value != null) {
			fields.put(key, value);
		}
	}

}
