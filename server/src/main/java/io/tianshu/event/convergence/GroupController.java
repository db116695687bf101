package io.tianshu.event.convergence;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.swagger.v3.oas.annotations.media.Schema;
import io.tianshu.event.AlertGroupView;
import io.tianshu.event.AlertView;
import io.tianshu.event.Alerts;
import io.tianshu.event.EventPermissions;
import io.tianshu.event.Severity;
import io.tianshu.platform.CursorPage;
import io.tianshu.platform.RequiresPermission;
import io.tianshu.platform.TianshuException;

import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * Alert groups (告警组, {@code /api/v1/events/groups}), grouping rules (分组规则,
 * {@code /api/v1/events/grouping-rules}) and what convergence did to one alert
 * ({@code /api/v1/events/alerts/{id}/convergence}).
 */
@RestController
class GroupController {

	private static final int MAX_MEMBERS = 500;

	private final GroupStore groups;

	private final GroupingRules rules;

	private final RootCauses rootCauses;

	private final Alerts alerts;

	private final SuppressionRecords records;

	private final JdbcClient jdbc;

	GroupController(GroupStore groups, GroupingRules rules, RootCauses rootCauses, Alerts alerts,
			SuppressionRecords records, JdbcClient jdbc) {
		this.groups = groups;
		this.rules = rules;
		this.rootCauses = rootCauses;
		this.alerts = alerts;
		this.records = records;
		this.jdbc = jdbc;
	}

	/**
	 * Newest first. Filters: {@code state} ({@code PENDING}, {@code OPEN},
	 * {@code RESOLVED}; repeatable), {@code businessSystem}, {@code severity}
	 * (repeatable); {@code cursor} from the previous page.
	 */
	@GetMapping("/api/v1/events/groups")
	@RequiresPermission(EventPermissions.ALERT_READ)
	CursorPage<AlertGroupView> list(@RequestParam(required = false) List<String> state,
			@RequestParam(required = false) UUID businessSystem, @RequestParam(required = false) List<String> severity,
			@RequestParam(required = false) String cursor, @RequestParam(defaultValue = "50") int limit) {
		List<String> states = new ArrayList<>();
		for (String s : (state != null) ? state : List.<String>of()) {
			String v = s.strip().toUpperCase(Locale.ROOT);
			if (!List.of("PENDING", "OPEN", "RESOLVED").contains(v)) {
				throw TianshuException.invalidField("state", "request.invalid-parameter",
						"PENDING, OPEN or RESOLVED: " + s);
			}
			states.add(v);
		}
		List<Severity> severities = new ArrayList<>();
		for (String s : (severity != null) ? severity : List.<String>of()) {
			severities.add(Severity.parse(s)
				.orElseThrow(() -> TianshuException.invalidField("severity", "request.invalid-parameter",
						"Unknown severity: " + s)));
		}
		return this.groups.search(states, businessSystem, severities, cursor, limit);
	}

	/** The group, its alerts (with symptom marks) and its probable root cause. */
	@GetMapping("/api/v1/events/groups/{id}")
	@RequiresPermission(EventPermissions.ALERT_READ)
	GroupDetail get(@PathVariable UUID id) {
		AlertGroupView group = this.groups.get(id);
		List<Member> members = new ArrayList<>();
		List<Long> ids = this.groups.alertIds(id);
		for (Long alertId : ids.subList(0, Math.min(ids.size(), MAX_MEMBERS))) {
			AlertView alert = this.alerts.get(alertId);
			members.add(new Member(alert, symptomOf(alertId), reasons(alertId)));
		}
		return new GroupDetail(group, this.rootCauses.of(id).orElse(null), members, ids.size());
	}

