package io.tianshu.event.listen;

import java.time.Clock;
import java.util.List;

import org.junit.jupiter.api.Test;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;

/** The wiring: which sink the listeners use, and that nothing listens unless enabled. */
class ListenerConfigurationTests {

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withUserConfiguration(Properties.class, ListenerConfiguration.class)
		.withBean(Clock.class, Clock::systemUTC);

	@Test
	void withoutAnotherSinkTheLoggingSinkIsUsedAndNothingListensByDefault() {
		this.runner.run((context) -> {
			assertThat(context.getBean(ReceivedSignalSink.class)).isInstanceOf(LoggingSignalSink.class);
			List<ListenerStatus> status = context.getBean(SignalListeners.class).status();
			assertThat(status).extracting(ListenerStatus::protocol).containsExactly("syslog", "snmp");
			assertThat(status).allSatisfy((listener) -> {
				assertThat(listener.enabled()).isFalse();
				assertThat(listener.endpoints()).isEmpty();
				assertThat(listener.startedAt()).isNull();
			});
		});
	}

	@Test
	void onlyTheEnabledListenerReportsEndpoints() {
		this.runner.withBean(CollectingSink.class, CollectingSink::new)
			.withPropertyValues("tianshu.event.snmp.enabled=true", "tianshu.event.snmp.bind-address=127.0.0.1",
					"tianshu.event.snmp.port=0")
			.run((context) -> {
				SignalListeners listeners = context.getBean(SignalListeners.class);
				assertThat(listeners.status("syslog")).hasValueSatisfying((s) -> assertThat(s.enabled()).isFalse());
				assertThat(listeners.status("snmp")).hasValueSatisfying((s) -> {
					assertThat(s.enabled()).isTrue();
					assertThat(s.endpoints()).singleElement()
						.satisfies((e) -> assertThat(e.address()).startsWith("127.0.0.1:").doesNotEndWith(":0"));
				});
				assertThat(listeners.status("netflow")).isEmpty();
			});
	}

	@Test
	void anotherSinkReplacesTheLoggingSink() {
		this.runner.withBean(CollectingSink.class, CollectingSink::new).run((context) -> {
			assertThat(context.getBean(ReceivedSignalSink.class)).isInstanceOf(CollectingSink.class);
			assertThat(context.getBeansOfType(ReceivedSignalSink.class)).hasSize(2);
		});
	}

	@Test
	void enabledListenersBindWithTheApplicationAndDeliverToTheSink() {
		this.runner.withBean(CollectingSink.class, CollectingSink::new)
			.withPropertyValues("tianshu.event.syslog.enabled=true", "tianshu.event.syslog.bind-address=127.0.0.1",
					"tianshu.event.syslog.udp-port=0", "tianshu.event.syslog.tcp-port=0",
					"tianshu.event.snmp.enabled=true", "tianshu.event.snmp.bind-address=127.0.0.1",
					"tianshu.event.snmp.port=0", "tianshu.event.snmp.communities=private,ops")
			.run((context) -> {
				List<ListenerStatus> status = context.getBean(SignalListeners.class).status();
				assertThat(status).extracting(ListenerStatus::protocol).containsExactly("syslog", "snmp");
				assertThat(status).extracting(ListenerStatus::enabled).containsExactly(true, true);
				assertThat(status).allSatisfy((listener) -> assertThat(listener.startedAt()).isNotNull());
				assertThat(status.get(0).endpoints()).extracting(ListenerStatus.Endpoint::transport)
					.containsExactly("udp", "tcp");
				assertThat(status).flatExtracting(ListenerStatus::endpoints)
					.allSatisfy((endpoint) -> assertThat(endpoint.running()).as(endpoint.toString()).isTrue());
				assertThat(context.getBean(SnmpProperties.class).getCommunities()).containsExactly("private", "ops");
			});
	}

	@Configuration(proxyBeanMethods = false)
	@EnableConfigurationProperties({ SyslogProperties.class, SnmpProperties.class })
	static class Properties {

	}

}
