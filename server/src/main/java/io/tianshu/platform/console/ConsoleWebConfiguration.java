package io.tianshu.platform.console;

import java.io.IOException;
import java.time.Duration;
import java.util.List;

import org.springframework.context.annotation.Configuration;
import org.springframework.core.io.ClassPathResource;
import org.springframework.core.io.Resource;
import org.springframework.http.CacheControl;
import org.springframework.web.servlet.config.annotation.ResourceHandlerRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;
import org.springframework.web.servlet.resource.EncodedResourceResolver;
import org.springframework.web.servlet.resource.PathResourceResolver;

/**
 * Serves the web console (the {@code tianshu-console} jar's {@code static/} folder) at
 * {@code /}. Hashed build assets under {@code /assets/} are cached for a year; everything
 * else, above all {@code index.html}, must be revalidated so a new release is picked up
 * at once. Client-side routes ({@code /admin/users}, {@code /account} …) are answered
 * with {@code index.html}; API, actuator and OpenAPI paths never are, so an unknown API
 * path stays a 404 instead of becoming an HTML page.
 */
@Configuration(proxyBeanMethods = false)
class ConsoleWebConfiguration implements WebMvcConfigurer {

	static final String LOCATION = "classpath:/static/";

	private static final List<String> NEVER_FORWARDED = List.of("api/", "actuator/", "v3/", "swagger-ui/",
			"swagger-ui.html");

	@Override
	public void addResourceHandlers(ResourceHandlerRegistry registry) {
		registry.addResourceHandler("/assets/**")
			.addResourceLocations(LOCATION + "assets/")
			.setCacheControl(CacheControl.maxAge(Duration.ofDays(365)).cachePublic().immutable())
			.resourceChain(true)
			// the build writes .br/.gz beside each asset: sent as they are, not
			// compressed per request
			.addResolver(new EncodedResourceResolver())
			.addResolver(new PathResourceResolver());
		registry.addResourceHandler("/**")
			.addResourceLocations(LOCATION)
			.setCacheControl(CacheControl.noCache())
			.resourceChain(true)
			.addResolver(new ConsoleRoutesResolver());
	}

	/**
	 * Whether a request path (without the leading slash) is a console route to answer
	 * with index.html.
	 */
	static boolean isConsoleRoute(String path) {
		if (NEVER_FORWARDED.stream().anyMatch(path::startsWith) || path.startsWith("assets/")) {
			return false;
		}
		String last = path.substring(path.lastIndexOf('/') + 1);
		return !last.contains(".");
	}

	/**
	 * Existing files as they are; extension-less console routes → index.html; all else
	 * 404.
	 */
	static final class ConsoleRoutesResolver extends PathResourceResolver {

		@Override
		protected Resource getResource(String resourcePath, Resource location) throws IOException {
			Resource requested = location.createRelative(resourcePath);
			if (!resourcePath.isEmpty() && requested.exists() && requested.isReadable()) {
				return requested;
			}
			if (isConsoleRoute(resourcePath)) {
				Resource index = new ClassPathResource("static/index.html");
				return index.exists() ? index : null;
			}
			return null;
		}

	}

}
