package io.tianshu.platform.web;

import io.tianshu.platform.TianshuException;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * Answers every {@link TianshuException} as RFC 9457 problem details.
 */
@RestControllerAdvice
class ProblemDetailsAdvice {

	@ExceptionHandler(TianshuException.class)
	ResponseEntity<ProblemDetail> domain(TianshuException ex) {
		ProblemDetail problem = Problems.of(HttpStatus.valueOf(ex.kind().status()), ex.code(), ex.getMessage());
		if (!ex.params().isEmpty()) {
			problem.setProperty("params", ex.params());
		}
		if (!ex.violations().isEmpty()) {
			problem.setProperty("errors", ex.violations());
		}
		return ResponseEntity.status(problem.getStatus()).body(problem);
	}

}
