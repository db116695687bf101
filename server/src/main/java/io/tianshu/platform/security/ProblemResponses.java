package io.tianshu.platform.security;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;

import io.tianshu.platform.web.Problems;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.springframework.security.web.csrf.CsrfException;

/**
 * Answers refusals of the security filter chain as problem details, like every other
 * error: 401 {@code auth.required} (not signed in), 401 {@code auth.stage.<stage>}
 * (sign-in not complete), 401 {@code auth.token.invalid}, 403 {@code auth.csrf-invalid}
 * and 403 {@code auth.forbidden}.
 */
class ProblemResponses implements AuthenticationEntryPoint, AccessDeniedHandler {

	private final JsonMapper json;

	ProblemResponses(JsonMapper json) {
		this.json = json;
	}

	@Override
	public void commence(HttpServletRequest request, HttpServletResponse response,
			AuthenticationException authException) throws IOException {
		write(response, HttpStatus.UNAUTHORIZED, "auth.required", "Sign in first");
	}

	@Override
	public void handle(HttpServletRequest request, HttpServletResponse response,
			org.springframework.security.access.AccessDeniedException denied) throws IOException {
		if (denied instanceof CsrfException) {
			write(response, HttpStatus.FORBIDDEN, "auth.csrf-invalid",
					"The X-XSRF-TOKEN header is missing or does not match the XSRF-TOKEN cookie");
			return;
		}
		Authentication auth = SecurityContextHolder.getContext().getAuthentication();
		if (auth instanceof ActorAuthentication actor && !actor.complete()) {
			write(response, HttpStatus.UNAUTHORIZED, actor.stage().problemCode(),
					"Complete the sign-in first (" + actor.stage() + ")");
			return;
		}
		write(response, HttpStatus.FORBIDDEN, "auth.forbidden", "You are not allowed to do this");
	}

	void write(HttpServletResponse response, HttpStatus status, String code, String detail) throws IOException {
		if (response.isCommitted()) {
			return;
		}
		ProblemDetail problem = Problems.of(status, code, detail);
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("type", problem.getType().toString());
		body.put("title", problem.getTitle());
		body.put("status", problem.getStatus());
		body.put("detail", problem.getDetail());
		if (problem.getProperties() != null) {
			body.putAll(problem.getProperties());
		}
		response.setStatus(status.value());
		response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
		response.setCharacterEncoding("UTF-8");
		response.getWriter().write(this.json.writeValueAsString(body));
	}

}