	/**
	 * What convergence did to an alert: the alert it is a symptom of (with the path), the
	 * alerts that are its symptoms, its groups, and every suppression record (silence,
	 * maintenance window, inhibition, topology), newest first.
	 */
	@GetMapping("/api/v1/events/alerts/{id}/convergence")
	@RequiresPermission(EventPermissions.ALERT_READ)
	AlertConvergence convergence(@PathVariable long id) {
		this.alerts.get(id);
		List<UUID> groupIds = this.jdbc
			.sql("SELECT group_id FROM event.alert_group_member WHERE alert_id = ? ORDER BY added_at")
			.param(id)
			.query(UUID.class)
			.list();
		List<Long> symptoms = this.records.activeByCause(id)
			.stream()
			.filter((r) -> ConvergenceState.TOPOLOGY.equals(r.kind()))
			.map(SuppressionRecords.Active::alertId)
			.toList();
		SuppressionRecords.Active symptom = topologyCause(id);
		return new AlertConvergence(id, (symptom != null) ? symptom.causeAlertId() : null,
				(symptom != null) ? symptom.detail().get("path") : null, symptoms, groupIds, reasons(id),
				this.records.history(id));
	}

	// grouping rules

	@GetMapping("/api/v1/events/grouping-rules")
	@RequiresPermission(EventPermissions.RULE_MANAGE)
	List<GroupingRule> rules() {
		return this.rules.list();
	}

	@GetMapping("/api/v1/events/grouping-rules/{id}")
	@RequiresPermission(EventPermissions.RULE_MANAGE)
	GroupingRule rule(@PathVariable UUID id) {
		return this.rules.get(id);
	}

	@PostMapping("/api/v1/events/grouping-rules")
	@ResponseStatus(HttpStatus.CREATED)
	@RequiresPermission(EventPermissions.RULE_MANAGE)
	GroupingRule create(@RequestBody GroupingRule.Draft draft) {
		return this.rules.save(null, draft);
	}

	@PutMapping("/api/v1/events/grouping-rules/{id}")
	@RequiresPermission(EventPermissions.RULE_MANAGE)
	GroupingRule update(@PathVariable UUID id, @RequestBody GroupingRule.Draft draft) {
		return this.rules.save(id, draft);
	}

	@DeleteMapping("/api/v1/events/grouping-rules/{id}")
	@ResponseStatus(HttpStatus.NO_CONTENT)
	@RequiresPermission(EventPermissions.RULE_MANAGE)
	void delete(@PathVariable UUID id) {
		this.rules.delete(id);
	}

	private SuppressionRecords.Active topologyCause(long alertId) {
		return this.records.activeOf(alertId)
			.stream()
			.filter((r) -> ConvergenceState.TOPOLOGY.equals(r.kind()))
			.max(java.util.Comparator.comparingInt((SuppressionRecords.Active r) -> depth(r)))
			.orElse(null);
	}

	private static int depth(SuppressionRecords.Active r) {
		Object d = r.detail().get("depth");
		return (d instanceof Number n) ? n.intValue() : 0;
	}

	private Long symptomOf(long alertId) {
		SuppressionRecords.Active r = topologyCause(alertId);
		return (r != null) ? r.causeAlertId() : null;
	}

	private List<String> reasons(long alertId) {
		return this.records.activeOf(alertId).stream().map(ConvergenceProcessor::reason).toList();
	}

	/** One alert of a group: the alert, what it is a symptom of, and what holds it. */
	@Schema(name = "GroupMember")
	record Member(AlertView alert, @JsonInclude(JsonInclude.Include.ALWAYS) Long symptomOf, List<String> heldBy) {
	}

	/**
	 * A group with its probable root cause ({@code null} without alerts) and its alerts
	 * (at most 500 of {@code alertTotal}, oldest first).
	 */
	record GroupDetail(AlertGroupView group, RootCause rootCause, List<Member> alerts, int alertTotal) {
	}

	/**
	 * @param symptomPath from this alert's CI to the cause's CI (steps with
	 * {@code ciId, name, model, relation})
	 * @param heldBy the active reasons, as in the timeline ({@code silence:<id>},
	 * {@code maintenance:<id>}, {@code inhibit:<rule> by alert #<id>},
	 * {@code symptom:of alert #<id>})
	 * @param records every suppression record, newest first
	 */
	record AlertConvergence(long alertId, @JsonInclude(JsonInclude.Include.ALWAYS) Long symptomOf,
			@JsonInclude(JsonInclude.Include.ALWAYS) Object symptomPath, List<Long> symptoms, List<UUID> groupIds,
			List<String> heldBy, List<Map<String, Object>> records) {
	}

}
