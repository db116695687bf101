package io.tianshu.maturity;

import java.util.List;

/**
 * The criteria a node adds at one level. Levels are cumulative: a node reaches level N
 * when every criterion of levels 1..N is met or not applicable, so a level lists only
 * what it adds to the levels below it (a point the document repeats from a lower level is
 * listed once, at the lowest level that states it).
 *
 * @param level 1-based level number on the node's scale
 * @param criteria what this level adds; may be empty only when the document's row adds
 * nothing new (then {@code sameAs} names the level it repeats)
 * @param sameAs for a row the document writes as "同上" or as a plain repetition, the level
 * it repeats; otherwise {@code null}
 */
public record Level(int level, List<Criterion> criteria, Integer sameAs) {

	public Level {
		criteria = (criteria != null) ? List.copyOf(criteria) : List.of();
	}

}
