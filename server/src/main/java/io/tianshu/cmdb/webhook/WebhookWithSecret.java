package io.tianshu.cmdb.webhook;

/**
 * A subscription with its signing secret, returned only by create and by secret rotation:
 * the secret cannot be read again later (it is stored sealed).
 */
public record WebhookWithSecret(Webhook webhook, String secret) {
}
