package io.tianshu.maturity;

import java.util.List;
import java.util.Optional;

/**
 * The maturity frameworks, loaded and validated from {@code maturity/frameworks/*.yaml}
 * at start-up (an invalid file stops the start with a message naming the file and the
 * fault).
 */
public interface Frameworks {

	/** All frameworks, ordered by id. */
	List<Framework> all();

	/** The framework with this id ({@code 000}, {@code 001}, {@code 003}). */
	Optional<Framework> find(String id);

	/** The node with this id in any framework. */
	Optional<FrameworkNode> node(String nodeId);

	/** The criterion with this id in any framework. */
	Optional<Criterion> criterion(String criterionId);

}
