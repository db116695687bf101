package io.tianshu.cmdb.webhook;

import java.util.List;

/**
 * What a client gives to create or replace a subscription. {@code events} {@code null} or
 * empty means every event kind; {@code enabled} {@code null} means enabled.
 */
public record WebhookDraft(String name, String url, List<String> models, List<String> attributes, List<String> events,
		Boolean enabled) {
}
