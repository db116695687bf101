package io.tianshu.platform;

import java.time.Clock;

import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Beans every module uses.
 */
@Configuration(proxyBeanMethods = false)
class PlatformConfiguration {

	/** The one clock: domain code takes time from it, so tests can move it. */
	@Bean
	@ConditionalOnMissingBean
	Clock clock() {
		return Clock.systemUTC();
	}

}
