package io.tianshu.platform.web;

import java.io.IOException;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.HttpHeaders;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Enforces {@code tianshu.api.max-body-size} on {@code /api/**} bodies: a declared
 * {@code Content-Length} over the limit is refused before anything is read, other bodies
 * are counted while they are read. Multipart uploads have their own limits
 * ({@code spring.servlet.multipart.*}).
 */
class RequestSizeLimitFilter extends OncePerRequestFilter {

	private final long limit;

	private final ProblemResponses problems;

	RequestSizeLimitFilter(ApiProperties properties, ProblemResponses problems) {
		this.limit = properties.maxBodySize().toBytes();
		this.problems = problems;
	}

	@Override
	protected boolean shouldNotFilter(HttpServletRequest request) {
		String contentType = request.getContentType();
		return contentType != null && contentType.toLowerCase(java.util.Locale.ROOT).startsWith("multipart/");
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		if (declaredLength(request) > this.limit) {
			this.problems.write(response,
					ProblemDetailsAdvice.tooLargeProblem(new PayloadTooLargeException(this.limit)));
			return;
		}
		chain.doFilter(new LimitedBodyRequest(request, this.limit), response);
	}

	private static long declaredLength(HttpServletRequest request) {
		String header = request.getHeader(HttpHeaders.CONTENT_LENGTH);
		if (header == null) {
			return -1;
		}
		try {
			return Long.parseLong(header.trim());
		}
		catch (NumberFormatException ex) {
			return -1;
		}
	}

}
