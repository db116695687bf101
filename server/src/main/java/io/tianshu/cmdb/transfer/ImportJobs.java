package io.tianshu.cmdb.transfer;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

import io.tianshu.cmdb.ChangeSource;
import io.tianshu.cmdb.CiModel;
import io.tianshu.cmdb.CisImported;
import io.tianshu.cmdb.CmdbPermissions;
import io.tianshu.cmdb.RelationsImported;
import io.tianshu.cmdb.model.ChangeContext;
import io.tianshu.cmdb.model.ModelCatalog;
import io.tianshu.platform.Audit;
import io.tianshu.platform.AuditEntry;
import io.tianshu.platform.Authorization;
import io.tianshu.platform.PermissionScope;
import io.tianshu.platform.TianshuException;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Bulk import jobs (批量导入). {@link #dryRun} reads and checks the whole file and stores it
 * with its report, changing nothing else; {@link #apply} reads the stored file again,
 * re-checks every row against the data as it is then (with the CIs it updates locked) and
 * writes in one transaction: with {@code all} nothing at all when a row is invalid (422
 * with the fresh report), with {@code validOnly} the valid rows. One audit record and one
 * {@link CisImported} (or {@link RelationsImported}) event per applied job; every CI
 * changed gets one history entry with source {@link ChangeSource#IMPORT}.
 */
@Service
public class ImportJobs {

	/** How long an unapplied job keeps its file. */
	public static final Duration RETENTION = Duration.ofHours(24);

	private final JdbcClient jdbc;

	private final JsonMapper json;

	private final ModelCatalog models;

	private final CiImports cis;

	private final RelationImports relations;

	private final Authorization authorization;

	private final Audit audit;

	private final ApplicationEventPublisher events;

	private final Clock clock;

	/**
	 * The plans of the latest dry runs on this node with the data fingerprint they were
	 * made at: apply reuses a plan when nothing has changed since (saving a second read
	 * of the file), else, or on another node, it plans again.
	 */
	private final Map<UUID, Cached> plans = java.util.Collections
		.synchronizedMap(new LinkedHashMap<UUID, Cached>(4, 0.75f, true) {
			@Override
			protected boolean removeEldestEntry(Map.Entry<UUID, Cached> eldest) {
				return size() > 2;
			}
		});

	/** How long a cached plan may be reused. */
	private static final Duration PLAN_REUSE = Duration.ofMinutes(30);

	/**
	 * A plan with what it was made under: the data fingerprint and the planner's scopes
	 * (rows outside them are errors in the plan, so another caller's plan is not theirs).
	 */
	private record Cached(String fingerprint, List<PermissionScope> scopes, Object plan, Instant at) {
	}

	/** The caller's scopes for the permissions an import's plan depends on. */
	private List<PermissionScope> scopes() {
		return List.of(this.authorization.scopes(CmdbPermissions.CI_READ),
				this.authorization.scopes(CmdbPermissions.CI_WRITE),
				this.authorization.scopes(CmdbPermissions.RELATION_WRITE));
	}

	ImportJobs(JdbcClient jdbc, JsonMapper json, ModelCatalog models, CiImports cis, RelationImports relations,
			Authorization authorization, Audit audit, ApplicationEventPublisher events, Clock clock) {
		this.jdbc = jdbc;
		this.json = json;
		this.models = models;
		this.cis = cis;
		this.relations = relations;
		this.authorization = authorization;
		this.audit = audit;
		this.events = events;
		this.clock = clock;
	}

	/** Which rows {@link #apply} writes. */
	public enum Rows {

		/** Every row, or nothing when one is invalid. */
		ALL,
		/** The valid rows; invalid ones are skipped. */
		VALID_ONLY;

		public static Rows parse(String text) {
			if (text == null || text.isBlank()) {
				throw TianshuException.invalidField("rows", "cmdb.import.rows-required",
						"rows is required: \"all\" or \"validOnly\"");
			}
			return switch (text.strip()) {
				case "all" -> ALL;
				case "validOnly" -> VALID_ONLY;
				default -> throw TianshuException.invalidField("rows", "cmdb.import.rows-invalid",
						"rows must be \"all\" or \"validOnly\"");
			};
		}

		String label() {
			return (this == ALL) ? "all" : "validOnly";
		}

	}

	/**
	 * Checks a CI file of the model and stores it as a job.
	 * @param charset {@code null}/{@code auto} to detect, or a charset name
	 */
	@Transactional
	public ImportJob dryRunCis(String model, String fileName, byte[] content, String charset) {
		this.authorization.require(CmdbPermissions.CI_WRITE);
		CiModel ciModel = model(model);
		checkSize(content);
		String fingerprint = fingerprint();
		CiImports.Plan plan = this.cis.plan(ciModel, content, fileName, charset, false);
		ImportJob job = store("CIS", ciModel.code(), fileName, plan.source(), content, plan.report());
		this.plans.put(job.id(), new Cached(fingerprint, scopes(), plan, this.clock.instant()));
		return job;
	}

	/** Checks a relation file and stores it as a job. */
	@Transactional
	public ImportJob dryRunRelations(String fileName, byte[] content, String charset) {
		this.authorization.require(CmdbPermissions.RELATION_WRITE);
		checkSize(content);
		String fingerprint = fingerprint();
		RelationImports.Plan plan = this.relations.plan(content, fileName, charset);
		ImportJob job = store("RELATIONS", null, fileName, plan.source(), content, plan.report());
		this.plans.put(job.id(), new Cached(fingerprint, scopes(), plan, this.clock.instant()));
		return job;
	}

	/**
	 * Changes whenever a CI or relation changes anywhere (their histories are append-only
	 * with increasing ids) or a model or relation definition does (model versions).
	 */
	private String fingerprint() {
		return this.jdbc.sql("""
				SELECT (SELECT coalesce(max(id), 0) FROM cmdb.ci_history) || '/'
				  || (SELECT coalesce(max(id), 0) FROM cmdb.relation_history) || '/'
				  || (SELECT coalesce(sum(version), 0) FROM cmdb.model)""").query(String.class).single();
	}

	/**
	 * The cached plan of the job when the data has not changed since its dry run and the
	 * caller has the scopes its planner had.
	 */
	private Object reusable(UUID id) {
		Cached cached = this.plans.remove(id);
		if (cached == null || cached.at().plus(PLAN_REUSE).isBefore(this.clock.instant())
				|| !cached.scopes().equals(scopes()) || !cached.fingerprint().equals(fingerprint())) {
			return null;
		}
		return cached.plan();
	}

	private static void checkSize(byte[] content) {
		if (content.length > TransferLimits.MAX_BYTES) {
			throw new FileTooLargeException(content.length);
		}
	}

	private CiModel model(String code) {
		if (code == null || code.isBlank()) {
			throw TianshuException.invalidField("model", "cmdb.import.model-required", "model is required");
		}
		return this.models.find(code.strip())
			.orElseThrow(() -> TianshuException.invalidField("model", "cmdb.ci.unknown-model", "no model " + code));
	}

	private ImportJob store(String kind, String model, String fileName, TableFile.Source source, byte[] content,
			ImportReport report) {
		Instant now = this.clock.instant();
		// unapplied files are not kept for ever
		this.jdbc.sql("""
				UPDATE cmdb.import_job SET content = NULL, status = 'EXPIRED'
				WHERE status = 'PREVIEWED' AND created_at < ?""").param(Timestamp.from(now.minus(RETENTION))).update();
		UUID id = UUID.randomUUID();
		String actor = ChangeContext.actor(this.authorization);
		this.jdbc.sql("""
				INSERT INTO cmdb.import_job (id, kind, model_code, file_name, format, charset, status, content, report,
				  created_by, created_at)
				VALUES (?, ?, ?, ?, ?, ?, 'PREVIEWED', ?, ?::jsonb, ?, ?)""")
			.params(id, kind, model, name(fileName), source.format(), source.charset(), content,
					this.json.writeValueAsString(report), actor, Timestamp.from(now))
			.update();
		return new ImportJob(id, kind, model, name(fileName), source.format(), source.charset(), "PREVIEWED", actor,
				now, null, null, report);
	}

	private static String name(String fileName) {
		if (fileName == null || fileName.isBlank()) {
			return null;
		}
		String name = fileName.replace('\\', '/');
		name = name.substring(name.lastIndexOf('/') + 1);
		return (name.length() > 200) ? name.substring(0, 200) : name;
	}

	@Transactional(readOnly = true)
	public ImportJob get(UUID id) {
		this.authorization.require(CmdbPermissions.CI_READ);
		ImportJob job = find(id, false);
		// the report names rows and CIs of the whole file: a caller limited by scope sees
		// only the imports they uploaded
		if (!this.authorization.scopes(CmdbPermissions.CI_READ).everywhere()
				&& !job.createdBy().equals(ChangeContext.actor(this.authorization))) {
			throw TianshuException.notFound("cmdb.import.not-found", "No import job " + id);
		}
		return job;
	}

	private ImportJob find(UUID id, boolean lock) {
		return this.jdbc.sql("""
				SELECT id, kind, model_code, file_name, format, charset, status, report::text, created_by, created_at,
				  applied_by, applied_at
				FROM cmdb.import_job WHERE id = ?""" + (lock ? " FOR UPDATE" : ""))
			.param(id)
			.query((rs, n) -> new ImportJob(rs.getObject(1, UUID.class), rs.getString(2), rs.getString(3),
					rs.getString(4), rs.getString(5), rs.getString(6), rs.getString(7), rs.getString(9),
					rs.getTimestamp(10).toInstant(), rs.getString(11),
					(rs.getTimestamp(12) != null) ? rs.getTimestamp(12).toInstant() : null,
					this.json.readValue(rs.getString(8), ImportReport.class)))
			.optional()
			.orElseThrow(() -> TianshuException.notFound("cmdb.import.not-found", "No import job " + id));
	}

	/**
	 * Applies a previewed job. Refused with 409 when it was applied already or expired,
	 * and with {@link ImportRefusedException} (422, the fresh report stored) when
	 * {@link Rows#ALL} meets an invalid row.
	 */
	@Transactional(noRollbackFor = ImportRefusedException.class)
	public ImportJob apply(UUID id, Rows rows) {
		this.authorization.require(CmdbPermissions.CI_WRITE);
		ImportJob job = find(id, true);
		if ("RELATIONS".equals(job.kind())) {
			this.authorization.require(CmdbPermissions.RELATION_WRITE);
		}
		if (!"PREVIEWED".equals(job.status())) {
			throw TianshuException
				.conflict("cmdb.import.not-pending",
						"The import job is " + job.status().toLowerCase(Locale.ROOT) + ("EXPIRED".equals(job.status())
								? "; upload the file again" : " already; it applies only once"),
						Map.of("status", job.status()));
		}
		byte[] content = this.jdbc.sql("SELECT content FROM cmdb.import_job WHERE id = ?")
			.param(id)
			.query(byte[].class)
			.single();
		Instant now = this.clock.instant();
		String actor = ChangeContext.actor(this.authorization);
		ImportReport report;
		Map<String, Object> summary = new LinkedHashMap<>();
		if ("CIS".equals(job.kind())) {
			CiModel model = model(job.model());
			CiImports.Plan plan = (reusable(id) instanceof CiImports.Plan cached && this.cis.stillCurrent(cached))
					? cached : this.cis.plan(model, content, job.fileName(), job.charset(), true);
			report = refuseOrKeep(job, plan.report(), rows);
			CiImports.Written written = this.cis.write(model, plan.valid(), actor, ChangeContext.requestId(),
					ChangeSource.IMPORT.name(), now);
			report = withApplied(report, new ImportReport.Applied(rows.label(), written.created().size(),
					written.updated().size(), written.unchanged(), report.counts().invalid()));
			this.events.publishEvent(new CisImported(id, model.code(), written.created(), written.updated(), now));
		}
		else {
			this.relations.lock();
			RelationImports.Plan plan = (reusable(id) instanceof RelationImports.Plan cached) ? cached
					: this.relations.plan(content, job.fileName(), job.charset());
			report = refuseOrKeep(job, plan.report(), rows);
			List<io.tianshu.cmdb.RelationId> created = this.relations.write(plan.valid(), actor,
					ChangeContext.requestId(), ChangeSource.IMPORT.name(), now);
			report = withApplied(report, new ImportReport.Applied(rows.label(), created.size(), 0,
					report.counts().unchanged(), report.counts().invalid()));
			this.events.publishEvent(new RelationsImported(id, created, now));
		}
		ImportReport.Applied applied = report.applied();
		summary.put("kind", job.kind());
		if (job.model() != null) {
			summary.put("model", job.model());
		}
		summary.put("fileName", job.fileName());
		summary.put("rows", rows.label());
		summary.put("created", applied.created());
		summary.put("updated", applied.updated());
		summary.put("unchanged", applied.unchanged());
		summary.put("skipped", applied.skipped());
		this.jdbc.sql("""
				UPDATE cmdb.import_job SET status = 'APPLIED', content = NULL, report = ?::jsonb, applied_by = ?,
				  applied_at = ?
				WHERE id = ?""").params(this.json.writeValueAsString(report), actor, Timestamp.from(now), id).update();
		this.audit.record(AuditEntry.success("cmdb.import.applied", "cmdb-import", id.toString())
			.withChange(null, summary)
			.withDetail(((job.model() != null) ? job.model() : "relations") + ": " + applied.created() + " created, "
					+ applied.updated() + " updated, " + applied.unchanged() + " unchanged, " + applied.skipped()
					+ " invalid skipped, from " + job.fileName()));
		return find(id, false);
	}

	private ImportReport refuseOrKeep(ImportJob job, ImportReport report, Rows rows) {
		if (rows == Rows.ALL && report.counts().invalid() > 0) {
			this.jdbc.sql("UPDATE cmdb.import_job SET report = ?::jsonb WHERE id = ?")
				.params(this.json.writeValueAsString(report), job.id())
				.update();
			throw new ImportRefusedException(job.id(), report);
		}
		return report;
	}

	private static ImportReport withApplied(ImportReport report, ImportReport.Applied applied) {
		return new ImportReport(report.columns(), report.counts(), report.errors(), report.errorsTruncated(),
				report.duplicates(), applied);
	}

}
