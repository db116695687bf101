package io.tianshu.cmdb.model;

import java.util.List;

/**
 * What saving a model definition would change.
 *
 * @param code the model
 * @param action ADDED (a new model), CHANGED or UNCHANGED
 * @param currentVersion the model's version now, 0 for a new model
 * @param changes the changes, classified
 * @param cis what happens to the model's live CIs
 * @param destructive whether any change is destructive
 */
public record ModelPreview(String code, Action action, int currentVersion, List<PreviewChange> changes, CiImpact cis,
		boolean destructive) {

	public ModelPreview {
		changes = List.copyOf(changes);
	}

	/** What a preview does to one thing. */
	public enum Action {

		ADDED, CHANGED, UNCHANGED

	}

}
