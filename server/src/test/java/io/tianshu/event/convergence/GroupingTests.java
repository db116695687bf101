package io.tianshu.event.convergence;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.tianshu.event.AlertState;
import io.tianshu.event.LabelMatcher;
import io.tianshu.event.Severity;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class GroupingTests {

	private static Grouping.Compiled rule(String name, List<String> matchers, List<List<String>> groupBy,
			boolean cont) {
		GroupingRule r = new GroupingRule(UUID.randomUUID(), name, 10, true, matchers, groupBy, cont, "30s", "5m", null,
				Instant.EPOCH, Instant.EPOCH);
		return new Grouping.Compiled(r, matchers.stream().map(LabelMatcher::parse).toList(), Duration.ofSeconds(30),
				Duration.ofMinutes(5));
	}

	private static AlertFacts alert(Map<String, String> labels, UUID ci) {
		return new AlertFacts(1, Instant.EPOCH, AlertState.OPEN, Severity.MAJOR, "x", labels, ci, null, null);
	}

	@Test
	void firstMatchingRuleWinsUnlessItContinues() {
		var a = rule("a", List.of("team=db"), List.of(List.of("alertname")), false);
		var b = rule("b", List.of(), List.of(List.of("team")), false);
		assertThat(Grouping.assign(List.of(a, b), alert(Map.of("team", "db", "alertname", "X"), null)))
			.extracting((x) -> x.rule().rule().name())
			.containsExactly("a");
		var c = rule("c", List.of("team=db"), List.of(List.of("alertname")), true);
		assertThat(Grouping.assign(List.of(c, b), alert(Map.of("team", "db", "alertname", "X"), null)))
			.extracting((x) -> x.rule().rule().name())
			.containsExactly("c", "b");
		assertThat(Grouping.assign(List.of(a), alert(Map.of("team", "web"), null))).isEmpty();
	}

	@Test
	void alternativesFallThroughAndTheLastAppliesWithEmptyValues() {
		UUID ci = UUID.randomUUID();
		var r = rule("r", List.of(), List.of(List.of("@ci"), List.of("service")), false);
		assertThat(Grouping.assign(List.of(r), alert(Map.of("service", "pay"), ci)).get(0).groupLabels())
			.isEqualTo(Map.of("@ci", ci.toString()));
		assertThat(Grouping.assign(List.of(r), alert(Map.of("service", "pay"), null)).get(0).groupLabels())
			.isEqualTo(Map.of("service", "pay"));
		assertThat(Grouping.assign(List.of(r), alert(Map.of(), null)).get(0).groupLabels())
			.isEqualTo(Map.of("service", ""));
	}

	@Test
	void allLabelsAndNoLabels() {
		var all = rule("all", List.of(), List.of(List.of("...")), false);
		assertThat(Grouping.assign(List.of(all), alert(Map.of("a", "1", "b", "2"), null)).get(0).groupLabels())
			.isEqualTo(Map.of("a", "1", "b", "2"));
		var none = rule("none", List.of(), List.of(), false);
		assertThat(Grouping.assign(List.of(none), alert(Map.of("a", "1"), null)).get(0).groupLabels()).isEmpty();
	}

	@Test
	void pseudoLabelsCanBeMatched() {
		var critical = rule("crit", List.of("@severity=~critical|major"), List.of(List.of("alertname")), false);
		assertThat(Grouping.assign(List.of(critical), alert(Map.of("alertname", "A"), null))).hasSize(1);
	}

	@Test
	void durationsAreWrittenAsAlertmanagerWritesThem() {
		assertThat(Durations.parse("1h30m")).isEqualTo(Duration.ofMinutes(90));
		assertThat(Durations.parse("200ms")).isEqualTo(Duration.ofMillis(200));
		assertThat(Durations.parse("PT5M")).isEqualTo(Duration.ofMinutes(5));
		assertThat(Durations.parse("soon")).isNull();
		assertThat(Durations.format(Duration.ofMinutes(90))).isEqualTo("1h30m");
		assertThat(Durations.format(Duration.ofMillis(200))).isEqualTo("200ms");
	}

}
