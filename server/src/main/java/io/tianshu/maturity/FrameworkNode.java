package io.tianshu.maturity;

import java.util.List;

/**
 * A node of a framework's tree: a capability class, domain, item or sub-item of 000; an
 * area, sub-area or table of 001; a dimension or quality indicator of 003. A node with
 * {@code levels} is graded directly (a leaf); a node with {@code children} is graded from
 * them. Both lists are never {@code null}.
 *
 * @param id stable id, never reused, prefixed with the document ({@code 000.7.2.1},
 * {@code 001.1.3.1}, {@code 003.6.1.2})
 * @param kind what the node is: {@code class}, {@code domain}, {@code item},
 * {@code subitem}, {@code area}, {@code subarea}, {@code dimension}, {@code indicator}
 * @param name the name as users know it (告警与管控 Alerting and control)
 * @param clause where it is in the document, e.g. {@code 000 §7.2.1 表5}
 * @param scale id of the {@link Scale} its levels use; inherited from the parent when
 * {@code null}
 * @param description optional: what the node covers, in the project's own words; for an
 * indicator, its definition and formula
 * @param children child nodes in document order
 * @param levels the node's levels in order, from 1 to the scale's highest level
 */
public record FrameworkNode(String id, String kind, LocalizedText name, String clause, String scale,
		LocalizedText description, List<FrameworkNode> children, List<Level> levels) {

	public FrameworkNode {
		children = (children != null) ? List.copyOf(children) : List.of();
		levels = (levels != null) ? List.copyOf(levels) : List.of();
	}

	/** Whether this node is graded directly from its criteria. */
	public boolean graded() {
		return !this.levels.isEmpty();
	}

}
