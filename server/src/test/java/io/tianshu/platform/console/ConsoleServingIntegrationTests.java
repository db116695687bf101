package io.tianshu.platform.console;

import java.util.Arrays;

import io.tianshu.TianshuIntegrationTest;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.oneOf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.forwardedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * The console jar's static files as the server serves them (the tianshu-console
 * dependency).
 */
@TianshuIntegrationTest
class ConsoleServingIntegrationTests {

	// the console's pages need no permission to load; the API behind them checks each
	// call
	private static final RequestPostProcessor SIGNED_IN = user("console-tests");

	@Autowired
	MockMvc mvc;

	@Test
	void servesIndexAtTheRootWithoutCaching() throws Exception {
		// Boot's welcome page forwards / to index.html (MockMvc records the forward only)
		this.mvc.perform(get("/").with(SIGNED_IN)).andExpect(status().isOk()).andExpect(forwardedUrl("index.html"));
		this.mvc.perform(get("/index.html").with(SIGNED_IN))
			.andExpect(status().isOk())
			.andExpect(header().string("Cache-Control", containsString("no-cache")))
			.andExpect(content().string(containsString("<div id=\"root\">")));
	}

	@Test
	void answersConsoleRoutesWithIndex() throws Exception {
		for (String route : new String[] { "/admin/users", "/account", "/admin/audit" }) {
			this.mvc.perform(get(route).with(SIGNED_IN))
				.andExpect(status().isOk())
				.andExpect(header().string("Cache-Control", containsString("no-cache")))
				.andExpect(content().string(containsString("<div id=\"root\">")));
		}
	}

	@Test
	void cachesHashedAssetsForAYear() throws Exception {
		Resource[] scripts = new PathMatchingResourcePatternResolver().getResources("classpath:/static/assets/*.js");
		assertThat(scripts).as("the console jar holds built assets").isNotEmpty();
		String name = Arrays.stream(scripts).map(Resource::getFilename).findFirst().orElseThrow();
		this.mvc.perform(get("/assets/" + name).with(SIGNED_IN))
			.andExpect(status().isOk())
			.andExpect(header().string("Cache-Control", containsString("max-age=31536000")))
			.andExpect(header().string("Cache-Control", containsString("immutable")));
	}

	@Test
	void sendsAssetsPrecompressedWhenTheBrowserAcceptsIt() throws Exception {
		Resource[] compressed = new PathMatchingResourcePatternResolver()
			.getResources("classpath:/static/assets/*.js.br");
		assertThat(compressed).as("the console build writes brotli files").isNotEmpty();
		String name = compressed[0].getFilename().replace(".br", "");
		this.mvc.perform(get("/assets/" + name).header("Accept-Encoding", "gzip, deflate, br").with(SIGNED_IN))
			.andExpect(status().isOk())
			.andExpect(header().string("Content-Encoding", oneOf("br", "gzip")))
			.andExpect(header().string("Cache-Control", containsString("immutable")));
		this.mvc.perform(get("/assets/" + name).with(SIGNED_IN))
			.andExpect(status().isOk())
			.andExpect(header().doesNotExist("Content-Encoding"));
	}

	@Test
	void neverAnswersApiOrMissingFilesWithIndex() throws Exception {
		this.mvc.perform(get("/api/v1/no-such-endpoint").with(SIGNED_IN))
			.andExpect(status().isNotFound())
			.andExpect(content().string(not(containsString("<div id=\"root\">"))));
		this.mvc.perform(get("/assets/no-such-file.js").with(SIGNED_IN)).andExpect(status().isNotFound());
		this.mvc.perform(get("/no-such-file.css").with(SIGNED_IN)).andExpect(status().isNotFound());
	}

	@Test
	void leavesTheOpenApiDescriptionAlone() throws Exception {
		this.mvc.perform(get("/v3/api-docs").with(SIGNED_IN))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("\"openapi\"")));
	}

	@Test
	void tellsConsoleRoutesFromOtherPaths() {
		assertThat(ConsoleWebConfiguration.isConsoleRoute("admin/users")).isTrue();
		assertThat(ConsoleWebConfiguration.isConsoleRoute("")).isTrue();
		assertThat(ConsoleWebConfiguration.isConsoleRoute("api/v1/users")).isFalse();
		assertThat(ConsoleWebConfiguration.isConsoleRoute("actuator/health")).isFalse();
		assertThat(ConsoleWebConfiguration.isConsoleRoute("v3/api-docs")).isFalse();
		assertThat(ConsoleWebConfiguration.isConsoleRoute("swagger-ui/index.html")).isFalse();
		assertThat(ConsoleWebConfiguration.isConsoleRoute("assets/app")).isFalse();
		assertThat(ConsoleWebConfiguration.isConsoleRoute("favicon.ico")).isFalse();
	}

}
