package io.tianshu.maturity.probe;

import java.util.List;
import java.util.Set;

import io.tianshu.maturity.LocalizedText;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ProbeBindingsTests {

	@Test
	void unknownCriterionIdsAreReportedNotRefused() {
		var probe = new NotYetObservableProbes.Unobservable("p", new LocalizedText("探", "p"),
				List.of("T01.1.1.1.L1.a", "999.9.L1.a"), new LocalizedText("无", "none"));
		Set<String> known = Set.of("T01.1.1.1.L1.a");
		ProbeBindings bindings = ProbeBindings.of(probe, known::contains);
		assertThat(bindings.bound()).containsExactly("T01.1.1.1.L1.a");
		assertThat(bindings.unbound()).containsExactly("999.9.L1.a");
		assertThat(bindings.status()).isEqualTo("partly-bound");
		assertThat(ProbeBindings.of(probe, (id) -> false).status()).isEqualTo("unbound");
		assertThat(ProbeBindings.of(probe, (id) -> true).status()).isEqualTo("bound");
	}

}
