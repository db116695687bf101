package io.tianshu.event.ingest;

import java.io.IOException;
import java.net.URI;

import io.tianshu.event.Integrations;
import io.tianshu.event.integration.IngestCounters;
import io.tianshu.event.intake.EventProperties;
import io.tianshu.platform.web.ProblemResponses;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Serves the two Alertmanager endpoints ({@code POST /api/v2/alerts} and the webhook
 * receiver) straight from the servlet filter chain, ahead of Spring Security's chain and
 * Spring MVC: they are the hot path of every Prometheus and Alertmanager in an estate,
 * and per request the security filters, their observations and the MVC dispatch cost more
 * CPU than the controller's own work for a batch of 64 alerts. What they did for these
 * requests is done here: the integration token authenticates the request
 * ({@link IntegrationTokenFilter#authenticate}, the same answers and counters), the
 * controller methods run unchanged, and an {@link IngestProblem} is answered as
 * {@link IngestAdvice} answers it (with the request path as {@code instance}, as Spring
 * MVC sets it), any other failure as the platform's {@code 500 internal}, both counted in
 * {@code tianshu.api.problems}. An {@code Idempotency-Key} means nothing here: a re-sent
 * alert is a duplicate by its fingerprint. The platform's own filters before Spring
 * Security (request id, security headers, body size limit) still run. Other methods on
 * these paths go on to the normal chain. These requests are not timed as
 * {@code http.server.requests}; the intake has its own meters.
 */
class DirectIngestFilter extends OncePerRequestFilter {

	static final String ALERTS_PATH = "/api/v2/alerts";

	static final String WEBHOOK_PATH = "/api/v1/events/ingest/alertmanager";

	private final IntegrationTokenFilter tokens;

	private final AlertmanagerIngestController controller;

	private final JsonMapper json;

	private final ProblemResponses problems;

	DirectIngestFilter(Integrations integrations, IngestCounters counters, JsonMapper json, EventProperties properties,
			AlertmanagerIngestController controller, ProblemResponses problems) {
		this.tokens = new IntegrationTokenFilter(integrations, counters, json, properties);
		this.controller = controller;
		this.json = json;
		this.problems = problems;
	}

	@Override
	protected boolean shouldNotFilter(HttpServletRequest request) {
		return !serves(request);
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		String path = request.getRequestURI();
		boolean alerts = ALERTS_PATH.equals(path);
		IntegrationTokenFilter.Authenticated authenticated = this.tokens.authenticate(request, response);
		if (authenticated == null) {
			return;
		}
		IntegrationTokenFilter.runAs(authenticated.integration(), () -> {
			try {
				write(response, alerts ? this.controller.postAlerts(request)
						: this.controller.webhook(authenticated.request()));
			}
			catch (IngestProblem ex) {
				ResponseEntity<ProblemDetail> answer = IngestAdvice.answer(ex);
				answer.getHeaders().forEach((name, values) -> values.forEach((v) -> response.addHeader(name, v)));
				ProblemDetail problem = answer.getBody();
				problem.setInstance(URI.create(path));
				this.problems.write(response, problem);
			}
			catch (RuntimeException ex) {
				if (response.isCommitted()) {
					throw ex;
				}
				this.problems.writeUnexpected(request, response, ex);
			}
		});
	}

	/** Whether the request is one this filter answers. */
	static boolean serves(HttpServletRequest request) {
		String path = request.getRequestURI();
		return "POST".equals(request.getMethod()) && (ALERTS_PATH.equals(path) || WEBHOOK_PATH.equals(path));
	}

	private void write(HttpServletResponse response, ResponseEntity<?> answer) throws IOException {
		response.setStatus(answer.getStatusCode().value());
		answer.getHeaders().forEach((name, values) -> values.forEach((value) -> response.addHeader(name, value)));
		Object body = answer.getBody();
		if (body == null) {
			response.setContentLength(0);
			return;
		}
		if (response.getContentType() == null) {
			response.setContentType(MediaType.APPLICATION_JSON_VALUE);
		}
		byte[] bytes = this.json.writeValueAsBytes(body);
		response.setContentLength(bytes.length);
		response.getOutputStream().write(bytes);
	}

}
