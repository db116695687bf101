package io.tianshu.event.report;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;

import io.tianshu.cmdb.CiId;
import io.tianshu.cmdb.ConfigurationItem;
import io.tianshu.cmdb.ConfigurationItems;
import io.tianshu.cmdb.Topology;
import io.tianshu.cmdb.TopologyGraph;
import io.tianshu.event.AlertOpened;
import io.tianshu.event.AlertView;
import io.tianshu.event.Alerts;
import io.tianshu.event.EventPermissions;
import io.tianshu.event.IntegrationKind;
import io.tianshu.event.Severity;
import io.tianshu.platform.Audit;
import io.tianshu.platform.AuditEntry;
import io.tianshu.platform.Authorization;
import io.tianshu.platform.FieldViolation;
import io.tianshu.platform.TianshuException;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Anomalies reported by a person (人工上报): an anomaly the monitoring did not report, or did
 * not report to Tianshu. Stored as an alert of the built-in {@code manual} integration,
 * as the current user, in one transaction with its key, its raw event, its timeline and
 * its audit record, and published as {@link AlertOpened}. A report is never deduplicated
 * (each has its own fingerprint) nor suppressed (a person chose to report it). Analytics
 * count these reports towards the missed anomaly rate (异常漏报率) unless a monitoring alert
 * on the same CI or business system preceded them (docs/event-analytics.md).
 */
@Service
public class ManualReports {

	/** The built-in integration manual reports are filed under (V50). */
	public static final UUID INTEGRATION_ID = UUID.fromString("6f1c0d55-0000-4000-8000-00000000a001");

	static final Duration MAX_FUTURE = Duration.ofMinutes(5);

	static final Duration MAX_PAST = Duration.ofDays(90);

	private final JdbcClient jdbc;

	private final JsonMapper json;

	private final Authorization authorization;

	private final Audit audit;

	private final Clock clock;

	private final ApplicationEventPublisher events;

	private final ConfigurationItems items;

	private final Topology topology;

	private final Alerts alerts;

	ManualReports(JdbcClient jdbc, JsonMapper json, Authorization authorization, Audit audit, Clock clock,
			ApplicationEventPublisher events, ConfigurationItems items, Topology topology, Alerts alerts) {
		this.jdbc = jdbc;
		this.json = json;
		this.authorization = authorization;
		this.audit = audit;
		this.clock = clock;
		this.events = events;
		this.items = items;
		this.topology = topology;
		this.alerts = alerts;
	}

	/**
	 * What a person reports.
	 *
	 * @param summary one line, required (at most 500 characters)
	 * @param description further text, or {@code null} (at most 10,000 characters)
	 * @param severity required
	 * @param startsAt when the anomaly started, required; not more than 5 minutes ahead,
	 * not more than 90 days back
	 * @param ciId the affected CI, or {@code null}
	 * @param businessSystemId the affected business system, or {@code null} (found from
	 * the CI through the CMDB topology when only the CI is given)
	 * @param labels further labels, or {@code null} (at most 20)
	 */
	public record ManualReport(String summary, String description, Severity severity, Instant startsAt, UUID ciId,
			UUID businessSystemId, Map<String, String> labels) {
	}

	@Transactional
	public AlertView report(ManualReport report) {
		this.authorization.require(EventPermissions.ALERT_WRITE);
		Instant now = this.clock.instant();
		validate(report, now);
		ConfigurationItem ci = (report.ciId() != null) ? ci(report.ciId(), "ciId") : null;
		UUID businessSystem = report.businessSystemId();
		if (businessSystem != null) {
			ConfigurationItem bs = ci(businessSystem, "businessSystemId");
			if (!"business_system".equals(bs.model())) {
				throw TianshuException.invalidField("businessSystemId", "event.report.not-business-system",
						"This CI is not a business system");
			}
		}
		else if (ci != null) {
			businessSystem = businessSystemOf(ci);
		}
		String actor = this.authorization.currentActor().name();
		Map<String, String> labels = new TreeMap<>((report.labels() != null) ? report.labels() : Map.of());
		labels.put("reported_by", actor);
		Map<String, String> annotations = new TreeMap<>();
		if (report.description() != null && !report.description().isBlank()) {
			annotations.put("description", report.description().strip());
		}
		ensureIntegration(now);
		long id = this.jdbc.sql("SELECT nextval('event.alert_id_seq')").query(Long.class).single();
		String fingerprint = "manual-" + UUID.randomUUID();
		Timestamp at = Timestamp.from(now);
		String summary = report.summary().strip();
		this.jdbc.sql("""
				INSERT INTO event.alert (id, first_seen, integration_id, source, fingerprint, status, state, severity,
				  summary, labels, annotations, links, starts_at, auto_resolve, last_seen, occurrences, duplicates,
				  last_hash, state_changed_at, ci_id, business_system_id, owner_team_id, version)
				VALUES (:id, :now, :integration, :source, :fingerprint, 'FIRING', 'OPEN', :severity, :summary,
				  :labels::jsonb, :annotations::jsonb, '[]'::jsonb, :startsAt, false, :now, 1, 0, :hash, :now, :ci, :bs,
				  :team, 1)""")
			.param("id", id)
			.param("now", at)
			.param("integration", INTEGRATION_ID)
			.param("source", IntegrationKind.MANUAL.code())
			.param("fingerprint", fingerprint)
			.param("severity", report.severity().name())
			.param("summary", summary)
			.param("labels", this.json.writeValueAsString(labels))
			.param("annotations", this.json.writeValueAsString(annotations))
			.param("startsAt", Timestamp.from(report.startsAt()))
			.param("hash", fingerprint)
			.param("ci", (ci != null) ? ci.id().value() : null)
			.param("bs", businessSystem)
			.param("team", (ci != null) ? ci.ownerTeamId() : null)
			.update();
		this.jdbc
			.sql("INSERT INTO event.alert_key (integration_id, fingerprint, alert_id, first_seen) VALUES (?, ?, ?, ?)")
			.params(INTEGRATION_ID, fingerprint, id, at)
			.update();
		this.jdbc.sql("""
				INSERT INTO event.raw_event (id, received_at, integration_id, fingerprint, status, outcome, alert_id,
				  payload_hash) VALUES (nextval('event.raw_event_id_seq'), ?, ?, ?, 'FIRING', 'CREATED', ?, ?)""")
			.params(at, INTEGRATION_ID, fingerprint, id, fingerprint)
			.update();
		Map<String, Object> detail = new LinkedHashMap<>();
		detail.put("reason", "reported");
		this.jdbc.sql("""
				INSERT INTO event.alert_activity (id, alert_id, alert_first_seen, at, kind, actor, from_state, to_state,
				  detail) VALUES (nextval('event.alert_activity_id_seq'), ?, ?, ?, 'STATE_CHANGED', ?, NULL, 'OPEN',
				  ?::jsonb)""").params(id, at, at, actor, this.json.writeValueAsString(detail)).update();
		AlertView created = this.alerts.get(id);
		this.audit.record(AuditEntry.success("event.alert.reported", "alert", Long.toString(id))
			.withChange(null, created)
			.withDetail(summary));
		this.events.publishEvent(new AlertOpened(id, INTEGRATION_ID, fingerprint, report.severity(), summary, labels,
				created.ciId(), businessSystem, false, false, now));
		return created;
	}

