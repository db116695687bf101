package io.tianshu.platform.web;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/**
 * Sends the requests a browser makes first (the console page, its scripts, the session
 * check) through the whole filter chain once before Tianshu reports itself ready. On a
 * fresh JVM the first pass through security, resource resolution and JSON takes about a
 * second; without this the first person to open the console after a restart pays for it.
 * Failures only cost that second, so they are logged and ignored.
 */
@Component
@Order(Ordered.LOWEST_PRECEDENCE)
@ConditionalOnProperty(name = "tianshu.warmup.enabled", havingValue = "true", matchIfMissing = true)
class ServingWarmup implements ApplicationRunner {

	private static final Logger log = LoggerFactory.getLogger(ServingWarmup.class);

	private static final Pattern ASSET = Pattern.compile("(?:src|href)=\"(/assets/[^\"]+)\"");

	private final Environment environment;

	private final String contextPath;

	ServingWarmup(Environment environment, @Value("${server.servlet.context-path:}") String contextPath) {
		this.environment = environment;
		this.contextPath = contextPath;
	}

	@Override
	public void run(ApplicationArguments args) {
		String port = this.environment.getProperty("local.server.port");
		if (port == null) {
			return;
		}
		String base = "http://127.0.0.1:" + port + this.contextPath;
		long started = System.nanoTime();
		try (HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build()) {
			String index = get(http, base + "/");
			List<String> paths = new ArrayList<>();
			if (index != null) {
				Matcher m = ASSET.matcher(index);
				while (m.find()) {
					paths.add(m.group(1));
				}
			}
			paths.add("/api/v1/auth/session");
			paths.add("/api/v1/no-such-endpoint");
			for (String path : paths) {
				get(http, base + path);
			}
			log.debug("Warmed the serving path with {} requests in {} ms", paths.size() + 1,
					(System.nanoTime() - started) / 1_000_000);
		}
	}

	private static String get(HttpClient http, String url) {
		try {
			HttpRequest request = HttpRequest.newBuilder(URI.create(url))
				.timeout(Duration.ofSeconds(5))
				.header("Accept-Encoding", "br, gzip")
				.header("X-Request-Id", "warmup")
				.GET()
				.build();
			HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
			return (response.statusCode() == 200) ? response.body() : null;
		}
		catch (Exception ex) {
			log.debug("Warm-up request to {} failed: {}", url, ex.toString());
			return null;
		}
	}

}
