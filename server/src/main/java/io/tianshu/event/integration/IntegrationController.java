package io.tianshu.event.integration;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.tianshu.event.EventPermissions;
import io.tianshu.platform.RequiresPermission;

import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** Managing integrations (告警接入): {@code /api/v1/events/integrations}. */
@RestController
@RequestMapping("/api/v1/events/integrations")
@RequiresPermission(EventPermissions.INTEGRATION_MANAGE)
class IntegrationController {

	private final IntegrationStore integrations;

	private final IngestCounters counters;

	IntegrationController(IntegrationStore integrations, IngestCounters counters) {
		this.integrations = integrations;
		this.counters = counters;
	}

	@GetMapping
	List<IntegrationView> list() {
		return this.integrations.list();
	}

	/**
	 * Creates an integration; the answer carries its token, the only time it is shown.
	 */
	@PostMapping
	@ResponseStatus(HttpStatus.CREATED)
	IntegrationView create(@RequestBody IntegrationDraft draft) {
		return this.integrations.create(draft);
	}

	@GetMapping("/{id}")
	IntegrationView get(@PathVariable UUID id) {
		return this.integrations.get(id);
	}

	@PutMapping("/{id}")
	IntegrationView update(@PathVariable UUID id, @RequestBody IntegrationDraft draft) {
		return this.integrations.update(id, draft);
	}

	@DeleteMapping("/{id}")
	@ResponseStatus(HttpStatus.NO_CONTENT)
	void delete(@PathVariable UUID id) {
		this.integrations.delete(id);
	}

	/** A new token; the old one stops working at once. */
	@PostMapping("/{id}/token")
	IntegrationView rotate(@PathVariable UUID id) {
		return this.integrations.rotateToken(id);
	}

	/**
	 * Ingest counters: {@code accepted}, {@code duplicate}, {@code dropped},
	 * {@code rejected.<reason>}.
	 */
	@GetMapping("/{id}/stats")
	IntegrationStats stats(@PathVariable UUID id) {
		this.integrations.get(id);
		Map<String, Long> values = this.counters.read(id);
		long rejected = values.entrySet()
			.stream()
			.filter((e) -> e.getKey().startsWith("rejected."))
			.mapToLong(Map.Entry::getValue)
			.sum();
		return new IntegrationStats(id, values.getOrDefault("accepted", 0L), values.getOrDefault("duplicate", 0L),
				values.getOrDefault("dropped", 0L), rejected, values);
	}

	record IntegrationStats(UUID integrationId, long accepted, long duplicates, long dropped, long rejected,
			Map<String, Long> counters) {
	}

}
