package io.tianshu.platform.web;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.http.ProblemDetail;
import org.springframework.stereotype.Component;

/**
 * Tianshu's own API metrics: {@code tianshu.api.problems} (by {@code code} and
 * {@code status}) and {@code tianshu.api.idempotency.replays}.
 */
@Component
class ApiMetrics {

	static final String PROBLEMS = "tianshu.api.problems";

	static final String REPLAYS = "tianshu.api.idempotency.replays";

	private final MeterRegistry registry;

	private final Counter replays;

	ApiMetrics(MeterRegistry registry) {
		this.registry = registry;
		this.replays = Counter.builder(REPLAYS)
			.description("Responses replayed for a repeated Idempotency-Key")
			.register(registry);
	}

	void problem(ProblemDetail problem) {
		Object code = (problem.getProperties() != null) ? problem.getProperties().get("code") : null;
		Counter.builder(PROBLEMS)
			.description("Problem details answered, by code")
			.tag("code", (code != null) ? code.toString() : Problems.codeFor(problem.getStatus()))
			.tag("status", Integer.toString(problem.getStatus()))
			.register(this.registry)
			.increment();
	}

	void replay() {
		this.replays.increment();
	}

}
