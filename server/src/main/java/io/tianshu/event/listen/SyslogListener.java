package io.tianshu.event.listen;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The syslog listener: UDP and TCP (each when enabled) sharing the parser, the rules and
 * one batcher towards the sink. A port that cannot be bound leaves that transport off
 * (logged, and shown by {@link #status}) rather than stopping the server.
 */
final class SyslogListener {

	private static final Logger log = LoggerFactory.getLogger(SyslogListener.class);

	private final SyslogProperties properties;

	private final ListenerStats stats;

	private final SignalBatcher batcher;

	private final SyslogUdpListener udp;

	private final SyslogTcpListener tcp;

	private volatile String udpError;

	private volatile String tcpError;

	SyslogListener(SyslogProperties properties, ReceivedSignalSink sink, Clock clock) {
		this.properties = properties;
		MappingRules rules = MappingRules.load("syslog", properties.getRulesFile(), properties.isDefaultRules());
		this.stats = new ListenerStats("syslog", clock, properties.getRejectedSamples());
		this.batcher = new SignalBatcher(sink, this.stats, properties.getBatchSize(), properties.getBatchDelay(),
				properties.getQueueCapacity());
		SyslogReceiver receiver = new SyslogReceiver(
				new SyslogParser(properties.getDefaultZone(), properties.getFallbackCharset()), rules, this.batcher,
				this.stats, clock, properties.getIntegration());
		this.udp = properties.isUdpEnabled()
				? new SyslogUdpListener(new InetSocketAddress(properties.getBindAddress(), properties.getUdpPort()),
						properties.getMaxMessageSize(), properties.getReceiveBufferSize(), receiver)
				: null;
		this.tcp = properties.isTcpEnabled()
				? new SyslogTcpListener(new InetSocketAddress(properties.getBindAddress(), properties.getTcpPort()),
						properties.getMaxFrameSize(), properties.getMaxConnections(), properties.getIdleTimeout(),
						receiver)
				: null;
	}

	void start() {
		this.stats.started();
		this.batcher.start();
		if (this.udp != null) {
			try {
				this.udp.start();
				log.info("Syslog listener on udp {}", this.udp.address());
			}
			catch (IOException ex) {
				this.udpError = ex.toString();
				log.error("Syslog listener could not bind udp {}:{}; syslog over UDP is not received: {}",
						this.properties.getBindAddress(), this.properties.getUdpPort(), ex.toString());
			}
		}
		if (this.tcp != null) {
			try {
				this.tcp.start();
				log.info("Syslog listener on tcp {}", this.tcp.address());
			}
			catch (IOException ex) {
				this.tcpError = ex.toString();
				log.error("Syslog listener could not bind tcp {}:{}; syslog over TCP is not received: {}",
						this.properties.getBindAddress(), this.properties.getTcpPort(), ex.toString());
			}
		}
	}

	/** Stops receiving, then delivers what is queued. */
	void stop() {
		if (this.udp != null) {
			this.udp.stop();
		}
		if (this.tcp != null) {
			this.tcp.stop();
		}
		this.batcher.stop();
	}

	int udpPort() {
		return (this.udp != null) ? this.udp.port() : -1;
	}

	int tcpPort() {
		return (this.tcp != null) ? this.tcp.port() : -1;
	}

	ListenerStatus status() {
		List<ListenerStatus.Endpoint> endpoints = new ArrayList<>();
		if (this.udp != null) {
			endpoints.add(new ListenerStatus.Endpoint("udp", this.udp.address(), this.udp.running(), this.udpError));
		}
		if (this.tcp != null) {
			endpoints.add(new ListenerStatus.Endpoint("tcp", this.tcp.address(), this.tcp.running(), this.tcpError));
		}
		return this.stats.snapshot(endpoints);
	}

}
