package io.tianshu.maturity.assessment;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.tianshu.maturity.Answer;
import io.tianshu.maturity.Criterion;
import io.tianshu.maturity.Framework;
import io.tianshu.maturity.FrameworkNode;
import io.tianshu.maturity.Level;
import io.tianshu.maturity.LocalizedText;
import io.tianshu.maturity.Scale;
import io.tianshu.maturity.assessment.Scoring.NodeScore;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The scoring rules on a tiny crafted framework: class X → domain X.1 → items X.1.1,
 * X.1.2.
 */
class ScoringTests {

	static final LocalizedText T = new LocalizedText("文", "text");

	static Criterion c(String id) {
		return new Criterion(id, id.substring(id.lastIndexOf('.') + 1), "X " + id, T);
	}

	static FrameworkNode item(String id, Level... levels) {
		return new FrameworkNode(id, "item", T, "X §" + id, null, null, null, List.of(levels));
	}

	/** X.1.1: L1 a,b; L2 c; L3 d. X.1.2: L1 a; L2 b; L3 same as 2. */
	static Framework framework() {
		FrameworkNode one = item("X.1.1", new Level(1, List.of(c("X.1.1.L1.a"), c("X.1.1.L1.b")), null),
				new Level(2, List.of(c("X.1.1.L2.c")), null), new Level(3, List.of(c("X.1.1.L3.d")), null));
		FrameworkNode two = item("X.1.2", new Level(1, List.of(c("X.1.2.L1.a")), null),
				new Level(2, List.of(c("X.1.2.L2.b")), null), new Level(3, List.of(), 2));
		FrameworkNode domain = new FrameworkNode("X.1", "domain", T, "X §1", null, null, List.of(one, two), null);
		FrameworkNode top = new FrameworkNode("X", "class", T, "X", "m", null, List.of(domain), null);
		Scale scale = new Scale("m", T,
				List.of(new Scale.ScaleLevel(1, T, T), new Scale.ScaleLevel(2, T, T), new Scale.ScaleLevel(3, T, T)));
		return new Framework("X", "1", T, "test", List.of(scale), List.of(top));
	}

	static Map<String, Answer> all(Answer answer) {
		Map<String, Answer> answers = new HashMap<>();
		framework().allCriteria().forEach((c) -> answers.put(c.id(), answer));
		return answers;
	}

	@Test
	void allMetReachesTheHighestLevelEverywhere() {
		Map<String, NodeScore> scores = Scoring.score(framework(), all(Answer.MET));
		assertThat(scores.get("X.1.1").level()).isEqualTo(3);
		assertThat(scores.get("X.1.2").level()).as("level 3 repeats level 2").isEqualTo(3);
		assertThat(scores.get("X").level()).isEqualTo(3);
		assertThat(scores.get("X").score()).isEqualTo(3.0);
		assertThat(scores.get("X").answered()).isEqualTo(6);
		assertThat(scores.get("X").total()).isEqualTo(6);
	}

	@Test
	void oneUnmetCriterionAtLevelTwoStopsAtLevelOneEvenWhenLevelThreeIsMet() {
		Map<String, Answer> answers = all(Answer.MET);
		answers.put("X.1.1.L2.c", Answer.NOT_MET);
		Map<String, NodeScore> scores = Scoring.score(framework(), answers);
		assertThat(scores.get("X.1.1").level()).isEqualTo(1);
		assertThat(scores.get("X.1.2").level()).isEqualTo(3);
	}

	@Test
	void partlyCountsAsNotMetAndUnansweredToo() {
		Map<String, Answer> answers = all(Answer.MET);
		answers.put("X.1.1.L1.b", Answer.PARTLY);
		answers.remove("X.1.2.L2.b");
		Map<String, NodeScore> scores = Scoring.score(framework(), answers);
		assertThat(scores.get("X.1.1").level()).isZero();
		assertThat(scores.get("X.1.2").level()).isEqualTo(1);
		assertThat(scores.get("X.1").answered()).isEqualTo(5);
	}

	@Test
	void notApplicableCountsAsMetAndAWhollyNotApplicableNodeLeavesTheAggregate() {
		Map<String, Answer> answers = all(Answer.MET);
		answers.put("X.1.1.L2.c", Answer.NOT_APPLICABLE);
		assertThat(Scoring.score(framework(), answers).get("X.1.1").level()).isEqualTo(3);

		Map<String, Answer> partlyNa = all(Answer.NOT_APPLICABLE);
		partlyNa.put("X.1.1.L1.a", Answer.MET);
		partlyNa.put("X.1.1.L1.b", Answer.MET);
		partlyNa.put("X.1.1.L2.c", Answer.NOT_MET);
		Map<String, NodeScore> scores = Scoring.score(framework(), partlyNa);
		assertThat(scores.get("X.1.2").applicable()).isFalse();
		assertThat(scores.get("X.1").level()).as("only X.1.1 counts").isEqualTo(1);
		assertThat(scores.get("X.1").score()).isEqualTo(1.0);

		assertThat(Scoring.score(framework(), all(Answer.NOT_APPLICABLE)).get("X").applicable()).isFalse();
	}

	@Test
	void parentsTakeTheLowestLevelAndTheMeanScore() {
		Map<String, Answer> answers = all(Answer.MET);
		answers.put("X.1.1.L3.d", Answer.NOT_MET);
		answers.put("X.1.2.L2.b", Answer.NOT_MET);
		Map<String, NodeScore> scores = Scoring.score(framework(), answers);
		assertThat(scores.get("X.1.1").level()).isEqualTo(2);
		assertThat(scores.get("X.1.2").level()).isEqualTo(1);
		assertThat(scores.get("X.1").level()).isEqualTo(1);
		assertThat(scores.get("X.1").score()).isEqualTo(1.5);
		assertThat(scores.get("X").level()).isEqualTo(1);
		assertThat(scores.get("X").maxLevel()).isEqualTo(3);
	}

	@Test
	void scoresHaveOneDecimal() {
		assertThat(new NodeScore(1, 3, 5.0 / 3, true, 0, 0).score()).isEqualTo(1.7);
	}

}
