package io.tianshu.maturity;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * One source document encoded as data (a file under {@code maturity/frameworks/}).
 *
 * @param id stable id: {@code 000}, {@code 001} or {@code 003} (the seed document's
 * number)
 * @param version the encoding's version (bumped when the data file changes meaning)
 * @param title the document's title
 * @param source what the document is (standard number, status, date)
 * @param scales the level scales its nodes use
 * @param nodes top-level nodes in document order
 */
public record Framework(String id, String version, LocalizedText title, String source, List<Scale> scales,
		List<FrameworkNode> nodes) {

	public Framework {
		scales = (scales != null) ? List.copyOf(scales) : List.of();
		nodes = (nodes != null) ? List.copyOf(nodes) : List.of();
	}

	/** The scale with this id. */
	public Optional<Scale> scale(String scaleId) {
		return this.scales.stream().filter((s) -> s.id().equals(scaleId)).findFirst();
	}

	/** Every node, depth first in document order. */
	public List<FrameworkNode> allNodes() {
		List<FrameworkNode> all = new ArrayList<>();
		walk(this.nodes, all::add);
		return all;
	}

	/** Every criterion of every node and level. */
	public List<Criterion> allCriteria() {
		return allNodes().stream().flatMap((n) -> n.levels().stream()).flatMap((l) -> l.criteria().stream()).toList();
	}

	private static void walk(List<FrameworkNode> nodes, Consumer<FrameworkNode> visitor) {
		for (FrameworkNode node : nodes) {
			visitor.accept(node);
			walk(node.children(), visitor);
		}
	}

}
