package io.tianshu.event.listen;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.snmp4j.CommandResponder;
import org.snmp4j.CommandResponderEvent;
import org.snmp4j.MessageDispatcherImpl;
import org.snmp4j.MessageException;
import org.snmp4j.PDU;
import org.snmp4j.Snmp;
import org.snmp4j.TransportMapping;
import org.snmp4j.TransportStateReference;
import org.snmp4j.event.CounterEvent;
import org.snmp4j.mp.MPv1;
import org.snmp4j.mp.MPv2c;
import org.snmp4j.security.SecurityModel;
import org.snmp4j.mp.SnmpConstants;
import org.snmp4j.mp.StatusInformation;
import org.snmp4j.smi.Address;
import org.snmp4j.smi.IpAddress;
import org.snmp4j.smi.UdpAddress;
import org.snmp4j.transport.DefaultUdpTransportMapping;

/**
 * Receives SNMP traps v1 and v2c and v2c informs (SNMP4J over UDP). The community must be
 * on the allow-list. Everything that does not become a signal is counted under a reason:
 * undecodable BER ({@code snmp.malformed-pdu}), SNMPv3 or unknown versions
 * ({@code snmp.unsupported-version}), other communities, PDUs that are no trap. An inform
 * is answered only after the sink stored it, so the sender re-sends what was lost.
 */
final class SnmpTrapListener implements CommandResponder {

	private static final Logger log = LoggerFactory.getLogger(SnmpTrapListener.class);

	private final String bindAddress;

	private final int configuredPort;

	private final Set<String> communities;

	private final MappingRules rules;

	private final SignalBatcher batcher;

	private final ListenerStats stats;

	private final Clock clock;

	private final String integration;

	private final ThreadLocal<Inbound> inbound = new ThreadLocal<>();

	private Snmp snmp;

	private DefaultUdpTransportMapping transport;

	private volatile String error;

	SnmpTrapListener(SnmpProperties properties, ReceivedSignalSink sink, Clock clock) {
		this.bindAddress = properties.getBindAddress();
		this.configuredPort = properties.getPort();
		this.communities = Set.copyOf(properties.getCommunities());
		this.rules = MappingRules.load("snmp", properties.getRulesFile(), properties.isDefaultRules());
		this.stats = new ListenerStats("snmp", clock, properties.getRejectedSamples());
		this.batcher = new SignalBatcher(sink, this.stats, properties.getBatchSize(), properties.getBatchDelay(),
				properties.getQueueCapacity());
		this.clock = clock;
		this.integration = properties.getIntegration();
	}

	/**
	 * Binds the port and starts receiving; when the port cannot be bound the listener
	 * stays off and {@link #status} says why.
	 */
	synchronized void start() {
		if (this.snmp != null) {
			return;
		}
		this.stats.started();
		this.batcher.start();
		try {
			UdpAddress address = new UdpAddress(InetAddress.getByName(this.bindAddress), this.configuredPort);
			DefaultUdpTransportMapping udp = new DefaultUdpTransportMapping(address, true);
			udp.setThreadName("snmp-trap-" + this.configuredPort);
			MessageDispatcherImpl dispatcher = new RecordingDispatcher();
			dispatcher.addMessageProcessingModel(new MPv1());
			dispatcher.addMessageProcessingModel(new MPv2c());
			Snmp session = new Snmp(dispatcher, udp);
			session.addCommandResponder(this);
			try {
				session.listen();
			}
			catch (IOException ex) {
				session.close();
				throw ex;
			}
			this.transport = udp;
			this.snmp = session;
			this.error = null;
			log.info("SNMP trap listener on udp {} (v1/v2c, communities {})", address(), this.communities);
		}
		catch (IOException ex) {
			this.error = ex.toString();
			log.error("SNMP trap listener could not bind udp {}:{}; traps are not received: {}", this.bindAddress,
					this.configuredPort, ex.toString());
		}
	}

