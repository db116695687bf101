package io.tianshu.event.listen;

import java.util.ArrayList;
import java.util.List;

import org.springframework.context.SmartLifecycle;

/**
 * The syslog and SNMP trap listeners (告警接入: syslog、SNMP Trap) the configuration enables,
 * started with the application and stopped before it: on stop they stop receiving first
 * and then deliver what they queued. {@link #status} is what the console's integrations
 * page shows: the sockets, counters and the last rejected messages with their reasons.
 */
public class SignalListeners implements SmartLifecycle {

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

	/** One entry per enabled protocol; empty when both listeners are off. */
	public List<ListenerStatus> status() {
		List<ListenerStatus> out = new ArrayList<>(2);
		if (this.syslog != null) {
			out.add(this.syslog.status());
		}
		if (this.snmp != null) {
			out.add(this.snmp.status());
		}
		return out;
	}

}
