package io.tianshu.cmdb.model;

import java.util.List;

/**
 * What importing a bundle would change, per model group, relation type and model (a
 * model's changes include its relation definitions, {@code relations.<type>-><target>}).
 * Models, groups and relation types that exist here but not in the bundle are left alone;
 * a relation definition of a bundled model that the bundle lacks is removed.
 *
 * @param formatVersion the bundle's format
 * @param modelGroups group changes
 * @param relationTypes relation type changes
 * @param models model changes with their effect on CIs
 * @param destructive whether any change is destructive
 * @param destructiveChanges one readable line per destructive change
 * ({@code host: attribute ip removed})
 */
public record BundlePreview(int formatVersion, List<ItemPreview> modelGroups, List<ItemPreview> relationTypes,
		List<ModelPreview> models, boolean destructive, List<String> destructiveChanges) {

	/**
	 * A group or relation type: {@code changes} are readable lines
	 * ({@code forwardLabel: 运行于 → 部署于}).
	 */
	public record ItemPreview(String code, ModelPreview.Action action, List<String> changes, boolean destructive) {
	}

}
