package io.tianshu.platform.audit;

import java.util.Map;

import org.junit.jupiter.api.Test;

import org.springframework.boot.context.properties.bind.BindException;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.bind.handler.IgnoreTopLevelConverterNotFoundBindHandler;
import org.springframework.boot.context.properties.bind.validation.BindValidationException;
import org.springframework.boot.context.properties.bind.validation.ValidationBindHandler;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;
import org.springframework.validation.beanvalidation.LocalValidatorFactoryBean;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Binds {@link AuditProperties} the way Boot does at start-up, validation included.
 */
class AuditPropertiesTests {

	@Test
	void defaultsKeep400DaysAndForwardNothing() {
		AuditProperties properties = bind(Map.of());
		assertThat(properties.retentionDays()).isEqualTo(400);
		assertThat(properties.syslog().enabled()).isFalse();
		assertThat(properties.syslog().protocol()).isEqualTo(AuditProperties.Protocol.UDP);
	}

	@Test
	void retentionBelow180DaysRefusesToStart() {
		assertThatExceptionOfType(BindException.class)
			.isThrownBy(() -> bind(Map.of("tianshu.audit.retention-days", "179")))
			.havingCause()
			.isInstanceOf(BindValidationException.class)
			.withMessageContaining("retentionDays")
			.withMessageContaining("must be at least 180 days");
	}

	@Test
	void exactly180DaysIsAccepted() {
		assertThat(bind(Map.of("tianshu.audit.retention-days", "180")).retentionDays()).isEqualTo(180);
	}

	@Test
	void syslogSettingsBind() {
		AuditProperties properties = bind(Map.of("tianshu.audit.syslog.enabled", "true", "tianshu.audit.syslog.host",
				"siem.example", "tianshu.audit.syslog.port", "6514", "tianshu.audit.syslog.protocol", "tcp"));
		assertThat(properties.syslog().enabled()).isTrue();
		assertThat(properties.syslog().host()).isEqualTo("siem.example");
		assertThat(properties.syslog().port()).isEqualTo(6514);
		assertThat(properties.syslog().protocol()).isEqualTo(AuditProperties.Protocol.TCP);
	}

	private static AuditProperties bind(Map<String, String> values) {
		LocalValidatorFactoryBean validator = new LocalValidatorFactoryBean();
		validator.afterPropertiesSet();
		return new Binder(new MapConfigurationPropertySource(values)).bindOrCreate("tianshu.audit",
				Bindable.of(AuditProperties.class),
				new ValidationBindHandler(new IgnoreTopLevelConverterNotFoundBindHandler(), validator));
	}

}
