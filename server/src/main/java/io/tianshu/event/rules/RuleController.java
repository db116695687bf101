package io.tianshu.event.rules;

import java.util.List;
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
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * Drop/transform rules ({@code /api/v1/events/rules}) and CMDB enrichment rules
 * ({@code /api/v1/events/enrichment-rules}).
 */
@RestController
@RequiresPermission(EventPermissions.RULE_MANAGE)
class RuleController {

	private final RuleStore rules;

	RuleController(RuleStore rules) {
		this.rules = rules;
	}

	@GetMapping("/api/v1/events/rules")
	List<SignalRule> signalRules() {
		return this.rules.signalRules();
	}

	@PostMapping("/api/v1/events/rules")
	@ResponseStatus(HttpStatus.CREATED)
	SignalRule create(@RequestBody RuleStore.SignalRuleDraft draft) {
		return this.rules.saveSignalRule(null, draft);
	}

	@PutMapping("/api/v1/events/rules/{id}")
	SignalRule update(@PathVariable UUID id, @RequestBody RuleStore.SignalRuleDraft draft) {
		return this.rules.saveSignalRule(id, draft);
	}

	@DeleteMapping("/api/v1/events/rules/{id}")
	@ResponseStatus(HttpStatus.NO_CONTENT)
	void delete(@PathVariable UUID id) {
		this.rules.deleteSignalRule(id);
	}

	@GetMapping("/api/v1/events/enrichment-rules")
	List<EnrichmentRule> enrichmentRules() {
		return this.rules.listEnrichmentRules();
	}

	@PostMapping("/api/v1/events/enrichment-rules")
	@ResponseStatus(HttpStatus.CREATED)
	EnrichmentRule createEnrichment(@RequestBody RuleStore.EnrichmentRuleDraft draft) {
		return this.rules.saveEnrichmentRule(null, draft);
	}

	@PutMapping("/api/v1/events/enrichment-rules/{id}")
	EnrichmentRule updateEnrichment(@PathVariable UUID id, @RequestBody RuleStore.EnrichmentRuleDraft draft) {
		return this.rules.saveEnrichmentRule(id, draft);
	}

	@DeleteMapping("/api/v1/events/enrichment-rules/{id}")
	@ResponseStatus(HttpStatus.NO_CONTENT)
	void deleteEnrichment(@PathVariable UUID id) {
		this.rules.deleteEnrichmentRule(id);
	}

}
