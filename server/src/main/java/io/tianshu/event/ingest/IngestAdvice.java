package io.tianshu.event.ingest;

import io.tianshu.platform.web.Problems;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/** Answers {@link IngestProblem} as problem details. */
@RestControllerAdvice(basePackageClasses = IngestAdvice.class)
@Order(Ordered.HIGHEST_PRECEDENCE)
class IngestAdvice {

	@ExceptionHandler(IngestProblem.class)
	ResponseEntity<ProblemDetail> problem(IngestProblem ex) {
		return answer(ex);
	}

	/** The answer to the problem (also written by {@link DirectIngestFilter}). */
	static ResponseEntity<ProblemDetail> answer(IngestProblem ex) {
		ProblemDetail problem = Problems.of(ex.status(), ex.code(), ex.getMessage());
		if (!ex.errors().isEmpty()) {
			problem.setProperty("alertErrors", ex.errors());
		}
		if (ex.accepted() != null) {
			problem.setProperty("accepted", ex.accepted());
		}
		ResponseEntity.BodyBuilder builder = ResponseEntity.status(ex.status())
			.contentType(MediaType.APPLICATION_PROBLEM_JSON);
		if (ex.status() == 503) {
			builder.header("Retry-After", "5");
		}
		return builder.body(problem);
	}

}
