package io.tianshu.maturity.probe;

import java.util.List;
import java.util.Set;

import io.tianshu.maturity.LocalizedText;
import io.tianshu.maturity.Probe;
import io.tianshu.maturity.ProbeContext;
import io.tianshu.maturity.ProbeOutcome;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ProbeBindingsTests {

	@Test
	void unknownCriterionIdsAreReportedNotRefused() {
		var probe = new Named(List.of("T01.1.1.1.L1.a", "999.9.L1.a"));
		Set<String> known = Set.of("T01.1.1.1.L1.a");
		ProbeBindings bindings = ProbeBindings.of(probe, known::contains);
		assertThat(bindings.bound()).containsExactly("T01.1.1.1.L1.a");
		assertThat(bindings.unbound()).containsExactly("999.9.L1.a");
		assertThat(bindings.status()).isEqualTo("partly-bound");
		assertThat(ProbeBindings.of(probe, (id) -> false).status()).isEqualTo("unbound");
		assertThat(ProbeBindings.of(probe, (id) -> true).status()).isEqualTo("bound");
	}

	/** A probe that only names its criteria. */
	record Named(List<String> criteria) implements Probe {

		@Override
		public String id() {
			return "p";
		}

		@Override
		public String version() {
			return "1";
		}

		@Override
		public LocalizedText title() {
			return new LocalizedText("探", "p");
		}

		@Override
		public ProbeOutcome evaluate(ProbeContext context) {
			return ProbeOutcome.notObservable(new LocalizedText("无", "none"));
		}

	}

}
