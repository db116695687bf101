package io.tianshu.platform.audit;

import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class AuditConfiguration {

	/** SIEM forwarding, only when {@code tianshu.audit.syslog.enabled=true}. */
	@Bean(destroyMethod = "close")
	@ConditionalOnBooleanProperty("tianshu.audit.syslog.enabled")
	SyslogForwarder syslogForwarder(AuditProperties properties, ObjectProvider<MeterRegistry> registry) {
		return SyslogForwarder.of(properties.syslog(), registry.getIfAvailable());
	}

}
