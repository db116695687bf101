package io.tianshu.event.listen;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import io.swagger.v3.oas.annotations.media.Schema;

/**
 * The state of one protocol's listeners, for the console's integrations page
 * ({@code GET /api/v1/events/listeners}). Counts are since the listener started (this
 * process), not persisted.
 *
 * @param protocol {@code syslog} or {@code snmp}
 * @param enabled whether the configuration turns the listener on; a disabled listener has
 * no endpoints, no start time and zero counts
 * @param startedAt when the listener started, {@code null} when disabled
 * @param lastMessageAt when the last message arrived (whatever became of it),
 * {@code null} before the first
 * @param endpoints the sockets it listens on (or failed to bind)
 * @param received messages that arrived (including rejected ones)
 * @param stored signals the sink stored
 * @param dropped messages a mapping rule dropped on purpose
 * @param rejected messages rejected, in total
 * @param sinkFailures calls of the sink that failed (and were retried)
 * @param openConnections TCP connections open now
 * @param rejectedByReason rejected messages per reason code
 * @param recentRejections the last rejected messages, newest first
 */
public record ListenerStatus(String protocol, boolean enabled, Instant startedAt, Instant lastMessageAt,
		List<Endpoint> endpoints, long received, long stored, long dropped, long rejected, long sinkFailures,
		int openConnections, Map<String, Long> rejectedByReason, List<Rejection> recentRejections) {

	/** The status of a listener the configuration leaves off. */
	static ListenerStatus disabled(String protocol) {
		return new ListenerStatus(protocol, false, null, null, List.of(), 0, 0, 0, 0, 0, 0, Map.of(), List.of());
	}

	/**
	 * @param transport {@code udp} or {@code tcp}
	 * @param address the bound address and port, or the configured one when not bound
	 * @param running whether it is receiving
	 * @param error why it is not running (the bind error), or {@code null}
	 */
	@Schema(name = "ListenerEndpoint")
	public record Endpoint(String transport, String address, boolean running, String error) {
	}

}
