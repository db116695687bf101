package io.tianshu.platform.web;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

import org.springframework.boot.webmvc.error.ErrorController;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The servlet container's error page: errors raised outside Spring MVC (in filters, or by
 * {@code sendError}) are answered as problem details too. Replaces Boot's
 * {@code BasicErrorController}.
 */
@RestController
class ProblemErrorController implements ErrorController {

	private static final Logger log = LoggerFactory.getLogger(ProblemErrorController.class);

	@RequestMapping(path = "${server.error.path:/error}", produces = { MediaType.APPLICATION_PROBLEM_JSON_VALUE,
			MediaType.APPLICATION_JSON_VALUE, MediaType.ALL_VALUE })
	ResponseEntity<ProblemDetail> error(HttpServletRequest request) {
		Object statusAttribute = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
		Throwable ex = (Throwable) request.getAttribute(RequestDispatcher.ERROR_EXCEPTION);
		int status = (statusAttribute instanceof Integer code) ? code : HttpStatus.NOT_FOUND.value();
		ProblemDetail problem;
		PayloadTooLargeException tooLarge = PayloadTooLargeException.find(ex);
		if (tooLarge != null) {
			problem = ProblemDetailsAdvice.tooLargeProblem(tooLarge);
		}
		else if (status >= 500) {
			String requestId = CurrentRequest.requestId();
			boolean restore = requestId != null && MDC.get("requestId") == null;
			if (restore) {
				MDC.put("requestId", requestId);
			}
			try {
				log.error("Failure answering {}", request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI), ex);
			}
			finally {
				if (restore) {
					MDC.remove("requestId");
				}
			}
			problem = ProblemDetailsAdvice.internal();
		}
		else {
			HttpStatus known = HttpStatus.resolve(status);
			problem = Problems.of(status, Problems.codeFor(status),
					(known != null) ? known.getReasonPhrase() : "Error");
		}
		return ResponseEntity.status(problem.getStatus()).contentType(MediaType.APPLICATION_PROBLEM_JSON).body(problem);
	}

}
