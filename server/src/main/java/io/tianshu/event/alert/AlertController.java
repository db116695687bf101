package io.tianshu.event.alert;

import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;

import io.tianshu.event.AlertFacets;
import io.tianshu.event.AlertQuery;
import io.tianshu.event.AlertState;
import io.tianshu.event.AlertView;
import io.tianshu.event.EventPermissions;
import io.tianshu.event.IntegrationKind;
import io.tianshu.event.LabelMatcher;
import io.tianshu.event.Severity;
import io.tianshu.event.TimelineEntry;
import io.tianshu.platform.CursorPage;
import io.tianshu.platform.RequiresPermission;
import io.tianshu.platform.TianshuException;
import jakarta.servlet.http.HttpServletResponse;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Alerts (告警): {@code /api/v1/events/alerts} — query with filters, facets, CSV export,
 * detail with timeline, and the manual lifecycle.
 */
@RestController
@RequestMapping("/api/v1/events/alerts")
class AlertController {

	static final int MAX_EXPORT = 100_000;

	private final AlertStore alerts;

	private final JsonMapper json;

	AlertController(AlertStore alerts, JsonMapper json) {
		this.alerts = alerts;
		this.json = json;
	}

	/**
	 * Newest first. Filters: {@code state}, {@code severity}, {@code integration},
	 * {@code source} (repeatable), {@code ci}, {@code businessSystem}, {@code matcher}
	 * (repeatable, {@code name=value}, {@code !=}, {@code =~}, {@code !~}), {@code from}
	 * (seen since), {@code to} (first seen before), {@code q} (text).
	 */
	@GetMapping
	@RequiresPermission(EventPermissions.ALERT_READ)
	CursorPage<AlertView> list(@RequestParam(required = false) List<String> state,
			@RequestParam(required = false) List<String> severity,
			@RequestParam(required = false) List<UUID> integration, @RequestParam(required = false) List<String> source,
			@RequestParam(required = false) UUID ci, @RequestParam(required = false) UUID businessSystem,
			@RequestParam(required = false) List<String> matcher, @RequestParam(required = false) String from,
			@RequestParam(required = false) String to, @RequestParam(required = false) String q,
			@RequestParam(required = false) String cursor, @RequestParam(defaultValue = "50") int limit) {
		return this.alerts.search(
				query(state, severity, integration, source, ci, businessSystem, matcher, from, to, q, cursor, limit));
	}

	/** Counts per state, severity, source and business system for the same filters. */
	@GetMapping("/facets")
	@RequiresPermission(EventPermissions.ALERT_READ)
	AlertFacets facets(@RequestParam(required = false) List<String> state,
			@RequestParam(required = false) List<String> severity,
			@RequestParam(required = false) List<UUID> integration, @RequestParam(required = false) List<String> source,
			@RequestParam(required = false) UUID ci, @RequestParam(required = false) UUID businessSystem,
			@RequestParam(required = false) List<String> matcher, @RequestParam(required = false) String from,
			@RequestParam(required = false) String to, @RequestParam(required = false) String q) {
		return this.alerts
			.facets(query(state, severity, integration, source, ci, businessSystem, matcher, from, to, q, null, 1));
	}

	/** The same filters as CSV (at most 100,000 rows), formula-injection guarded. */
	@GetMapping(value = "/export.csv", produces = "text/csv")
	@RequiresPermission(EventPermissions.ALERT_READ)
	void export(@RequestParam(required = false) List<String> state,
			@RequestParam(required = false) List<String> severity,
			@RequestParam(required = false) List<UUID> integration, @RequestParam(required = false) List<String> source,
			@RequestParam(required = false) UUID ci, @RequestParam(required = false) UUID businessSystem,
			@RequestParam(required = false) List<String> matcher, @RequestParam(required = false) String from,
			@RequestParam(required = false) String to, @RequestParam(required = false) String q,
			HttpServletResponse response) throws IOException {
		AlertQuery query = query(state, severity, integration, source, ci, businessSystem, matcher, from, to, q, null,
				500);
		// check the query (and the permission) before the response is committed
		this.alerts.search(query);
		response.setContentType("text/csv;charset=UTF-8");
		response.setHeader("Content-Disposition", "attachment; filename=\"alerts.csv\"");
		Writer out = new OutputStreamWriter(response.getOutputStream(), StandardCharsets.UTF_8);
		AlertCsv csv = new AlertCsv(out);
		csv.row(AlertCsv.HEADER);
		List<IOException> failure = new ArrayList<>();
		this.alerts.each(query, (a) -> {
			if (!failure.isEmpty()) {
				return;
			}
			try {
				csv.row(List.of(Long.toString(a.id()), a.state().name(), a.status().name(), a.severity().name(),
						(a.source() != null) ? a.source().code() : "", a.integrationId().toString(), a.fingerprint(),
						a.summary(), Objects.toString(a.resource(), ""), this.json.writeValueAsString(a.labels()),
						a.firstSeen().toString(), a.lastSeen().toString(), Integer.toString(a.occurrences()),
						Objects.toString(a.ciId(), ""), Objects.toString(a.businessSystemId(), ""),
						Objects.toString(a.assigneeUser(), ""), Objects.toString(a.acknowledgedAt(), ""),
						Objects.toString(a.resolvedAt(), ""), Objects.toString(a.closedAt(), ""),
						Boolean.toString(a.flapping())));
			}
			catch (IOException ex) {
				failure.add(ex);
			}
		}, MAX_EXPORT);
		if (!failure.isEmpty()) {
			throw failure.get(0);
		}
		out.flush();
	}

