package io.tianshu.maturity.report;

import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import io.tianshu.maturity.Answer;
import io.tianshu.maturity.Criterion;
import io.tianshu.maturity.Framework;
import io.tianshu.maturity.FrameworkNode;
import io.tianshu.maturity.Level;
import io.tianshu.maturity.MaturityPermissions;
import io.tianshu.maturity.assessment.Assessment;
import io.tianshu.maturity.assessment.Assessments;
import io.tianshu.maturity.assessment.CriterionAnswer;
import io.tianshu.maturity.assessment.Scoring;
import io.tianshu.maturity.assessment.Scoring.NodeScore;
import io.tianshu.maturity.report.Report.Comparison;
import io.tianshu.maturity.report.Report.Delta;
import io.tianshu.maturity.report.Report.Gap;
import io.tianshu.maturity.report.Report.GapCriterion;
import io.tianshu.maturity.report.Report.GapGroup;
import io.tianshu.maturity.report.Report.Indicator;
import io.tianshu.maturity.report.Report.NodeResult;
import io.tianshu.maturity.report.Report.ProbeOverride;
import io.tianshu.maturity.report.Report.Radar;
import io.tianshu.maturity.report.Report.RoadmapPhase;
import io.tianshu.maturity.report.Report.RoadmapStep;
import io.tianshu.platform.Authorization;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Builds reports from an assessment's answers with {@link Scoring}; nothing is stored, so
 * a report is always current (and a signed-off assessment's report never changes, its
 * answers being frozen).
 */
@Service
public class Reports {

	private final Assessments assessments;

	private final Authorization authorization;

	private final Clock clock;

	Reports(Assessments assessments, Authorization authorization, Clock clock) {
		this.assessments = assessments;
		this.authorization = authorization;
		this.clock = clock;
	}

	/** The report in {@code zh-CN} (default) or {@code en}. */
	@Transactional(readOnly = true)
	public Report report(UUID id, String lang) {
		this.authorization.require(MaturityPermissions.READ);
		String language = (lang != null && lang.toLowerCase(java.util.Locale.ROOT).startsWith("en")) ? "en" : "zh-CN";
		Assessment assessment = this.assessments.get(id);
		Framework framework = this.assessments.framework(assessment);
		Map<String, CriterionAnswer> answers = this.assessments.answers(id);
		Map<String, NodeScore> scores = Scoring.score(framework, answersOnly(answers));
		Optional<Assessment> previous = this.assessments.previous(assessment);
		Map<String, NodeScore> before = previous
			.map((p) -> Scoring.score(framework, answersOnly(this.assessments.answers(p.id()))))
			.orElse(null);
		return build(assessment, framework, answers, scores, previous.orElse(null), before, language);
	}

	static Map<String, Answer> answersOnly(Map<String, CriterionAnswer> answers) {
		Map<String, Answer> only = new LinkedHashMap<>();
		answers.forEach((id, a) -> {
			if (a.answer() != null) {
				only.put(id, a.answer());
			}
		});
		return only;
	}

