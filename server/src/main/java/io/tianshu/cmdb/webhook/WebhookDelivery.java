package io.tianshu.cmdb.webhook;

import java.time.Instant;
import java.util.UUID;

/**
 * One delivery of one event to one subscription (投递记录).
 *
 * @param id the delivery id ({@code X-Tianshu-Delivery})
 * @param webhookId the subscription
 * @param event the event kind ({@code X-Tianshu-Event})
 * @param eventId the event's id in the payload; a redelivery keeps it, so receivers can
 * drop duplicates
 * @param status PENDING, DELIVERED or FAILED (given up)
 * @param attempts attempts made so far
 * @param maxAttempts attempts before it is given up
 * @param lastStatusCode the HTTP status of the last attempt, {@code null} when no
 * response came (connection refused, timeout)
 * @param lastError why the last attempt failed, {@code null} after a success
 * @param responseSnippet the first 1 KiB of the last response body
 * @param nextAttemptAt when it is tried next (PENDING only)
 * @param lastAttemptAt when it was last tried
 * @param createdAt when the event was queued
 * @param deliveredAt when a 2xx answered
 * @param redeliveryOf the delivery this one repeats, or {@code null}
 * @param payload the JSON body that was signed and sent
 */
public record WebhookDelivery(UUID id, UUID webhookId, String event, UUID eventId, String status, int attempts,
		int maxAttempts, Integer lastStatusCode, String lastError, String responseSnippet, Instant nextAttemptAt,
		Instant lastAttemptAt, Instant createdAt, Instant deliveredAt, UUID redeliveryOf, String payload) {

	public static final String PENDING = "PENDING";

	public static final String DELIVERED = "DELIVERED";

	public static final String FAILED = "FAILED";

}
