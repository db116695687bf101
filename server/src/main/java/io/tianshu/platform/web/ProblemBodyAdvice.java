package io.tianshu.platform.web;

import org.springframework.core.MethodParameter;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.converter.HttpMessageConverter;
import org.springframework.http.server.ServerHttpRequest;
import org.springframework.http.server.ServerHttpResponse;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.servlet.mvc.method.annotation.ResponseBodyAdvice;

/**
 * Every problem details body Spring MVC writes (ours, Spring's or a library's) carries
 * the request id and is counted in {@code tianshu.api.problems}.
 */
@RestControllerAdvice
class ProblemBodyAdvice implements ResponseBodyAdvice<Object> {

	private final ApiMetrics metrics;

	ProblemBodyAdvice(ApiMetrics metrics) {
		this.metrics = metrics;
	}

	@Override
	public boolean supports(MethodParameter returnType, Class<? extends HttpMessageConverter<?>> converterType) {
		return true;
	}

	@Override
	public Object beforeBodyWrite(Object body, MethodParameter returnType, MediaType contentType,
			Class<? extends HttpMessageConverter<?>> converterType, ServerHttpRequest request,
			ServerHttpResponse response) {
		if (body instanceof ProblemDetail problem) {
			if (problem.getProperties() == null || !problem.getProperties().containsKey("requestId")) {
				String requestId = CurrentRequest.requestId();
				if (requestId != null) {
					problem.setProperty("requestId", requestId);
				}
			}
			if (problem.getProperties() == null || !problem.getProperties().containsKey("code")) {
				problem.setProperty("code", Problems.codeFor(problem.getStatus()));
			}
			this.metrics.problem(problem);
		}
		return body;
	}

}
