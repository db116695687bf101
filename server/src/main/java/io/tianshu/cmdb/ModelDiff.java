package io.tianshu.cmdb;

import java.util.List;

/**
 * What changed from one model version to another.
 */
public record ModelDiff(String model, int fromVersion, int toVersion, List<ModelChange> changes) {

	public ModelDiff {
		changes = List.copyOf(changes);
	}

}
