package io.tianshu.event.listen;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The SNMP trap listener ({@code tianshu.event.snmp.*}): traps v1 and v2c and v2c informs
 * over UDP (SNMP4J). SNMPv3 is not supported: v3 messages are rejected as
 * {@code snmp.unsupported-version}. Off unless {@code enabled}; {@code application.yml}
 * turns it on together with demo mode. A port of 0 binds an ephemeral port.
 */
@ConfigurationProperties("tianshu.event.snmp")
public class SnmpProperties {

	/** Whether the listener runs. */
	private boolean enabled;

	/** The address to bind ({@code 0.0.0.0}: all interfaces). */
	private String bindAddress = "0.0.0.0";

	/** UDP port (unprivileged by default; redirect 162 to it, see the docs). */
	private int port = 1162;

	/**
	 * Communities accepted; traps with another are rejected as
	 * {@code snmp.community-not-allowed}. {@code *} accepts any.
	 */
	private List<String> communities = new ArrayList<>(List.of("public"));

	/** The integration the signals belong to. */
	private String integration = "snmp";

	/** A YAML or JSON file of mapping rules evaluated before the built-in ones. */
	private Path rulesFile;

	/** Whether the built-in rules apply after the file's. */
	private boolean defaultRules = true;

	/** Most signals per call of the sink. */
	private int batchSize = 500;

	/** Longest a signal waits for its batch to fill. */
	private Duration batchDelay = Duration.ofMillis(20);

	/** Signals waiting for the sink; traps beyond are dropped (counted). */
	private int queueCapacity = 20_000;

	/** Rejected messages kept as samples for the console. */
	private int rejectedSamples = 50;

	public boolean isEnabled() {
		return this.enabled;
	}

	public void setEnabled(boolean enabled) {
		this.enabled = enabled;
	}

	public String getBindAddress() {
		return this.bindAddress;
	}

	public void setBindAddress(String bindAddress) {
		this.bindAddress = bindAddress;
	}

	public int getPort() {
		return this.port;
	}

	public void setPort(int port) {
		this.port = port;
	}

	public List<String> getCommunities() {
		return this.communities;
	}

	public void setCommunities(List<String> communities) {
		this.communities = communities;
	}

	public String getIntegration() {
		return this.integration;
	}

	public void setIntegration(String integration) {
		this.integration = integration;
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
