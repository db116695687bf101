package io.tianshu.platform.identity;

import jakarta.servlet.http.Cookie;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.security.test.web.support.WebTestUtils;
import org.springframework.security.web.csrf.CookieCsrfTokenRepository;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.AbstractMockHttpServletRequestBuilder;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import org.springframework.test.web.servlet.request.MockMvcRequestBuilders;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.request;

/**
 * A console in a browser: one HTTP session, the XSRF-TOKEN cookie it got from
 * {@code GET /api/v1/auth/session}, sent back as {@code X-XSRF-TOKEN} on every non-GET
 * request, like the console does.
 */
public final class Browser {

	private final MockMvc mvc;

	private final JsonMapper json;

	private final MockHttpSession session = new MockHttpSession();

	private final String remoteAddress;

	private String xsrf;

	public Browser(MockMvc mvc, JsonMapper json, String remoteAddress) {
		this.mvc = mvc;
		this.json = json;
		this.remoteAddress = remoteAddress;
		restoreCookieCsrf(mvc);
		Response first = call(HttpMethod.GET, "/api/v1/auth/session", null);
		Cookie cookie = first.raw().getCookie("XSRF-TOKEN");
		assertThat(cookie).as("XSRF-TOKEN cookie").isNotNull();
		this.xsrf = cookie.getValue();
	}

	/**
	 * Spring Security's {@code csrf()} test support, once used by any test in the shared
	 * context, replaces the CSRF filter's cookie repository for good; this puts back the
	 * one the application configures ({@code csrf.spa()}), so the real cookie flow is
	 * what these tests exercise.
	 */
	public static void restoreCookieCsrf(MockMvc mvc) {
		MockHttpServletRequest probe = new MockHttpServletRequest(mvc.getDispatcherServlet().getServletContext());
		if (!(WebTestUtils.getCsrfTokenRepository(probe) instanceof CookieCsrfTokenRepository)) {
			WebTestUtils.setCsrfTokenRepository(probe, CookieCsrfTokenRepository.withHttpOnlyFalse());
		}
	}

	public Browser(MockMvc mvc, JsonMapper json) {
		this(mvc, json, "127.0.0.1");
	}

	public MockHttpSession session() {
		return this.session;
	}

	public Response get(String path) {
		return call(HttpMethod.GET, path, null);
	}

	public Response post(String path, Object body) {
		return call(HttpMethod.POST, path, body);
	}

	public Response put(String path, Object body) {
		return call(HttpMethod.PUT, path, body);
	}

	public Response patch(String path, Object body) {
		return call(HttpMethod.PATCH, path, body);
	}

	public Response delete(String path, Object body) {
		return call(HttpMethod.DELETE, path, body);
	}

	/** Sends the request without the CSRF header. */
	public Response postWithoutCsrf(String path, Object body) {
		return perform(request(HttpMethod.POST, path).contentType(MediaType.APPLICATION_JSON)
			.content(this.json.writeValueAsString(body)), false);
	}

	public Response call(HttpMethod method, String path, Object body) {
		MockHttpServletRequestBuilder builder = (method == HttpMethod.GET) ? MockMvcRequestBuilders.get(path)
				: request(method, path);
		if (body != null) {
			builder.contentType(MediaType.APPLICATION_JSON).content(this.json.writeValueAsString(body));
		}
		return perform(builder, method != HttpMethod.GET);
	}

	/**
	 * Sends any request (also multipart) in this browser's session, with the CSRF header
	 * when {@code csrf}.
	 */
	public Response perform(AbstractMockHttpServletRequestBuilder<?> builder, boolean csrf) {
		restoreCookieCsrf(this.mvc);
		builder.session(this.session).with((request) -> {
			request.setRemoteAddr(this.remoteAddress);
			return request;
		});
		if (this.xsrf != null) {
			builder.cookie(new Cookie("XSRF-TOKEN", this.xsrf));
			if (csrf) {
				builder.header("X-XSRF-TOKEN", this.xsrf);
			}
		}
		try {
			MockHttpServletResponse response = this.mvc.perform(builder).andReturn().getResponse();
			Cookie renewed = response.getCookie("XSRF-TOKEN");
			if (renewed != null && renewed.getValue() != null && !renewed.getValue().isEmpty()) {
				this.xsrf = renewed.getValue();
			}
			return new Response(response, this.json);
		}
		catch (Exception ex) {
			throw new IllegalStateException(ex);
		}
	}

	/** A response and its JSON body. */
	public record Response(MockHttpServletResponse raw, JsonMapper json) {

		public int status() {
			return this.raw.getStatus();
		}

		public JsonNode body() {
			try {
				String content = this.raw.getContentAsString();
				return content.isEmpty() ? this.json.createObjectNode() : this.json.readTree(content);
			}
			catch (java.io.UnsupportedEncodingException ex) {
				throw new IllegalStateException(ex);
			}
		}

		public String code() {
			JsonNode code = body().get("code");
			return (code != null) ? code.asString() : null;
		}

		public Response expect(int status) {
			assertThat(status()).as("status of a response with body %s", contentString()).isEqualTo(status);
			return this;
		}

		public String contentString() {
			try {
				return this.raw.getContentAsString();
			}
			catch (java.io.UnsupportedEncodingException ex) {
				throw new IllegalStateException(ex);
			}
		}

	}

}