	ListenerStatus status() {
		return this.stats.snapshot(List.of(new ListenerStatus.Endpoint("udp", address(), running(), this.error)));
	}

	int port() {
		DefaultUdpTransportMapping udp = this.transport;
		return (udp != null) ? udp.getListenAddress().getPort() : -1;
	}

	String address() {
		return this.bindAddress + ":" + ((this.transport != null) ? port() : this.configuredPort);
	}

	boolean running() {
		DefaultUdpTransportMapping udp = this.transport;
		return udp != null && udp.isListening();
	}

	synchronized void stop() {
		if (this.snmp == null) {
			this.batcher.stop();
			return;
		}
		try {
			this.snmp.close();
		}
		catch (IOException ex) {
			log.debug("closing the SNMP session failed", ex);
		}
		finally {
			this.batcher.stop();
		}
	}

	ListenerStats stats() {
		return this.stats;
	}

	@Override
	public <A extends Address> void processPdu(CommandResponderEvent<A> event) {
		Inbound in = this.inbound.get();
		byte[] raw = (in != null) ? in.raw : new byte[0];
		if (in != null) {
			in.handled = true;
		}
		event.setProcessed(true);
		String source = host(event.getPeerAddress());
		Instant receivedAt = this.clock.instant();
		String community = new String(event.getSecurityName(), StandardCharsets.UTF_8);
		int model = event.getSecurityModel();
		if (model != SecurityModel.SECURITY_MODEL_SNMPv1 && model != SecurityModel.SECURITY_MODEL_SNMPv2c) {
			this.stats.rejected("udp", source, "snmp.unsupported-version", "security model " + model, raw, 0,
					raw.length);
			return;
		}
		if (!this.communities.contains("*") && !this.communities.contains(community)) {
			this.stats.rejected("udp", source, "snmp.community-not-allowed", "community not on the allow-list", null, 0,
					0);
			return;
		}
		SnmpTrap trap;
		try {
			trap = SnmpTrap.of(event.getPDU(), (model == SecurityModel.SECURITY_MODEL_SNMPv1) ? "1" : "2c");
		}
		catch (RejectedInput ex) {
			this.stats.rejected("udp", source, ex, raw, 0, raw.length);
			return;
		}
		catch (RuntimeException ex) {
			this.stats.rejected("udp", source, "snmp.malformed-pdu", ex.toString(), raw, 0, raw.length);
			return;
		}
		ReceivedSignal signal = map(trap, community, source, receivedAt, raw);
		if (signal == null) {
			this.stats.dropped();
			if (trap.inform()) {
				respond(event);
			}
			return;
		}
		if (trap.inform()) {
			CompletableFuture<Void> stored = this.batcher.submit(signal);
			if (stored == null) {
				overloaded(source, raw);
				return;
			}
			stored.thenRun(() -> respond(event));
		}
		else if (!this.batcher.offer(signal)) {
			overloaded(source, raw);
		}
	}

	/** The signal for a trap, or {@code null} when a rule drops it. */
	ReceivedSignal map(SnmpTrap trap, String community, String source, Instant receivedAt, byte[] raw) {
		MappingRules.Outcome outcome = this.rules.apply(trap.fields(community, source));
		if (outcome.dropped()) {
			return null;
		}
		Map<String, String> extra = new LinkedHashMap<>();
		if (trap.enterprise() != null) {
			extra.put("enterprise", trap.enterprise());
		}
		if (trap.uptime() >= 0) {
			extra.put("uptime", Long.toString(trap.uptime()));
		}
		trap.varbinds().forEach((oid, value) -> extra.put("oid." + oid, value));
		String name = (trap.trapName() != null) ? trap.trapName() : trap.trapOid();
		return SignalShape.build("snmp", this.integration, receivedAt, source, outcome, "warning", name,
				"SNMP trap " + name + " from " + source, extra, null, raw);
	}

