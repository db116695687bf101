package io.tianshu.event.ingest;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;

import io.tianshu.event.IntegrationInfo;
import io.tianshu.event.Integrations;
import io.tianshu.event.integration.IngestCounters;
import io.tianshu.event.intake.EventProperties;
import io.tianshu.platform.web.Problems;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Authenticates ingest requests by their integration's token only, from (in this order)
 * {@code Authorization: Bearer <token>}, the password (or else the user) of
 * {@code Authorization: Basic}, the {@code token} query parameter, and for PagerDuty
 * events the {@code routing_key} of the body (or an {@code X-Routing-Key} header).
 * Missing, unknown and disabled tokens are answered 401 problem details and counted
 * ({@code rejected.token.missing}, {@code rejected.token.unknown} under the nil
 * integration, {@code rejected.integration.disabled} under the integration). Sessions,
 * cookies and platform API tokens mean nothing here.
 */
class IntegrationTokenFilter extends OncePerRequestFilter {

	static final String PAGERDUTY_PATH = "/api/v1/events/ingest/pagerduty/v2/enqueue";

	private final Integrations integrations;

	private final IngestCounters counters;

	private final JsonMapper json;

	private final EventProperties properties;

	IntegrationTokenFilter(Integrations integrations, IngestCounters counters, JsonMapper json,
			EventProperties properties) {
		this.integrations = integrations;
		this.counters = counters;
		this.json = json;
		this.properties = properties;
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		Authenticated authenticated = authenticate(request, response);
		if (authenticated == null) {
			return;
		}
		runAs(authenticated.integration(), () -> chain.doFilter(authenticated.request(), response));
	}

	/**
	 * The request's enabled integration and the request to go on with (its body read
	 * ahead when a PagerDuty event names its routing key only there); {@code null} after
	 * answering 401 or 413.
	 */
	Authenticated authenticate(HttpServletRequest request, HttpServletResponse response) throws IOException {
		HttpServletRequest effective = request;
		String token = fromHeaders(request);
		if (token == null) {
			token = request.getParameter("token");
		}
		if (token == null && PAGERDUTY_PATH.equals(request.getRequestURI()) && "POST".equals(request.getMethod())) {
			token = request.getHeader("X-Routing-Key");
			if (token == null) {
				byte[] body = IngestSupport.readBody(request, this.properties.pagerdutyMaxBodySize().toBytes());
				if (body == null) {
					write(response, 413, "request.too-large", "The event is larger than PagerDuty's limit");
					this.counters.rejected(IngestCounters.UNKNOWN, "body.too-large");
					return null;
				}
				token = routingKey(body);
				effective = new BufferedRequest(request, body);
			}
		}
		if (token == null || token.isBlank()) {
			this.counters.rejected(IngestCounters.UNKNOWN, "token.missing");
			write(response, 401, "event.integration.token-required",
					"Send the integration's token (Authorization: Bearer <token>)");
			return null;
		}
		Optional<IntegrationInfo> integration = this.integrations.byToken(token);
		if (integration.isEmpty()) {
			this.counters.rejected(IngestCounters.UNKNOWN, "token.unknown");
			write(response, 401, "event.integration.token-invalid", "The integration token is unknown");
			return null;
		}
		if (!integration.get().enabled()) {
			this.counters.rejected(integration.get().id(), "integration.disabled");
			write(response, 401, "event.integration.disabled", "The integration is disabled");
			return null;
		}
		return new Authenticated(integration.get(), effective);
	}

	/**
	 * Runs the work with the integration as the caller
	 * ({@link IngestSupport#integration}).
	 */
	static void runAs(IntegrationInfo integration, Work work) throws ServletException, IOException {
		SecurityContext context = SecurityContextHolder.createEmptyContext();
		context.setAuthentication(new IntegrationAuthentication(integration));
		SecurityContextHolder.setContext(context);
		try {
			work.run();
		}
		finally {
			SecurityContextHolder.clearContext();
		}
	}

	/** A request's integration, and the request to go on with. */
	record Authenticated(IntegrationInfo integration, HttpServletRequest request) {
	}

	/** Work of a servlet filter. */
	@FunctionalInterface
	interface Work {

		void run() throws ServletException, IOException;

	}

	private static String fromHeaders(HttpServletRequest request) {
		String header = request.getHeader(HttpHeaders.AUTHORIZATION);
		if (header == null) {
			return null;
		}
		if (header.regionMatches(true, 0, "Bearer ", 0, 7)) {
			return header.substring(7).strip();
		}
		if (header.regionMatches(true, 0, "Basic ", 0, 6)) {
			try {
				String decoded = new String(Base64.getDecoder().decode(header.substring(6).strip()),
						StandardCharsets.UTF_8);
				int colon = decoded.indexOf(':');
				if (colon < 0) {
					return decoded;
				}
				String password = decoded.substring(colon + 1);
				return password.isEmpty() ? decoded.substring(0, colon) : password;
			}
			catch (IllegalArgumentException ex) {
				return null;
			}
		}
		return null;
	}

	/** The top-level {@code routing_key} string, read by streaming (no full tree). */
	private String routingKey(byte[] body) {
		try (JsonParser parser = this.json.createParser(body)) {
			if (parser.nextToken() != JsonToken.START_OBJECT) {
				return null;
			}
			JsonToken t;
			while ((t = parser.nextToken()) == JsonToken.PROPERTY_NAME) {
				String name = parser.currentName();
				JsonToken value = parser.nextToken();
				if ("routing_key".equals(name) && value == JsonToken.VALUE_STRING) {
					return parser.getString();
				}
				parser.skipChildren();
			}
			return null;
		}
		catch (RuntimeException ex) {
			return null;
		}
	}

	private void write(HttpServletResponse response, int status, String code, String detail) throws IOException {
		ProblemDetail problem = Problems.of(status, code, detail);
		response.setStatus(status);
		response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
		response.getOutputStream().write(this.json.writeValueAsBytes(problem));
	}

	/** The request with its body already read. */
	static final class BufferedRequest extends HttpServletRequestWrapper {

		private final byte[] body;

		BufferedRequest(HttpServletRequest request, byte[] body) {
			super(request);
			this.body = body;
		}

		byte[] body() {
			return this.body;
		}

		@Override
		public ServletInputStream getInputStream() {
			ByteArrayInputStream in = new ByteArrayInputStream(this.body);
			return new ServletInputStream() {

				@Override
				public int read() {
					return in.read();
				}

				@Override
				public int read(byte[] b, int off, int len) {
					return in.read(b, off, len);
				}

				@Override
				public boolean isFinished() {
					return in.available() == 0;
				}

				@Override
				public boolean isReady() {
					return true;
				}

				@Override
				public void setReadListener(ReadListener listener) {
					throw new IllegalStateException("The body was read ahead");
				}

			};
		}

		@Override
		public int getContentLength() {
			return this.body.length;
		}

		@Override
		public long getContentLengthLong() {
			return this.body.length;
		}

	}

}
