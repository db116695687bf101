package io.tianshu.event.listen;

import java.time.Clock;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Fallback;

/**
 * Wires the listeners ({@link SyslogProperties} and {@link SnmpProperties} are found by
 * the application's configuration-properties scan). The {@link LoggingSignalSink} is a
 * {@link Fallback} bean: it is injected only while no other {@link ReceivedSignalSink}
 * bean exists (the event intake's replaces it), and unlike
 * {@code @ConditionalOnMissingBean} on a scanned configuration this does not depend on
 * the order in which bean definitions are registered.
 */
@Configuration(proxyBeanMethods = false)
class ListenerConfiguration {

	@Bean
	@Fallback
	LoggingSignalSink loggingSignalSink() {
		return new LoggingSignalSink();
	}

	@Bean
	SignalListeners signalListeners(SyslogProperties syslog, SnmpProperties snmp, ReceivedSignalSink sink,
			Clock clock) {
		return new SignalListeners(syslog.isEnabled() ? new SyslogListener(syslog, sink, clock) : null,
				snmp.isEnabled() ? new SnmpTrapListener(snmp, sink, clock) : null);
	}

}
