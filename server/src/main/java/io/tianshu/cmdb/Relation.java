package io.tianshu.cmdb;

import java.time.Instant;

/**
 * A relation between two CIs ({@code source type target}: app runs_on host).
 */
public record Relation(RelationId id, String type, CiId source, CiId target, Instant createdAt) {
}
