package io.tianshu.cmdb.web;

import java.util.List;
import java.util.UUID;

import io.tianshu.cmdb.CmdbPermissions;
import io.tianshu.cmdb.webhook.Webhook;
import io.tianshu.cmdb.webhook.WebhookDelivery;
import io.tianshu.cmdb.webhook.WebhookDraft;
import io.tianshu.cmdb.webhook.WebhookWithSecret;
import io.tianshu.cmdb.webhook.Webhooks;
import io.tianshu.platform.CursorPage;
import io.tianshu.platform.RequiresPermission;
import io.tianshu.platform.TianshuException;

import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code /api/v1/cmdb/webhooks}: outbound webhook subscriptions to CMDB changes (变更订阅),
 * their delivery log, redelivery and a test ping. Signing and retries:
 * {@code docs/cmdb-webhooks.md}.
 */
@RestController
@RequestMapping("/api/v1/cmdb/webhooks")
class WebhookController {

	private final Webhooks webhooks;

	WebhookController(Webhooks webhooks) {
		this.webhooks = webhooks;
	}

	/**
	 * A subscription as clients send it.
	 *
	 * @param name display name
	 * @param url http(s) endpoint
	 * @param models model codes (empty = all)
	 * @param attributes attribute codes (empty = no attribute filter)
	 * @param events event kinds (empty = all): ci.created, ci.updated, ci.state-changed,
	 * ci.retired, ci.verified, relation.created, relation.deleted
	 * @param enabled default true
	 */
	record WebhookBody(String name, String url, List<String> models, List<String> attributes, List<String> events,
			Boolean enabled) {

		WebhookDraft toDraft() {
			return new WebhookDraft(this.name, this.url, this.models, this.attributes, this.events, this.enabled);
		}

	}

	@GetMapping
	@RequiresPermission(CmdbPermissions.WEBHOOK_MANAGE)
	List<Webhook> list() {
		return this.webhooks.list();
	}

	/** Creates a subscription; the answer carries the signing secret, shown this once. */
	@PostMapping
	@ResponseStatus(HttpStatus.CREATED)
	@RequiresPermission(CmdbPermissions.WEBHOOK_MANAGE)
	WebhookWithSecret create(@RequestBody WebhookBody body) {
		return this.webhooks.create(body.toDraft());
	}

	@GetMapping("/{id}")
	@RequiresPermission(CmdbPermissions.WEBHOOK_MANAGE)
	Webhook get(@PathVariable UUID id) {
		return this.webhooks.get(id);
	}

	@PutMapping("/{id}")
	@RequiresPermission(CmdbPermissions.WEBHOOK_MANAGE)
	Webhook update(@PathVariable UUID id, @RequestBody WebhookBody body) {
		return this.webhooks.update(id, body.toDraft());
	}

	@DeleteMapping("/{id}")
	@ResponseStatus(HttpStatus.NO_CONTENT)
	@RequiresPermission(CmdbPermissions.WEBHOOK_MANAGE)
	void delete(@PathVariable UUID id) {
		this.webhooks.delete(id);
	}

	/** Replaces the signing secret at once; the answer shows the new one this once. */
	@PostMapping("/{id}/secret")
	@RequiresPermission(CmdbPermissions.WEBHOOK_MANAGE)
	WebhookWithSecret rotateSecret(@PathVariable UUID id) {
		return this.webhooks.rotateSecret(id);
	}

	/** The delivery log, newest first; {@code status} PENDING, DELIVERED or FAILED. */
	@GetMapping("/{id}/deliveries")
	@RequiresPermission(CmdbPermissions.WEBHOOK_MANAGE)
	CursorPage<WebhookDelivery> deliveries(@PathVariable UUID id, @RequestParam(required = false) String status,
			@RequestParam(required = false) String cursor, @RequestParam(required = false) String limit) {
		return this.webhooks.deliveries(id, (status != null && !status.isBlank()) ? status.strip() : null, cursor,
				limit(limit));
	}

	/** Queues the delivery's body again as a new delivery (same event id). */
	@PostMapping("/{id}/deliveries/{deliveryId}/redeliver")
	@ResponseStatus(HttpStatus.ACCEPTED)
	@RequiresPermission(CmdbPermissions.WEBHOOK_MANAGE)
	WebhookDelivery redeliver(@PathVariable UUID id, @PathVariable UUID deliveryId) {
		return this.webhooks.redeliver(id, deliveryId);
	}

	/** Sends a {@code ping} event now and answers with its delivery (one attempt). */
	@PostMapping("/{id}/ping")
	@RequiresPermission(CmdbPermissions.WEBHOOK_MANAGE)
	WebhookDelivery ping(@PathVariable UUID id) {
		return this.webhooks.ping(id);
	}

	private static int limit(String text) {
		if (text == null || text.isBlank()) {
			return 50;
		}
		try {
			return Integer.parseInt(text.strip());
		}
		catch (NumberFormatException ex) {
			throw TianshuException.invalidField("limit", "cmdb.webhook.limit-invalid", "limit must be 1–200");
		}
	}

}
