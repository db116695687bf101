package io.tianshu.event.convergence;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import io.tianshu.event.LabelMatcher;

/**
 * Which groups an alert joins: pure functions over compiled rules.
 */
final class Grouping {

	private Grouping() {
	}

	/** A rule ready to apply. */
	record Compiled(GroupingRule rule, List<LabelMatcher> matchers, Duration groupWait, Duration groupInterval) {
	}

	/** The alert joins the group of this rule with these label values. */
	record Assignment(Compiled rule, Map<String, String> groupLabels) {

		String key() {
			StringBuilder b = new StringBuilder();
			this.groupLabels.forEach((k, v) -> b.append(k).append('=').append(v).append('\u0001'));
			return b.toString();
		}

	}

	static List<Assignment> assign(List<Compiled> rules, AlertFacts alert) {
		Map<String, String> labels = alert.matchLabels();
		List<Assignment> out = new ArrayList<>();
		for (Compiled rule : rules) {
			if (!rule.rule().enabled() || !rule.matchers().stream().allMatch((m) -> m.matches(labels))) {
				continue;
			}
			Map<String, String> values = groupLabels(rule.rule().groupBy(), alert.labels(), labels);
			out.add(new Assignment(rule, values));
			if (!rule.rule().continueMatching()) {
				break;
			}
		}
		return out;
	}

	/**
	 * The values of the first alternative whose labels are all present; the last
	 * alternative applies anyway (absent labels as empty strings).
	 */
	static Map<String, String> groupLabels(List<List<String>> alternatives, Map<String, String> own,
			Map<String, String> labels) {
		List<List<String>> alts = alternatives.isEmpty() ? List.of(List.of()) : alternatives;
		for (int i = 0; i < alts.size(); i++) {
			boolean last = i == alts.size() - 1;
			Map<String, String> values = new TreeMap<>();
			boolean complete = true;
			for (String name : alts.get(i)) {
				if (AlertFacts.ALL.equals(name)) {
					values.putAll(own);
					continue;
				}
				String value = labels.get(name);
				if (value == null || value.isEmpty()) {
					complete = false;
					value = "";
				}
				values.put(name, value);
			}
			if (complete || last) {
				return values;
			}
		}
		throw new IllegalStateException("unreachable");
	}

}
