package io.tianshu.maturity.probe;

import java.time.Instant;

import io.tianshu.event.ConvergenceStatistics.Convergence;
import io.tianshu.maturity.ProbeOutcome;
import io.tianshu.maturity.ProbeVerdict;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The grouping probe's judgement on figures that each miss one condition. */
class AlertGroupingProbeTests {

	private static final Instant SINCE = Instant.parse("2026-01-01T00:00:00Z");

	private static final Instant UNTIL = Instant.parse("2026-03-01T00:00:00Z");

	private static Convergence figures(long enabledRules, long groups, long several, long inhibitRules,
			boolean topology, String mode) {
		return new Convergence(SINCE, UNTIL, 3, enabledRules, groups, several, groups * 3, groups * 3, groups * 12,
				inhibitRules, topology, mode, 2);
	}

	@Test
	void metWithEnabledRulesGroupsThatMergeAndInhibition() {
		ProbeOutcome outcome = AlertGroupingProbe.judge(figures(2, 4, 3, 1, true, "MARK"));
		assertThat(outcome.verdict()).isEqualTo(ProbeVerdict.MET);
		assertThat(outcome.counts()).containsEntry("alertsPerGroup", 3.0)
			.containsEntry("rawEventsPerGroup", 12.0)
			.containsEntry("enabledInhibitRules", 1L)
			.containsEntry("topologyInhibitionMode", "MARK")
			.containsEntry("alertsInhibited", 2L);
		assertThat(outcome.summary().en()).contains("alerts : groups = 12 : 4")
			.contains("raw events : groups = 48 : 4");
	}

	@Test
	void topologyInhibitionInSuppressModeCountsAsInhibition() {
		assertThat(AlertGroupingProbe.judge(figures(2, 4, 3, 0, true, "SUPPRESS")).verdict())
			.isEqualTo(ProbeVerdict.MET);
		ProbeOutcome markOnly = AlertGroupingProbe.judge(figures(2, 4, 3, 0, true, "MARK"));
		assertThat(markOnly.verdict()).isEqualTo(ProbeVerdict.NOT_MET);
		assertThat(markOnly.summary().en()).containsIgnoringCase("no inhibition is configured");
		assertThat(AlertGroupingProbe.judge(figures(2, 4, 3, 0, false, "SUPPRESS")).verdict())
			.isEqualTo(ProbeVerdict.NOT_MET);
	}

	@Test
	void notMetWhenAllGroupingRulesAreDisabled() {
		ProbeOutcome outcome = AlertGroupingProbe.judge(figures(0, 4, 3, 1, true, "SUPPRESS"));
		assertThat(outcome.verdict()).isEqualTo(ProbeVerdict.NOT_MET);
		assertThat(outcome.summary().en()).startsWith("No grouping rule is enabled");
		assertThat(outcome.summary().zh()).contains("没有启用的分组规则");
	}

	@Test
	void notMetWithoutGroupsOrWithoutMerging() {
		ProbeOutcome none = AlertGroupingProbe.judge(figures(2, 0, 0, 1, true, "SUPPRESS"));
		assertThat(none.verdict()).isEqualTo(ProbeVerdict.NOT_MET);
		assertThat(none.counts()).doesNotContainKey("alertsPerGroup");
		assertThat(none.summary().en()).containsIgnoringCase("no alert group was formed");
		ProbeOutcome singles = AlertGroupingProbe.judge(figures(2, 4, 0, 1, true, "SUPPRESS"));
		assertThat(singles.verdict()).isEqualTo(ProbeVerdict.NOT_MET);
		assertThat(singles.summary().en()).contains("nothing was merged");
	}

}