	private void validate(ManualReport report, Instant now) {
		List<FieldViolation> errors = new ArrayList<>();
		if (report.summary() == null || report.summary().isBlank()) {
			errors.add(new FieldViolation("summary", "required", "A summary is required"));
		}
		else if (report.summary().strip().length() > 500) {
			errors.add(new FieldViolation("summary", "too-long", "At most 500 characters"));
		}
		if (report.description() != null && report.description().length() > 10_000) {
			errors.add(new FieldViolation("description", "too-long", "At most 10000 characters"));
		}
		if (report.severity() == null) {
			errors.add(new FieldViolation("severity", "required", "A severity is required"));
		}
		if (report.startsAt() == null) {
			errors.add(new FieldViolation("startsAt", "required", "When the anomaly started is required"));
		}
		else if (report.startsAt().isAfter(now.plus(MAX_FUTURE))) {
			errors.add(new FieldViolation("startsAt", "event.report.starts-in-future",
					"An anomaly cannot start in the future"));
		}
		else if (report.startsAt().isBefore(now.minus(MAX_PAST))) {
			errors.add(new FieldViolation("startsAt", "event.report.starts-too-early",
					"At most 90 days back; older anomalies are not alerts any more"));
		}
		if (report.labels() != null) {
			if (report.labels().size() > 20) {
				errors.add(new FieldViolation("labels", "event.report.labels-too-many", "At most 20 labels"));
			}
			report.labels().forEach((k, v) -> {
				if (k == null || k.isBlank() || k.length() > 128 || v == null || v.length() > 1024
						|| "reported_by".equals(k)) {
					errors.add(new FieldViolation("labels", "event.report.label-invalid",
							"Label names of 1–128 characters (not reported_by), values up to 1024: " + k));
				}
			});
		}
		if (!errors.isEmpty()) {
			throw TianshuException.invalid("The report is invalid", errors);
		}
	}

	private ConfigurationItem ci(UUID id, String field) {
		try {
			return this.authorization.runAsSystem(() -> this.items.get(new CiId(id)));
		}
		catch (TianshuException ex) {
			throw TianshuException.invalidField(field, "event.report.ci-unknown", "No such CI");
		}
	}

	private UUID businessSystemOf(ConfigurationItem ci) {
		if ("business_system".equals(ci.model())) {
			return ci.id().value();
		}
		TopologyGraph graph = this.authorization
			.runAsSystem(() -> this.topology.impact(ci.id(), Topology.Direction.UPSTREAM, 6, Set.of()));
		return graph.nodes()
			.stream()
			.filter((n) -> "business_system".equals(n.model()))
			.min(Comparator.comparingInt(TopologyGraph.Node::depth))
			.map((n) -> n.id().value())
			.orElse(null);
	}

	/** Puts the built-in integration back should somebody have deleted it. */
	private void ensureIntegration(Instant now) {
		this.jdbc.sql("""
				INSERT INTO event.integration (id, name, kind, enabled, token_hash, token_hint, default_severity,
				  severity_mapping, settings, description, created_at, created_by, updated_at, token_rotated_at)
				VALUES (?, '人工上报 (manual reports)', 'manual', TRUE, 'manual:no-token', '—', 'MAJOR', '{}', '{}',
				  'Anomalies reported by people through POST /api/v1/events/alerts', ?, 'system', ?, ?)
				ON CONFLICT DO NOTHING""")
			.params(INTEGRATION_ID, Timestamp.from(now), Timestamp.from(now), Timestamp.from(now))
			.update();
	}

}
