package io.tianshu.event.listen;

import java.util.List;
import java.util.Optional;

import org.springframework.context.SmartLifecycle;

/**
 * The syslog and SNMP trap listeners (告警接入: syslog、SNMP Trap) the configuration enables,
 * started with the application and stopped before it: on stop they stop receiving first
 * and then deliver what they queued. {@link #status} is what the console's integrations
 * page shows: the sockets, counters and the last rejected messages with their reasons.
 */
public class SignalListeners implements SmartLifecycle {

	static final String SYSLOG = "syslog";

	static final String SNMP = "snmp";

	private final SyslogListener syslog;

	private final SnmpTrapListener snmp;

	private volatile boolean running;

	SignalListeners(SyslogListener syslog, SnmpTrapListener snmp) {
		this.syslog = syslog;
		this.snmp = snmp;
	}

	@Override
	public synchronized void start() {
		if (this.syslog != null) {
			this.syslog.start();
		}
		if (this.snmp != null) {
			this.snmp.start();
		}
		this.running = true;
	}

	@Override
	public synchronized void stop() {
		if (this.syslog != null) {
			this.syslog.stop();
		}
		if (this.snmp != null) {
			this.snmp.stop();
		}
		this.running = false;
	}

	@Override
	public boolean isRunning() {
		return this.running;
	}

	/**
	 * Both protocols, {@code syslog} then {@code snmp}, each enabled or not (a disabled
	 * one with {@code enabled = false}, no endpoints and zero counts).
	 */
	public List<ListenerStatus> status() {
		return List.of(syslogStatus(), snmpStatus());
	}

	/** One protocol's status; empty for anything but {@code syslog} and {@code snmp}. */
	public Optional<ListenerStatus> status(String protocol) {
		return switch (protocol) {
			case SYSLOG -> Optional.of(syslogStatus());
			case SNMP -> Optional.of(snmpStatus());
			default -> Optional.empty();
		};
	}

	private ListenerStatus syslogStatus() {
		return (this.syslog != null) ? this.syslog.status() : ListenerStatus.disabled(SYSLOG);
	}

	private ListenerStatus snmpStatus() {
		return (this.snmp != null) ? this.snmp.status() : ListenerStatus.disabled(SNMP);
	}

}
