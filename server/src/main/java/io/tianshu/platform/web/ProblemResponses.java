package io.tianshu.platform.web;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.stereotype.Component;

/**
 * Writes problem details straight to the servlet response, for filters that answer before
 * (or outside) Spring MVC, counted in {@code tianshu.api.problems} as MVC's answers are.
 */
@Component
public class ProblemResponses {

	private static final Logger log = LoggerFactory.getLogger(ProblemResponses.class);

	private final JsonMapper json;

	private final ApiMetrics metrics;

	ProblemResponses(JsonMapper json, ApiMetrics metrics) {
		this.json = json;
		this.metrics = metrics;
	}

	public void write(HttpServletResponse response, ProblemDetail problem) throws IOException {
		this.metrics.problem(problem);
		response.resetBuffer();
		response.setStatus(problem.getStatus());
		response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
		response.setCharacterEncoding("UTF-8");
		response.getOutputStream().write(this.json.writeValueAsBytes(asMap(problem)));
		response.flushBuffer();
	}

	/**
	 * Answers a failure nothing else handled as {@link ProblemDetailsAdvice} does:
	 * logged, and {@code 500 internal} naming the request id.
	 */
	public void writeUnexpected(HttpServletRequest request, HttpServletResponse response, Exception ex)
			throws IOException {
		log.error("Unexpected failure answering {} {}", request.getMethod(), request.getRequestURI(), ex);
		write(response, ProblemDetailsAdvice.internal());
	}

	static Map<String, Object> asMap(ProblemDetail problem) {
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("type", problem.getType().toString());
		body.put("title", problem.getTitle());
		body.put("status", problem.getStatus());
		if (problem.getDetail() != null) {
			body.put("detail", problem.getDetail());
		}
		if (problem.getInstance() != null) {
			body.put("instance", problem.getInstance().toString());
		}
		if (problem.getProperties() != null) {
			body.putAll(problem.getProperties());
		}
		return body;
	}

}
