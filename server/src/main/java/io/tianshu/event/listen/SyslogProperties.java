package io.tianshu.event.listen;

import java.nio.charset.Charset;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneId;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The syslog listener ({@code tianshu.event.syslog.*}): RFC 3164 and RFC 5424 over UDP
 * (RFC 5426) and TCP (RFC 6587 octet counting or newline framing), auto-detected per
 * message. Off unless {@code enabled}; {@code application.yml} turns it on together with
 * demo mode. A port of 0 binds an ephemeral port.
 */
@ConfigurationProperties("tianshu.event.syslog")
public class SyslogProperties {

	/** Whether the listener runs at all. */
	private boolean enabled;

	/** Whether it listens on UDP. */
	private boolean udpEnabled = true;

	/** Whether it listens on TCP. */
	private boolean tcpEnabled = true;

	/** The address to bind ({@code 0.0.0.0}: all interfaces). */
	private String bindAddress = "0.0.0.0";

	/** UDP port (unprivileged by default; redirect 514 to it, see the docs). */
	private int udpPort = 1514;

	/** TCP port. */
	private int tcpPort = 1514;

	/** Largest UDP datagram accepted; larger ones are rejected. */
	private int maxMessageSize = 65_535;

	/** Largest TCP frame accepted; larger ones are rejected and skipped. */
	private int maxFrameSize = 65_536;

	/** Concurrent TCP connections; further ones are closed at once (counted). */
	private int maxConnections = 200;

	/** A TCP connection silent this long is closed. */
	private Duration idleTimeout = Duration.ofMinutes(5);

	/** Socket receive buffer asked for the UDP socket, absorbing bursts. */
	private int receiveBufferSize = 8 * 1024 * 1024;

	/** The integration the signals belong to. */
	private String integration = "syslog";

	/** Zone of RFC 3164 timestamps, which carry none (default: the server's zone). */
	private ZoneId defaultZone = ZoneId.systemDefault();

	/**
	 * How a message that is not valid UTF-8 (and has no BOM) is decoded; GB18030 covers
	 * GBK devices common in Chinese networks and decodes ASCII as itself.
	 */
	private Charset fallbackCharset = Charset.forName("GB18030");

	/** A YAML or JSON file of mapping rules evaluated before the built-in ones. */
	private Path rulesFile;

	/** Whether the built-in rules apply after the file's. */
	private boolean defaultRules = true;

	/** Most signals per call of the sink. */
	private int batchSize = 1000;

	/** Longest a signal waits for its batch to fill. */
	private Duration batchDelay = Duration.ofMillis(20);

	/** Signals waiting for the sink; UDP messages beyond are dropped (counted). */
	private int queueCapacity = 100_000;

	/** Rejected messages kept as samples for the console. */
	private int rejectedSamples = 50;

	public boolean isEnabled() {
		return this.enabled;
	}

	public void setEnabled(boolean enabled) {
		this.enabled = enabled;
	}

	public boolean isUdpEnabled() {
		return this.udpEnabled;
	}

	public void setUdpEnabled(boolean udpEnabled) {
		this.udpEnabled = udpEnabled;
	}

	public boolean isTcpEnabled() {
		return this.tcpEnabled;
	}

	public void setTcpEnabled(boolean tcpEnabled) {
		this.tcpEnabled = tcpEnabled;
	}

	public String getBindAddress() {
		return this.bindAddress;
	}

	public void setBindAddress(String bindAddress) {
		this.bindAddress = bindAddress;
	}

	public int getUdpPort() {
		return this.udpPort;
	}

	public void setUdpPort(int udpPort) {
		this.udpPort = udpPort;
	}

	public int getTcpPort() {
		return this.tcpPort;
	}

	public void setTcpPort(int tcpPort) {
		this.tcpPort = tcpPort;
	}

	public int getMaxMessageSize() {
		return this.maxMessageSize;
	}

	public void setMaxMessageSize(int maxMessageSize) {
		this.maxMessageSize = maxMessageSize;
	}

	public int getMaxFrameSize() {
		return this.maxFrameSize;
	}

	public void setMaxFrameSize(int maxFrameSize) {
		this.maxFrameSize = maxFrameSize;
	}

	public int getMaxConnections() {
		return this.maxConnections;
	}

	public void setMaxConnections(int maxConnections) {
		this.maxConnections = maxConnections;
	}

	public Duration getIdleTimeout() {
		return this.idleTimeout;
	}

	public void setIdleTimeout(Duration idleTimeout) {
		this.idleTimeout = idleTimeout;
	}

	public int getReceiveBufferSize() {
		return this.receiveBufferSize;
	}

	public void setReceiveBufferSize(int receiveBufferSize) {
		this.receiveBufferSize = receiveBufferSize;
	}

	public String getIntegration() {
		return this.integration;
	}

	public void setIntegration(String integration) {
		this.integration = integration;
	}

	public ZoneId getDefaultZone() {
		return this.defaultZone;
	}

	public void setDefaultZone(ZoneId defaultZone) {
		this.defaultZone = defaultZone;
	}

	public Charset getFallbackCharset() {
		return this.fallbackCharset;
	}

	public void setFallbackCharset(Charset fallbackCharset) {
		this.fallbackCharset = fallbackCharset;
	}

	public Path getRulesFile() {
		return this.rulesFile;
	}

	public void setRulesFile(Path rulesFile) {
		this.rulesFile = rulesFile;
	}

	public boolean isDefaultRules() {
		return this.defaultRules;
	}

	public void setDefaultRules(boolean defaultRules) {
		this.defaultRules = defaultRules;
	}

	public int getBatchSize() {
		return this.batchSize;
	}

	public void setBatchSize(int batchSize) {
		this.batchSize = batchSize;
	}

	public Duration getBatchDelay() {
		return this.batchDelay;
	}

	public void setBatchDelay(Duration batchDelay) {
		this.batchDelay = batchDelay;
	}

	public int getQueueCapacity() {
		return this.queueCapacity;
	}

	public void setQueueCapacity(int queueCapacity) {
		this.queueCapacity = queueCapacity;
	}

	public int getRejectedSamples() {
		return this.rejectedSamples;
	}

	public void setRejectedSamples(int rejectedSamples) {
		this.rejectedSamples = rejectedSamples;
	}

}
