package io.tianshu.cmdb.model;

import io.tianshu.cmdb.ModelChange;

/**
 * One change a model edit, bundle import or restore would make, classified.
 *
 * @param path what changes, as in {@link ModelChange#path()}
 * @param kind ADDED, REMOVED or CHANGED
 * @param from the old value
 * @param to the new value
 * @param text a readable English line
 * @param destructive whether it can lose data or invalidate existing CIs; such changes
 * need {@code allowDestructive=true}
 * @param reason why it is destructive ({@code attribute-removed}, {@code type-narrowed},
 * {@code enum-value-removed}, {@code required-added}, {@code rule-narrowed},
 * {@code identity-duplicates}, {@code reference-model-changed},
 * {@code relation-definition-removed}, {@code cardinality-narrowed},
 * {@code acyclic-added}), or {@code null}
 */
public record PreviewChange(String path, ModelChange.Kind kind, Object from, Object to, String text,
		boolean destructive, String reason) {
}
