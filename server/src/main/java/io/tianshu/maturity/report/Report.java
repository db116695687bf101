package io.tianshu.maturity.report;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import io.tianshu.maturity.Answer;
import io.tianshu.maturity.ProbeVerdict;
import io.tianshu.maturity.assessment.Assessment;

/**
 * An assessment's report (评估报告) in one language: levels per node, radar data, the gap
 * list, the improvement roadmap, the comparison with the previous signed-off assessment
 * of the same framework and scope, and the probe answers assessors overrode.
 *
 * @param assessment the assessment
 * @param frameworkTitle the framework's title
 * @param frameworkVersion the framework data's version scored against
 * @param lang {@code zh-CN} or {@code en}
 * @param generatedAt when
 * @param answered criteria answered
 * @param total criteria in the framework
 * @param nodes every node, depth first in document order
 * @param radars the overall radar (top-level nodes) and one per top-level node
 * @param gaps unmet criteria of each node's next level, by group (domain)
 * @param roadmap every unmet criterion, phase by phase from the lowest target level
 * @param comparison the comparison, or {@code null} when there is no previous assessment
 * @param overrides probe answers the assessors overrode
 */
public record Report(Assessment assessment, String frameworkTitle, String frameworkVersion, String lang,
		Instant generatedAt, int answered, int total, List<NodeResult> nodes, List<Radar> radars, List<GapGroup> gaps,
		List<RoadmapPhase> roadmap, Comparison comparison, List<ProbeOverride> overrides) {

	/**
	 * One node's result.
	 *
	 * @param id node id
	 * @param parentId parent's id, {@code null} at the top
	 * @param depth 0 at the top
	 * @param kind class, domain, item, subitem …
	 * @param name its name
	 * @param clause where in the document
	 * @param graded whether it is graded from its own criteria
	 * @param level the level reached (0 = none)
	 * @param maxLevel the scale's highest level
	 * @param score mean score with one decimal
	 * @param applicable whether any criterion below applies
	 * @param answered criteria answered below
	 * @param total criteria below
	 */
	public record NodeResult(String id, String parentId, int depth, String kind, String name, String clause,
			boolean graded, int level, int maxLevel, double score, boolean applicable, int answered, int total) {
	}

	/**
	 * Radar chart data.
	 *
	 * @param id {@code overall} or the node the radar breaks down
	 * @param title its title
	 * @param indicators the axes
	 */
	public record Radar(String id, String title, List<Indicator> indicators) {
	}

	/**
	 * One axis.
	 *
	 * @param nodeId the node
	 * @param name its name
	 * @param max the scale's highest level
	 * @param score its score
	 * @param previous its score in the previous assessment, or {@code null}
	 */
	public record Indicator(String nodeId, String name, int max, double score, Double previous) {
	}

	/**
	 * The gaps of one group (a domain of 000, a sub-area of 001).
	 *
	 * @param groupId the group node
	 * @param groupName its name
	 * @param items the nodes below it with gaps
	 */
	public record GapGroup(String groupId, String groupName, List<Gap> items) {
	}

	/**
	 * What a node lacks for its next level.
	 *
	 * @param nodeId the graded node
	 * @param nodeName its name
	 * @param clause where in the document
	 * @param currentLevel the level reached
	 * @param targetLevel the next level
	 * @param criteria that level's unmet criteria
	 */
	public record Gap(String nodeId, String nodeName, String clause, int currentLevel, int targetLevel,
			List<GapCriterion> criteria) {
	}

	/**
	 * An unmet criterion.
	 *
	 * @param id criterion id
	 * @param clause its clause reference
	 * @param summary what it asks
	 * @param answer the current answer, {@code null} when unanswered
	 */
	public record GapCriterion(String id, String clause, String summary, Answer answer) {
	}

	/**
	 * One phase of the roadmap: every node's unmet criteria for this target level.
	 *
	 * @param targetLevel the level the phase reaches
	 * @param steps by group, then document order
	 */
	public record RoadmapPhase(int targetLevel, List<RoadmapStep> steps) {
	}

	/**
	 * One step.
	 *
	 * @param nodeId the graded node
	 * @param nodeName its name
	 * @param groupName its group (domain)
	 * @param fromLevel the level reached now
	 * @param criteria the criteria to meet
	 */
	public record RoadmapStep(String nodeId, String nodeName, String groupName, int fromLevel,
			List<GapCriterion> criteria) {
	}

	/**
	 * The comparison with the previous signed-off assessment.
	 *
	 * @param previousId its id
	 * @param previousTitle its title
	 * @param previousSignedOffAt when it was signed off
	 * @param deltas per node, document order
	 */
	public record Comparison(UUID previousId, String previousTitle, Instant previousSignedOffAt, List<Delta> deltas) {
	}

	/**
	 * A node's change.
	 *
	 * @param nodeId the node
	 * @param name its name
	 * @param depth its depth
	 * @param before level then
	 * @param now level now
	 * @param delta {@code now - before}
	 * @param scoreBefore score then
	 * @param scoreNow score now
	 */
	public record Delta(String nodeId, String name, int depth, int before, int now, int delta, double scoreBefore,
			double scoreNow) {
	}

	/**
	 * A probe's answer an assessor replaced.
	 *
	 * @param criterionId the criterion
	 * @param clause its clause reference
	 * @param probeId the probe
	 * @param probeVerdict what the probe found
	 * @param answer the assessor's answer
	 * @param reason why
	 * @param by who
	 * @param at when
	 */
	public record ProbeOverride(String criterionId, String clause, String probeId, ProbeVerdict probeVerdict,
			Answer answer, String reason, String by, Instant at) {
	}

}
