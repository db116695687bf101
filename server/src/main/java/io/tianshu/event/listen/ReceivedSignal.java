package io.tianshu.event.listen;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;

/**
 * One message a listener received (a syslog line, an SNMP trap), already mapped by the
 * protocol's rules, as handed to {@link ReceivedSignalSink}.
 *
 * @param protocol {@code syslog} or {@code snmp}
 * @param integrationKey the configured integration the listener belongs to
 * ({@code tianshu.event.syslog.integration}, {@code tianshu.event.snmp.integration})
 * @param receivedAt when the listener received it
 * @param sourceAddress the sender's IP address (of the UDP datagram or TCP connection)
 * @param fingerprint the key a mapping rule built for the alert (e.g.
 * {@code host/link/ifIndex} so that a link-up resolves the link-down), or {@code null}
 * when the source has none and the intake identifies the alert by its labels
 * @param status {@code firing} or {@code resolved}
 * @param severity {@code critical}, {@code major}, {@code minor}, {@code warning} or
 * {@code info}
 * @param sourceSeverity the severity as the source named it ({@code err},
 * {@code linkDown}), or {@code null}
 * @param summary one line
 * @param labels identifying labels (bounded in number and length)
 * @param annotations descriptive texts (the message, structured data, varbinds)
 * @param startsAt when it happened at the source (the message's timestamp, or
 * {@code receivedAt})
 * @param raw the bytes as received (syslog frame without framing, SNMP message in BER)
 */
public record ReceivedSignal(String protocol, String integrationKey, Instant receivedAt, String sourceAddress,
		String fingerprint, String status, String severity, String sourceSeverity, String summary,
		Map<String, String> labels, Map<String, String> annotations, Instant startsAt, byte[] raw) {

	public ReceivedSignal {
		Objects.requireNonNull(protocol, "protocol");
		Objects.requireNonNull(receivedAt, "receivedAt");
		Objects.requireNonNull(status, "status");
		Objects.requireNonNull(severity, "severity");
		labels = Map.copyOf(labels);
		annotations = Map.copyOf(annotations);
		startsAt = (startsAt != null) ? startsAt : receivedAt;
	}

}
