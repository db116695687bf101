package io.tianshu.maturity.assessment;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.tianshu.maturity.Answer;
import io.tianshu.maturity.Criterion;
import io.tianshu.maturity.Framework;
import io.tianshu.maturity.FrameworkNode;
import io.tianshu.maturity.Level;

/**
 * The scoring rules (评分规则), pure:
 * <ul>
 * <li>A graded node reaches level N when every criterion of levels 1..N is
 * {@link Answer#MET} or {@link Answer#NOT_APPLICABLE}; {@link Answer#PARTLY} and an
 * unanswered criterion count as not met. A level that only repeats a lower one
 * ({@code sameAs}) adds nothing to meet. Level 0 means not even level 1.</li>
 * <li>A graded node whose every criterion is not applicable is itself not applicable and
 * left out of its parents.</li>
 * <li>A parent (item, domain, class, area) is at the lowest level of its applicable
 * children: a capability is at level N only when all its parts are (the standard is
 * silent on aggregation, docs/maturity.md says why this rule).</li>
 * <li>Its score, for charts, is the mean of its applicable children's scores (a graded
 * node's score is its level), shown with one decimal.</li>
 * </ul>
 */
public final class Scoring {

	private Scoring() {
	}

	/** Scores every node of the framework from the answers by criterion id. */
	public static Map<String, NodeScore> score(Framework framework, Map<String, Answer> answers) {
		Map<String, NodeScore> scores = new LinkedHashMap<>();
		for (FrameworkNode node : framework.nodes()) {
			score(framework, node, null, answers, scores);
		}
		return scores;
	}

	private static NodeScore score(Framework framework, FrameworkNode node, String inheritedScale,
			Map<String, Answer> answers, Map<String, NodeScore> scores) {
		String scaleId = (node.scale() != null) ? node.scale() : inheritedScale;
		NodeScore result;
		if (node.graded()) {
			result = graded(node, answers);
		}
		else {
			List<NodeScore> children = node.children()
				.stream()
				.map((child) -> score(framework, child, scaleId, answers, scores))
				.toList();
			result = aggregate(children);
		}
		scores.put(node.id(), result);
		return result;
	}

	static NodeScore graded(FrameworkNode node, Map<String, Answer> answers) {
		int reached = 0;
		boolean blocked = false;
		int answered = 0;
		int total = 0;
		int applicable = 0;
		for (Level level : node.levels()) {
			boolean levelMet = true;
			for (Criterion criterion : level.criteria()) {
				total++;
				Answer answer = answers.get(criterion.id());
				if (answer != null) {
					answered++;
				}
				if (answer != Answer.NOT_APPLICABLE) {
					applicable++;
				}
				if (answer == null || !answer.satisfies()) {
					levelMet = false;
				}
			}
			if (!blocked && levelMet) {
				reached = level.level();
			}
			else {
				blocked = true;
			}
		}
		int max = node.levels().size();
		boolean isApplicable = total == 0 || applicable > 0;
		return new NodeScore(reached, max, reached, isApplicable, answered, total);
	}

	static NodeScore aggregate(List<NodeScore> children) {
		int answered = children.stream().mapToInt(NodeScore::answered).sum();
		int total = children.stream().mapToInt(NodeScore::total).sum();
		int max = children.stream().mapToInt(NodeScore::maxLevel).max().orElse(0);
		List<NodeScore> applicable = children.stream().filter(NodeScore::applicable).toList();
		if (applicable.isEmpty()) {
			return new NodeScore(0, max, 0, false, answered, total);
		}
		int level = applicable.stream().mapToInt(NodeScore::level).min().orElse(0);
		double mean = applicable.stream().mapToDouble(NodeScore::rawScore).average().orElse(0);
		return new NodeScore(level, max, mean, true, answered, total);
	}

	/**
	 * A node's result.
	 *
	 * @param level the level reached, 0 to {@code maxLevel}
	 * @param maxLevel the highest level of its scale
	 * @param rawScore the unrounded mean used for aggregation
	 * @param applicable whether any of its criteria applies
	 * @param answered criteria answered below it
	 * @param total criteria below it
	 */
	public record NodeScore(int level, int maxLevel, double rawScore, boolean applicable, int answered, int total) {

		/** The score with one decimal, for charts. */
		public double score() {
			return BigDecimal.valueOf(this.rawScore).setScale(1, RoundingMode.HALF_UP).doubleValue();
		}

	}

}
