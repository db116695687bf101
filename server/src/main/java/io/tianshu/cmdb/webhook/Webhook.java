package io.tianshu.cmdb.webhook;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import io.tianshu.platform.PermissionScope;

/**
 * An outbound webhook subscription (变更订阅) to CMDB changes. The signing secret is never
 * part of it: it is shown once, in {@link WebhookWithSecret}, when created or rotated.
 *
 * @param id stable id
 * @param name display name
 * @param url the http(s) endpoint deliveries are POSTed to (redirects are not followed)
 * @param models model codes whose changes are delivered; empty = every model. A relation
 * matches when its source or target CI is of one of them
 * @param attributes attribute codes; when not empty a CI event is delivered only if its
 * change touches one of them
 * @param events the event kinds delivered ({@link WebhookEvents#ALL})
 * @param enabled whether new changes are delivered; a disabled subscription keeps its
 * pending deliveries until it is enabled again
 * @param scope where the subscription delivers: a snapshot of the {@code cmdb.ci.read}
 * scope of whoever last saved it (created or updated it); a CI change is delivered only
 * when the CI is within it, a relation change when one of its ends is
 * @param createdBy who created it
 * @param createdAt when
 * @param updatedAt when last changed
 */
public record Webhook(UUID id, String name, String url, List<String> models, List<String> attributes,
		List<String> events, boolean enabled, PermissionScope scope, String createdBy, Instant createdAt,
		Instant updatedAt) {

	public Webhook {
		models = List.copyOf(models);
		attributes = List.copyOf(attributes);
		events = List.copyOf(events);
	}

}
