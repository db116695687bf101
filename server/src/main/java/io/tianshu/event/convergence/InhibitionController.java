package io.tianshu.event.convergence;

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
 * Inhibition rules (抑制规则, {@code /api/v1/events/inhibit-rules}) and topology inhibition
 * settings (拓扑抑制, {@code /api/v1/events/topology-inhibition}).
 */
@RestController
@RequiresPermission(EventPermissions.RULE_MANAGE)
class InhibitionController {

	private final InhibitRules rules;

	InhibitionController(InhibitRules rules) {
		this.rules = rules;
	}

	@GetMapping("/api/v1/events/inhibit-rules")
	@RequiresPermission(EventPermissions.RULE_MANAGE)
	List<InhibitRule> list() {
		return this.rules.list();
	}

	@PostMapping("/api/v1/events/inhibit-rules")
	@ResponseStatus(HttpStatus.CREATED)
	@RequiresPermission(EventPermissions.RULE_MANAGE)
	InhibitRule create(@RequestBody InhibitRule.Draft draft) {
		return this.rules.save(null, draft);
	}

	@GetMapping("/api/v1/events/inhibit-rules/{id}")
	@RequiresPermission(EventPermissions.RULE_MANAGE)
	InhibitRule get(@PathVariable UUID id) {
		return this.rules.get(id);
	}

	@PutMapping("/api/v1/events/inhibit-rules/{id}")
	@RequiresPermission(EventPermissions.RULE_MANAGE)
	InhibitRule update(@PathVariable UUID id, @RequestBody InhibitRule.Draft draft) {
		return this.rules.save(id, draft);
	}

	@DeleteMapping("/api/v1/events/inhibit-rules/{id}")
	@ResponseStatus(HttpStatus.NO_CONTENT)
	@RequiresPermission(EventPermissions.RULE_MANAGE)
	void delete(@PathVariable UUID id) {
		this.rules.delete(id);
	}

	@GetMapping("/api/v1/events/topology-inhibition")
	@RequiresPermission(EventPermissions.RULE_MANAGE)
	TopologyInhibition topology() {
		return this.rules.topology();
	}

	/** Changes the given fields; absent ones keep their values. */
	@PutMapping("/api/v1/events/topology-inhibition")
	@RequiresPermission(EventPermissions.RULE_MANAGE)
	TopologyInhibition updateTopology(@RequestBody TopologyInhibition.Draft draft) {
		return this.rules.saveTopology(draft);
	}

}
