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
			assertThat(context.getBean(SignalListeners.class).status()).isEmpty();
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
