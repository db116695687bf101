package io.tianshu.cmdb;

import java.time.Instant;

/**
 * One stored version of a model.
 *
 * @param version the version number (1 = created)
 * @param summary one line on what changed
 * @param actor who changed it
 * @param createdAt when
 */
public record ModelVersion(int version, String summary, String actor, Instant createdAt) {
}
