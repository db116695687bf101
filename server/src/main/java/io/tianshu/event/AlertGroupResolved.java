package io.tianshu.event;

import java.time.Instant;
import java.util.UUID;

/**
 * Every alert of a group is resolved. Defined with the foundation, published by grouping.
 *
 * @param groupId the group
 * @param resolvedAt when
 */
public record AlertGroupResolved(UUID groupId, Instant resolvedAt) {
}
