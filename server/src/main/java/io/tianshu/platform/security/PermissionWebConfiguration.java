package io.tianshu.platform.security;

import io.tianshu.platform.Authorization;

import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

@Configuration(proxyBeanMethods = false)
class PermissionWebConfiguration implements WebMvcConfigurer {

	private final Authorization authorization;

	PermissionWebConfiguration(Authorization authorization) {
		this.authorization = authorization;
	}

	@Override
	public void addInterceptors(InterceptorRegistry registry) {
		registry.addInterceptor(new PermissionInterceptor(this.authorization)).addPathPatterns("/api/**");
	}

}