	Report build(Assessment assessment, Framework framework, Map<String, CriterionAnswer> answers,
			Map<String, NodeScore> scores, Assessment previous, Map<String, NodeScore> before, String lang) {
		List<NodeResult> nodes = new ArrayList<>();
		Map<String, String> groupOf = new LinkedHashMap<>();
		Map<String, Integer> order = new LinkedHashMap<>();
		for (FrameworkNode top : framework.nodes()) {
			walk(top, null, 0, top, scores, lang, nodes, groupOf);
		}
		for (int i = 0; i < nodes.size(); i++) {
			order.put(nodes.get(i).id(), i);
		}
		Map<String, FrameworkNode> byId = new LinkedHashMap<>();
		framework.allNodes().forEach((n) -> byId.put(n.id(), n));
		List<Radar> radars = radars(framework, scores, before, lang);
		Map<String, List<Gap>> gapsByGroup = new LinkedHashMap<>();
		Map<Integer, List<RoadmapStep>> phases = new java.util.TreeMap<>();
		for (FrameworkNode node : framework.allNodes()) {
			NodeScore score = scores.get(node.id());
			if (!node.graded() || !score.applicable() || score.level() >= score.maxLevel()) {
				continue;
			}
			String group = groupOf.get(node.id());
			String groupName = byId.get(group).name().in(lang);
			for (Level level : node.levels()) {
				if (level.level() <= score.level()) {
					continue;
				}
				List<GapCriterion> unmet = level.criteria()
					.stream()
					.filter((c) -> answers.get(c.id()) == null || answers.get(c.id()).answer() == null
							|| !answers.get(c.id()).answer().satisfies())
					.map((c) -> criterion(c, answers, lang))
					.toList();
				if (unmet.isEmpty()) {
					continue;
				}
				if (level.level() == score.level() + 1) {
					gapsByGroup.computeIfAbsent(group, (k) -> new ArrayList<>())
						.add(new Gap(node.id(), node.name().in(lang), node.clause(), score.level(), level.level(),
								unmet));
				}
				phases.computeIfAbsent(level.level(), (k) -> new ArrayList<>())
					.add(new RoadmapStep(node.id(), node.name().in(lang), groupName, score.level(), unmet));
			}
		}
		List<GapGroup> gaps = gapsByGroup.entrySet()
			.stream()
			.map((e) -> new GapGroup(e.getKey(), byId.get(e.getKey()).name().in(lang), e.getValue()))
			.toList();
		// lower levels first; within a level by group (domain) in document order, then
		// node
		List<RoadmapPhase> roadmap = phases.entrySet().stream().map((e) -> {
			List<RoadmapStep> steps = new ArrayList<>(e.getValue());
			steps.sort(Comparator.comparing((RoadmapStep s) -> order.get(groupOf.get(s.nodeId())))
				.thenComparing((s) -> order.get(s.nodeId())));
			return new RoadmapPhase(e.getKey(), steps);
		}).toList();
		Comparison comparison = null;
		if (previous != null && before != null) {
			List<Delta> deltas = new ArrayList<>();
			for (NodeResult node : nodes) {
				NodeScore then = before.get(node.id());
				if (then != null) {
					deltas.add(new Delta(node.id(), node.name(), node.depth(), then.level(), node.level(),
							node.level() - then.level(), then.score(), node.score()));
				}
			}
			comparison = new Comparison(previous.id(), previous.title(), previous.signedOffAt(), deltas);
		}
		Map<String, Criterion> criteria = new LinkedHashMap<>();
		framework.allCriteria().forEach((c) -> criteria.put(c.id(), c));
		List<ProbeOverride> overrides = answers.values()
			.stream()
			.filter((a) -> "OVERRIDE".equals(a.source()) && criteria.containsKey(a.criterionId()))
			.map((a) -> new ProbeOverride(a.criterionId(), criteria.get(a.criterionId()).clause(), a.probeId(),
					a.probeVerdict(), a.answer(), a.overrideReason(), a.answeredBy(), a.answeredAt()))
			.toList();
		int answered = (int) answers.values()
			.stream()
			.filter((a) -> a.answer() != null && criteria.containsKey(a.criterionId()))
			.count();
		return new Report(assessment, framework.title().in(lang), framework.version(), lang, this.clock.instant(),
				answered, criteria.size(), nodes, radars, gaps, roadmap, comparison, overrides);
	}

	private static GapCriterion criterion(Criterion c, Map<String, CriterionAnswer> answers, String lang) {
		CriterionAnswer a = answers.get(c.id());
		return new GapCriterion(c.id(), c.clause(), c.summary().in(lang), (a != null) ? a.answer() : null);
	}

	private static void walk(FrameworkNode node, String parentId, int depth, FrameworkNode top,
			Map<String, NodeScore> scores, String lang, List<NodeResult> out, Map<String, String> groupOf) {
		NodeScore s = scores.get(node.id());
		out.add(new NodeResult(node.id(), parentId, depth, node.kind(), node.name().in(lang), node.clause(),
				node.graded(), s.level(), s.maxLevel(), s.score(), s.applicable(), s.answered(), s.total()));
		// the group is the node below the top (a domain of 000), or the top for top-level
		// leaves
		String group = (depth == 0) ? node.id() : (depth == 1 ? node.id() : groupOf.get(parentId));
		groupOf.put(node.id(), group);
		for (FrameworkNode child : node.children()) {
			walk(child, node.id(), depth + 1, top, scores, lang, out, groupOf);
		}
	}

	private static List<Radar> radars(Framework framework, Map<String, NodeScore> scores, Map<String, NodeScore> before,
			String lang) {
		List<Radar> radars = new ArrayList<>();
		radars
			.add(new Radar("overall", framework.title().in(lang), indicators(framework.nodes(), scores, before, lang)));
		for (FrameworkNode top : framework.nodes()) {
			List<FrameworkNode> axes = top.children();
			if (axes.size() < 3) {
				List<FrameworkNode> deeper = axes.stream().flatMap((c) -> c.children().stream()).toList();
				if (deeper.size() > axes.size()) {
					axes = deeper;
				}
			}
			if (!axes.isEmpty()) {
				radars.add(new Radar(top.id(), top.name().in(lang), indicators(axes, scores, before, lang)));
			}
		}
		return radars;
	}

	private static List<Indicator> indicators(List<FrameworkNode> nodes, Map<String, NodeScore> scores,
			Map<String, NodeScore> before, String lang) {
		return nodes.stream().map((n) -> {
			NodeScore s = scores.get(n.id());
			Double previous = (before != null && before.get(n.id()) != null) ? before.get(n.id()).score() : null;
			return new Indicator(n.id(), n.name().in(lang), s.maxLevel(), s.score(), previous);
		}).toList();
	}

}