	@GetMapping("/{id}")
	@RequiresPermission(EventPermissions.ALERT_READ)
	AlertDetail get(@PathVariable long id) {
		return new AlertDetail(this.alerts.get(id), this.alerts.timeline(id));
	}

	@PostMapping("/{id}/acknowledge")
	@RequiresPermission(EventPermissions.ALERT_WRITE)
	AlertView acknowledge(@PathVariable long id, @RequestBody(required = false) Note note) {
		return this.alerts.acknowledge(id, text(note));
	}

	@PostMapping("/{id}/resolve")
	@RequiresPermission(EventPermissions.ALERT_WRITE)
	AlertView resolve(@PathVariable long id, @RequestBody(required = false) Note note) {
		return this.alerts.resolve(id, text(note));
	}

	@PostMapping("/{id}/close")
	@RequiresPermission(EventPermissions.ALERT_WRITE)
	AlertView close(@PathVariable long id, @RequestBody(required = false) Note note) {
		return this.alerts.close(id, text(note));
	}

	@PostMapping("/{id}/assign")
	@RequiresPermission(EventPermissions.ALERT_WRITE)
	AlertView assign(@PathVariable long id, @RequestBody Assignment assignment) {
		return this.alerts.assign(id, assignment.user(), assignment.team());
	}

	@PostMapping("/{id}/comments")
	@RequiresPermission(EventPermissions.ALERT_WRITE)
	AlertView comment(@PathVariable long id, @RequestBody Note note) {
		return this.alerts.comment(id, text(note));
	}

	private static String text(Note note) {
		return (note != null) ? note.comment() : null;
	}

	private static AlertQuery query(List<String> state, List<String> severity, List<UUID> integration,
			List<String> source, UUID ci, UUID businessSystem, List<String> matcher, String from, String to, String q,
			String cursor, int limit) {
		return new AlertQuery(parse(state, "state", (s) -> AlertState.valueOf(s.toUpperCase(java.util.Locale.ROOT))),
				parse(severity, "severity", (s) -> Severity.valueOf(s.toUpperCase(java.util.Locale.ROOT))),
				(integration != null) ? Set.copyOf(integration) : Set.of(),
				parse(source, "source", IntegrationKind::of), ci, businessSystem,
				(matcher != null) ? matcher.stream().map(LabelMatcher::parse).toList() : List.of(), time(from, "from"),
				time(to, "to"), q, cursor, limit);
	}

	private static <T> Set<T> parse(List<String> values, String field, Function<String, T> parser) {
		Set<T> out = new LinkedHashSet<>();
		if (values != null) {
			for (String v : values) {
				try {
					out.add(parser.apply(v.strip()));
				}
				catch (IllegalArgumentException ex) {
					throw TianshuException.invalidField(field, "request.invalid-parameter",
							"Unknown " + field + ": " + v);
				}
			}
		}
		return out;
	}

	private static Instant time(String value, String field) {
		if (value == null || value.isBlank()) {
			return null;
		}
		try {
			return Instant.parse(value.strip());
		}
		catch (DateTimeParseException ex) {
			throw TianshuException.invalidField(field, "request.invalid-parameter",
					"Not an ISO 8601 instant: " + value);
		}
	}

	/** An optional comment on a state change, or a comment's text. */
	record Note(String comment) {
	}

	/** Assign to a user (login name) and/or a team; both empty unassigns. */
	record Assignment(String user, UUID team) {
	}

	record AlertDetail(AlertView alert, List<TimelineEntry> timeline) {
	}

}
