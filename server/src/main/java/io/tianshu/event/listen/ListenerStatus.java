package io.tianshu.event.listen;

import java.util.List;
import java.util.Map;

/**
 * The state of one protocol's listeners, for the console's integrations page.
 *
 * @param protocol {@code syslog} or {@code snmp}
 * @param endpoints the sockets it listens on (or failed to bind)
 * @param received messages that arrived (including rejected ones)
 * @param delivered signals the sink stored
 * @param dropped messages a mapping rule dropped on purpose
 * @param rejected messages rejected, in total
 * @param sinkFailures calls of the sink that failed (and were retried)
 * @param openConnections TCP connections open now
 * @param rejectedByReason rejected messages per reason code
 * @param recentRejections the last rejected messages, newest first
 */
public record ListenerStatus(String protocol, List<Endpoint> endpoints, long received, long delivered, long dropped,
		long rejected, long sinkFailures, int openConnections, Map<String, Long> rejectedByReason,
		List<Rejection> recentRejections) {

	/**
	 * @param transport {@code udp} or {@code tcp}
	 * @param address the bound address and port, or the configured one when not bound
	 * @param running whether it is receiving
	 * @param error why it is not running, or {@code null}
	 */
	public record Endpoint(String transport, String address, boolean running, String error) {
	}

}