	private void overloaded(String source, byte[] raw) {
		this.stats.rejected("udp", source, "snmp.overloaded", "the queue to the intake is full", raw, 0, raw.length);
	}

	private <A extends Address> void respond(CommandResponderEvent<A> event) {
		PDU response = (PDU) event.getPDU().clone();
		response.setType(PDU.RESPONSE);
		response.setErrorStatus(PDU.noError);
		response.setErrorIndex(0);
		try {
			event.getMessageDispatcher()
				.returnResponsePdu(event.getMessageProcessingModel(), event.getSecurityModel(), event.getSecurityName(),
						event.getSecurityLevel(), response, event.getMaxSizeResponsePDU(), event.getStateReference(),
						new StatusInformation());
		}
		catch (MessageException ex) {
			log.warn("answering an SNMP inform from {} failed: {}", event.getPeerAddress(), ex.toString());
		}
	}

	private static String host(Address address) {
		if (address instanceof IpAddress ip) {
			return ip.getInetAddress().getHostAddress();
		}
		return String.valueOf(address);
	}

	private static String reasonOf(CounterEvent event) {
		var oid = event.getOid();
		if (SnmpConstants.snmpInASNParseErrs.equals(oid) || SnmpConstants.snmpInvalidMsgs.equals(oid)) {
			return "snmp.malformed-pdu";
		}
		if (SnmpConstants.snmpInBadVersions.equals(oid) || SnmpConstants.snmpUnknownSecurityModels.equals(oid)) {
			return "snmp.unsupported-version";
		}
		if (SnmpConstants.snmpInBadCommunityNames.equals(oid) || SnmpConstants.snmpInBadCommunityUses.equals(oid)) {
			return "snmp.community-not-allowed";
		}
		if (SnmpConstants.snmpUnknownPDUHandlers.equals(oid)) {
			return "snmp.not-a-trap";
		}
		return null;
	}

	/**
	 * The message being decoded on this thread: its bytes, and whether a responder got
	 * it.
	 */
	private static final class Inbound {

		private final byte[] raw;

		private boolean handled;

		private String reason;

		Inbound(byte[] raw) {
			this.raw = raw;
		}

	}

	/**
	 * SNMP4J's dispatcher, which also keeps each message's bytes for the signal and
	 * counts what it could not decode: SNMP4J dispatches synchronously on the transport's
	 * thread, so a thread-local carries the message from here to {@link #processPdu}.
	 */
	private final class RecordingDispatcher extends MessageDispatcherImpl {

		@Override
		public <A extends Address> void processMessage(TransportMapping<? super A> sourceTransport, A incomingAddress,
				ByteBuffer wholeMessage, TransportStateReference tmStateReference) {
			ByteBuffer copy = wholeMessage.duplicate();
			byte[] raw = new byte[copy.remaining()];
			copy.get(raw);
			Inbound in = new Inbound(raw);
			SnmpTrapListener.this.inbound.set(in);
			SnmpTrapListener.this.stats.received();
			try {
				super.processMessage(sourceTransport, incomingAddress, wholeMessage, tmStateReference);
			}
			catch (RuntimeException ex) {
				in.reason = "snmp.malformed-pdu";
				log.debug("SNMP message from {} could not be decoded", incomingAddress, ex);
			}
			finally {
				SnmpTrapListener.this.inbound.remove();
			}
			if (!in.handled) {
				SnmpTrapListener.this.stats.rejected("udp", host(incomingAddress),
						(in.reason != null) ? in.reason : "snmp.malformed-pdu", "SNMP4J could not decode it", raw, 0,
						raw.length);
			}
		}

		@Override
		protected void fireIncrementCounter(CounterEvent event) {
			super.fireIncrementCounter(event);
			Inbound in = SnmpTrapListener.this.inbound.get();
			if (in != null && in.reason == null) {
				in.reason = reasonOf(event);
			}
		}

	}

}
