package io.tianshu.platform.web;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.info.License;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.info.BuildProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The OpenAPI description at {@code /v3/api-docs}: API tokens as bearer tokens, the
 * console's session cookie as the alternative.
 */
@Configuration(proxyBeanMethods = false)
class OpenApiConfiguration {

	static final String BEARER = "bearer";

	static final String SESSION = "session";

	@Bean
	OpenAPI tianshuOpenApi(ObjectProvider<BuildProperties> build,
			@Value("${server.servlet.session.cookie.name:JSESSIONID}") String sessionCookie) {
		return new OpenAPI()
			.info(new Info().title("Tianshu")
				.description("Tianshu (天枢) IT-operations platform API. Errors are RFC 9457 problem details "
						+ "with a stable code and the request id.")
				.version(BuildInfo.version(build.getIfAvailable()))
				.license(new License().name("Apache-2.0")))
			.components(new Components()
				.addSecuritySchemes(BEARER,
						new SecurityScheme().type(SecurityScheme.Type.HTTP)
							.scheme("bearer")
							.bearerFormat("tsk_…")
							.description("An API token (Authorization: Bearer tsk_...)"))
				.addSecuritySchemes(SESSION,
						new SecurityScheme().type(SecurityScheme.Type.APIKEY)
							.in(SecurityScheme.In.COOKIE)
							.name(sessionCookie)
							.description("The console session; non-GET requests also need X-XSRF-TOKEN")))
			.addSecurityItem(new SecurityRequirement().addList(BEARER))
			.addSecurityItem(new SecurityRequirement().addList(SESSION));
	}

}
