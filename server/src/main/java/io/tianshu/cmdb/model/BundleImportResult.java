package io.tianshu.cmdb.model;

import java.util.Map;

/**
 * A bundle that was imported.
 *
 * @param preview what was applied
 * @param versions each bundled model's version afterwards
 */
public record BundleImportResult(BundlePreview preview, Map<String, Integer> versions) {
}
