package io.tianshu.platform.identity;

import io.tianshu.platform.PermissionSet;
import io.tianshu.platform.PlatformPermissions;
import io.tianshu.platform.identity.users.PasswordPolicy;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;

@Configuration(proxyBeanMethods = false)
class IdentityConfiguration {

	@Bean
	PasswordEncoder passwordEncoder(IdentityProperties properties) {
		return new BCryptPasswordEncoder(Math.clamp(properties.bcryptStrength(), 10, 12));
	}

	@Bean
	PasswordPolicy passwordPolicy() {
		return PasswordPolicy.standard();
	}

	/**
	 * The platform's own permissions, next to every other module's {@link PermissionSet}.
	 */
	@Bean
	PermissionSet platformPermissions() {
		return PlatformPermissions::all;
	}

}
