package io.tianshu.maturity.assessment;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;

import io.tianshu.cmdb.CiId;
import io.tianshu.cmdb.ConfigurationItem;
import io.tianshu.cmdb.ConfigurationItems;
import io.tianshu.maturity.Answer;
import io.tianshu.maturity.Criterion;
import io.tianshu.maturity.EvidenceLink;
import io.tianshu.maturity.Framework;
import io.tianshu.maturity.Frameworks;
import io.tianshu.maturity.MaturityPermissions;
import io.tianshu.maturity.ProbeVerdict;
import io.tianshu.maturity.assessment.Assessment.Scope;
import io.tianshu.maturity.assessment.Assessment.ScopeSystem;
import io.tianshu.maturity.assessment.Assessment.Status;
import io.tianshu.maturity.assessment.CriterionAnswer.AttachmentInfo;
import io.tianshu.maturity.probe.ProbeResult;
import io.tianshu.maturity.probe.ProbeRuns;
import io.tianshu.platform.Actor;
import io.tianshu.platform.Audit;
import io.tianshu.platform.AuditEntry;
import io.tianshu.platform.Authorization;
import io.tianshu.platform.FieldViolation;
import io.tianshu.platform.TianshuException;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Assessments (成熟度评估): created with a framework, a scope, assessors and a reviewer;
 * answered criterion by criterion with evidence by the assessors while a draft; submitted
 * for review; returned or signed off by the reviewer, who is never an assessor and never
 * answered a criterion (职责分离). Signed off, an assessment is frozen: every change is
 * refused with 409 {@code maturity.assessment.frozen}; in review, with 409
 * {@code maturity.assessment.in-review}. Every change is audited in its transaction.
 */
@Service
public class Assessments {

	static final Pattern USERNAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._@-]{0,63}");

	static final int MAX_LINKS = 20;

	private final JdbcClient jdbc;

	private final JsonMapper json;

	private final Frameworks frameworks;

	private final ConfigurationItems cis;

	private final ProbeRuns probes;

	private final Authorization authorization;

	private final Audit audit;

	private final Clock clock;

	Assessments(JdbcClient jdbc, JsonMapper json, Frameworks frameworks, ConfigurationItems cis, ProbeRuns probes,
			Authorization authorization, Audit audit, Clock clock) {
		this.jdbc = jdbc;
		this.json = json;
		this.frameworks = frameworks;
		this.cis = cis;
		this.probes = probes;
		this.authorization = authorization;
		this.audit = audit;
		this.clock = clock;
	}

	/**
	 * What to create.
	 *
	 * @param frameworkId the framework
	 * @param title the title
	 * @param scopeKind {@code ORGANISATION} or {@code SYSTEMS}
	 * @param systemIds CMDB CI ids of the business systems, for {@code SYSTEMS}
	 * @param assessors user names
	 * @param reviewer a user name
	 */
	public record Draft(String frameworkId, String title, String scopeKind, List<String> systemIds,
			List<String> assessors, String reviewer) {
	}

	/**
	 * Creates a draft; 422 with field errors on bad input (unknown framework, no
	 * assessors, reviewer among the assessors, unknown business system).
	 */
	@Transactional
	public Assessment create(Draft draft) {
		this.authorization.require(MaturityPermissions.ASSESS);
		List<FieldViolation> violations = new ArrayList<>();
		Framework framework = null;
		if (draft.frameworkId() == null || draft.frameworkId().isBlank()) {
			violations.add(new FieldViolation("frameworkId", "field.required", "Required"));
		}
		else {
			framework = this.frameworks.find(draft.frameworkId()).orElse(null);
			if (framework == null) {
				violations.add(new FieldViolation("frameworkId", "maturity.framework.unknown",
						"No framework " + draft.frameworkId()));
			}
		}
		String title = (draft.title() != null) ? draft.title().strip() : "";
		if (title.isEmpty() || title.length() > 200) {
			violations.add(new FieldViolation("title", "field.length", "1–200 characters"));
		}
		List<String> assessors = new ArrayList<>(new LinkedHashSet<>(
				(draft.assessors() != null) ? draft.assessors().stream().map(String::strip).toList() : List.of()));
		if (assessors.isEmpty()) {
			violations.add(new FieldViolation("assessors", "field.required", "At least one assessor"));
		}
		for (int i = 0; i < assessors.size(); i++) {
			if (!USERNAME.matcher(assessors.get(i)).matches()) {
				violations.add(new FieldViolation("assessors[" + i + "]", "maturity.user.invalid", "Not a user name"));
			}
		}
		String reviewer = (draft.reviewer() != null) ? draft.reviewer().strip() : "";
		if (reviewer.isEmpty()) {
			violations.add(new FieldViolation("reviewer", "field.required", "Required"));
		}
		else if (!USERNAME.matcher(reviewer).matches()) {
			violations.add(new FieldViolation("reviewer", "maturity.user.invalid", "Not a user name"));
		}
		else if (assessors.stream().anyMatch(reviewer::equalsIgnoreCase)) {
			violations.add(new FieldViolation("reviewer", "maturity.assessment.reviewer-is-assessor",
					"The reviewer cannot be one of the assessors (separation of duties)"));
		}
		Scope scope = scope(draft, violations);
		if (!violations.isEmpty()) {
			throw TianshuException.invalid("The assessment is invalid", violations);
		}
		UUID id = UUID.randomUUID();
		Timestamp now = Timestamp.from(this.clock.instant());
		this.jdbc.sql("""
				INSERT INTO maturity.assessment (id, framework_id, framework_version, title, scope_kind, scope_systems,
				  scope_key, assessors, reviewer, status, created_at, created_by, updated_at)
				VALUES (?, ?, ?, ?, ?, ?::jsonb, ?, ?, ?, 'DRAFT', ?, ?, ?)""")
			.params(id, framework.id(), framework.version(), title, scope.kind().name(),
					this.json.writeValueAsString(scope.systems()), scope.key(), assessors.toArray(String[]::new),
					reviewer, now, actorName(), now)
			.update();
		Assessment created = find(id);
		this.audit.record(AuditEntry.success("maturity.assessment.created", "assessment", id.toString())
			.withChange(null, created));
		return created;
	}

	private Scope scope(Draft draft, List<FieldViolation> violations) {
		String kind = (draft.scopeKind() != null) ? draft.scopeKind().toUpperCase(Locale.ROOT) : "ORGANISATION";
		if (kind.equals("ORGANISATION")) {
			return new Scope(Scope.Kind.ORGANISATION, List.of());
		}
		if (!kind.equals("SYSTEMS")) {
			violations.add(new FieldViolation("scopeKind", "field.invalid", "ORGANISATION or SYSTEMS"));
			return new Scope(Scope.Kind.ORGANISATION, List.of());
		}
		List<String> ids = (draft.systemIds() != null) ? new ArrayList<>(new LinkedHashSet<>(draft.systemIds()))
				: List.of();
		if (ids.isEmpty()) {
			violations.add(new FieldViolation("systemIds", "field.required", "At least one business system"));
		}
		List<ScopeSystem> systems = new ArrayList<>();
		for (int i = 0; i < ids.size(); i++) {
			String field = "systemIds[" + i + "]";
			Optional<ConfigurationItem> ci = ci(ids.get(i));
			if (ci.isEmpty()) {
				violations.add(new FieldViolation(field, "maturity.scope.unknown-system", "No such CI"));
			}
			else {
				systems.add(new ScopeSystem(ci.get().id().value().toString(), ci.get().name()));
			}
		}
		return new Scope(Scope.Kind.SYSTEMS, systems);
	}

	private Optional<ConfigurationItem> ci(String id) {
		UUID uuid;
		try {
			uuid = UUID.fromString(id);
		}
		catch (IllegalArgumentException | NullPointerException ex) {
			return Optional.empty();
		}
		try {
			return Optional.of(this.authorization.runAsSystem(() -> this.cis.get(CiId.of(uuid))));
		}
		catch (TianshuException ex) {
			return Optional.empty();
		}
	}

	/** Assessments, newest first, optionally of one framework. */
	@Transactional(readOnly = true)
	public List<Assessment> list(String frameworkId) {
		this.authorization.require(MaturityPermissions.READ);
		return this.jdbc.sql("""
				SELECT * FROM maturity.assessment WHERE CAST(:fw AS TEXT) IS NULL OR framework_id = :fw
				ORDER BY created_at DESC, id""").param("fw", frameworkId).query(this::assessment).list();
	}

	/** One assessment; 404 {@code maturity.assessment.not-found}. */
	@Transactional(readOnly = true)
	public Assessment get(UUID id) {
		this.authorization.require(MaturityPermissions.READ);
		return find(id);
	}

	/** Its answers by criterion id, with attachments. */
	@Transactional(readOnly = true)
	public Map<String, CriterionAnswer> answers(UUID id) {
		this.authorization.require(MaturityPermissions.READ);
		find(id);
		return answersOf(id);
	}

	/**
	 * The signed-off assessment of the same framework and scope that was signed off last
	 * before this one was (or, for one not signed off, last of all).
	 */
	@Transactional(readOnly = true)
	public Optional<Assessment> previous(Assessment assessment) {
		this.authorization.require(MaturityPermissions.READ);
		Timestamp before = (assessment.signedOffAt() != null) ? Timestamp.from(assessment.signedOffAt()) : null;
		return this.jdbc.sql("""
				SELECT * FROM maturity.assessment
				WHERE framework_id = :fw AND scope_key = :scope AND status = 'SIGNED_OFF' AND id <> :id
				  AND (CAST(:before AS TIMESTAMP WITH TIME ZONE) IS NULL OR signed_off_at < :before)
				ORDER BY signed_off_at DESC LIMIT 1""")
			.param("fw", assessment.frameworkId())
			.param("scope", assessment.scope().key())
			.param("id", assessment.id())
			.param("before", before)
			.query(this::assessment)
			.optional();
	}

	/**
	 * An answer with its evidence.
	 *
	 * @param answer met, partly, not met, not applicable
	 * @param notes free text, at most 4000 characters
	 * @param links at most 20 links to Tianshu records
	 * @param overrideReason required when the answer differs from a probe's
	 */
	public record AnswerDraft(Answer answer, String notes, List<EvidenceLink> links, String overrideReason) {
	}

	/**
	 * Answers one criterion. Only an assessor (or the system) answers, only in a draft.
	 * An answer that differs from the probe's pre-filled answer needs
	 * {@code overrideReason} (422 {@code maturity.answer.override-reason-required}) and
	 * is stored as an override.
	 */
	@Transactional
	public CriterionAnswer answer(UUID id, String criterionId, AnswerDraft draft) {
		this.authorization.require(MaturityPermissions.ASSESS);
		Assessment assessment = lockEditable(id);
		requireAssessor(assessment);
		Criterion criterion = criterion(assessment, criterionId);
		List<FieldViolation> violations = new ArrayList<>();
		if (draft.answer() == null) {
			violations.add(new FieldViolation("answer", "field.required", "MET, PARTLY, NOT_MET or NOT_APPLICABLE"));
		}
		if (draft.notes() != null && draft.notes().length() > 4000) {
			violations.add(new FieldViolation("notes", "field.length", "At most 4000 characters"));
		}
		List<EvidenceLink> links = links(draft.links(), violations);
		CriterionAnswer before = answersOf(id).get(criterion.id());
		String source = "MANUAL";
		String probeId = null;
		ProbeVerdict verdict = null;
		UUID resultId = null;
		String reason = null;
		if (before != null && before.probeId() != null) {
			probeId = before.probeId();
			verdict = before.probeVerdict();
			resultId = before.probeResultId();
			Answer probeAnswer = (verdict == ProbeVerdict.MET) ? Answer.MET : Answer.NOT_MET;
			if (draft.answer() != null && draft.answer() != probeAnswer) {
				source = "OVERRIDE";
				reason = (draft.overrideReason() != null) ? draft.overrideReason().strip() : "";
				if (reason.isEmpty()) {
					violations.add(new FieldViolation("overrideReason", "maturity.answer.override-reason-required",
							"Say why the probe's answer is overridden"));
				}
			}
			else {
				source = "PROBE";
			}
		}
		if (!violations.isEmpty()) {
			throw TianshuException.invalid("The answer is invalid", violations);
		}
		upsert(id, criterion.id(), draft.answer(), blankToNull(draft.notes()), links, source, probeId, verdict,
				resultId, reason, actorName());
		touch(id);
		CriterionAnswer after = answersOf(id).get(criterion.id());
		this.audit.record(AuditEntry.success("maturity.assessment.answered", "assessment", id.toString())
			.withChange(before, after)
			.withDetail(criterion.id()));
		return after;
	}

	/** Removes an answer (and keeps its attachments); only in a draft, by an assessor. */
	@Transactional
	public void clearAnswer(UUID id, String criterionId) {
		this.authorization.require(MaturityPermissions.ASSESS);
		Assessment assessment = lockEditable(id);
		requireAssessor(assessment);
		CriterionAnswer before = answersOf(id).get(criterionId);
		if (before == null) {
			throw TianshuException.notFound("maturity.answer.not-found", "The criterion is not answered");
		}
		this.jdbc.sql("DELETE FROM maturity.answer WHERE assessment_id = ? AND criterion_id = ?")
			.params(id, criterionId)
			.update();
		touch(id);
		this.audit.record(AuditEntry.success("maturity.assessment.answer-cleared", "assessment", id.toString())
			.withChange(before, null)
			.withDetail(criterionId));
	}

	/**
	 * What pre-filling did.
	 *
	 * @param filled criteria answered from a probe
	 * @param keptManual criteria a probe judges but an assessor had answered (kept)
	 * @param notObservable criteria whose probe could not observe them (left open)
	 */
	public record Prefill(int filled, int keptManual, int notObservable) {
	}

	/**
	 * Answers every criterion of the assessment's framework that a probe judged met or
	 * not met, from the probes' latest results (running the probes first when none has
	 * run). Answers by assessors are kept; not observable criteria are left open.
	 */
	@Transactional
	public Prefill prefill(UUID id) {
		this.authorization.require(MaturityPermissions.ASSESS);
		Assessment assessment = lockEditable(id);
		requireAssessor(assessment);
		Framework framework = framework(assessment);
		Map<String, ProbeResult> latest = this.probes.latest();
		if (latest.isEmpty()) {
			this.probes.run(List.of(), "MANUAL", this.probes.defaultSince());
			latest = this.probes.latest();
		}
		Set<String> criteria = new java.util.HashSet<>(framework.allCriteria().stream().map(Criterion::id).toList());
		Map<String, CriterionAnswer> existing = answersOf(id);
		int filled = 0;
		int kept = 0;
		int unobservable = 0;
		// several probes may judge one criterion (the audit chain and its coverage): it
		// is met
		// only when every one of them is met, not met when any is not met, and left open
		// when
		// the others cannot observe it
		Map<String, List<ProbeResult>> byCriterion = new java.util.TreeMap<>();
		for (ProbeResult result : latest.values()) {
			for (String criterionId : result.criteria()) {
				if (criteria.contains(criterionId)) {
					byCriterion.computeIfAbsent(criterionId, (k) -> new ArrayList<>()).add(result);
				}
			}
		}
		for (Map.Entry<String, List<ProbeResult>> entry : byCriterion.entrySet()) {
			String criterionId = entry.getKey();
			List<ProbeResult> results = entry.getValue();
			List<ProbeResult> notMet = results.stream().filter((r) -> r.verdict() == ProbeVerdict.NOT_MET).toList();
			boolean allMet = results.stream().allMatch((r) -> r.verdict() == ProbeVerdict.MET);
			if (notMet.isEmpty() && !allMet) {
				unobservable++;
				continue;
			}
			CriterionAnswer current = existing.get(criterionId);
			if (current != null && !current.source().equals("PROBE")) {
				kept++;
				continue;
			}
			List<ProbeResult> deciding = notMet.isEmpty() ? results : notMet;
			ProbeResult first = deciding.get(0);
			List<EvidenceLink> links = deciding.stream().flatMap((r) -> r.links().stream()).distinct().toList();
			Answer answer = notMet.isEmpty() ? Answer.MET : Answer.NOT_MET;
			upsert(id, criterionId, answer, null, links, "PROBE", first.probeId(), first.verdict(), first.id(), null,
					Actor.SYSTEM.name());
			filled++;
		}
		touch(id);
		Prefill prefill = new Prefill(filled, kept, unobservable);
		this.audit.record(AuditEntry.success("maturity.assessment.prefilled", "assessment", id.toString())
			.withChange(null, prefill));
		return prefill;
	}

	/** Submits a draft for review; by an assessor. */
	@Transactional
	public Assessment submit(UUID id) {
		this.authorization.require(MaturityPermissions.ASSESS);
		Assessment before = lockEditable(id);
		requireAssessor(before);
		this.jdbc
			.sql("UPDATE maturity.assessment SET status = 'IN_REVIEW', submitted_at = ?, updated_at = ? WHERE id = ?")
			.params(now(), now(), id)
			.update();
		return transitioned(before, "maturity.assessment.submitted", null);
	}

	/** Returns an assessment in review to its assessors; by the reviewer. */
	@Transactional
	public Assessment returnToAssessors(UUID id, String note) {
		this.authorization.require(MaturityPermissions.REVIEW);
		Assessment before = lockInReview(id);
		requireReviewer(before);
		this.jdbc.sql("UPDATE maturity.assessment SET status = 'DRAFT', review_note = ?, updated_at = ? WHERE id = ?")
			.params(blankToNull(note), now(), id)
			.update();
		return transitioned(before, "maturity.assessment.returned", note);
	}

	/**
	 * Signs off an assessment in review, freezing it. Only its reviewer, who must be
	 * neither an assessor nor anyone who answered a criterion (403
	 * {@code maturity.assessment.separation-of-duties}).
	 */
	@Transactional
	public Assessment signOff(UUID id, String note) {
		this.authorization.require(MaturityPermissions.REVIEW);
		Assessment before = lockInReview(id);
		requireReviewer(before);
		String me = actorName();
		boolean answered = this.jdbc
			.sql("SELECT count(*) FROM maturity.answer WHERE assessment_id = ? AND lower(answered_by) = lower(?)")
			.params(id, me)
			.query(Long.class)
			.single() > 0;
		if (answered || before.assessors().stream().anyMatch(me::equalsIgnoreCase)) {
			throw TianshuException.forbidden("maturity.assessment.separation-of-duties",
					"Who answered an assessment cannot sign it off");
		}
		this.jdbc.sql("""
				UPDATE maturity.assessment SET status = 'SIGNED_OFF', signed_off_at = ?, signed_off_by = ?,
				  review_note = ?, updated_at = ? WHERE id = ?""")
			.params(now(), me, blankToNull(note), now(), id)
			.update();
		return transitioned(before, "maturity.assessment.signed-off", note);
	}

	/** Deletes a draft; 409 once submitted or signed off. */
	@Transactional
	public void delete(UUID id) {
		this.authorization.require(MaturityPermissions.ASSESS);
		Assessment before = lockEditable(id);
		requireAssessor(before);
		this.jdbc.sql("DELETE FROM maturity.assessment WHERE id = ?").param(id).update();
		this.audit.record(AuditEntry.success("maturity.assessment.deleted", "assessment", id.toString())
			.withChange(before, null));
	}

	/** Adds an attachment to a criterion; only in a draft, by an assessor. */
	@Transactional
	public AttachmentInfo attach(UUID id, String criterionId, String fileName, String contentType, byte[] content) {
		this.authorization.require(MaturityPermissions.ASSESS);
		Assessment assessment = lockEditable(id);
		requireAssessor(assessment);
		Criterion criterion = criterion(assessment, criterionId);
		Attachments.Checked file = Attachments.check(fileName, contentType, content);
		UUID attachmentId = UUID.randomUUID();
		this.jdbc
			.sql("""
					INSERT INTO maturity.attachment (id, assessment_id, criterion_id, file_name, content_type, size, content,
					  uploaded_by, uploaded_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)""")
			.params(attachmentId, id, criterion.id(), file.fileName(), file.contentType(), content.length, content,
					actorName(), now())
			.update();
		touch(id);
		AttachmentInfo info = attachment(id, attachmentId).info();
		this.audit.record(AuditEntry.success("maturity.assessment.attachment-added", "assessment", id.toString())
			.withChange(null, info)
			.withDetail(criterion.id()));
		return info;
	}

	/** An attachment with its content; 404 when absent. */
	@Transactional(readOnly = true)
	public Attachments.Stored download(UUID id, UUID attachmentId) {
		this.authorization.require(MaturityPermissions.READ);
		find(id);
		return attachment(id, attachmentId);
	}

	/** Removes an attachment; only in a draft, by an assessor. */
	@Transactional
	public void detach(UUID id, UUID attachmentId) {
		this.authorization.require(MaturityPermissions.ASSESS);
		Assessment assessment = lockEditable(id);
		requireAssessor(assessment);
		AttachmentInfo info = attachment(id, attachmentId).info();
		this.jdbc.sql("DELETE FROM maturity.attachment WHERE id = ?").param(attachmentId).update();
		touch(id);
		this.audit.record(AuditEntry.success("maturity.assessment.attachment-deleted", "assessment", id.toString())
			.withChange(info, null));
	}

	/** The assessment's framework; 409 when its data is no longer loaded. */
	public Framework framework(Assessment assessment) {
		return this.frameworks.find(assessment.frameworkId())
			.orElseThrow(() -> TianshuException.conflict("maturity.framework.missing",
					"The framework " + assessment.frameworkId() + " is not loaded"));
	}

	private Criterion criterion(Assessment assessment, String criterionId) {
		Framework framework = framework(assessment);
		return framework.allCriteria()
			.stream()
			.filter((c) -> c.id().equals(criterionId))
			.findFirst()
			.orElseThrow(() -> TianshuException.notFound("maturity.criterion.not-found",
					"No criterion " + criterionId + " in framework " + framework.id()));
	}

	private List<EvidenceLink> links(List<EvidenceLink> links, List<FieldViolation> violations) {
		if (links == null) {
			return List.of();
		}
		if (links.size() > MAX_LINKS) {
			violations.add(new FieldViolation("links", "field.size", "At most " + MAX_LINKS + " links"));
			return List.of();
		}
		List<EvidenceLink> valid = new ArrayList<>();
		for (int i = 0; i < links.size(); i++) {
			EvidenceLink link = links.get(i);
			String field = "links[" + i + "]";
			if (link == null || link.type() == null) {
				violations
					.add(new FieldViolation(field + ".type", "field.required", "CI, AUDIT_QUERY, ALERT_RULE or URL"));
				continue;
			}
			String target = (link.target() != null) ? link.target().strip() : "";
			String problem = switch (link.type()) {
				case CI -> ci(target).isPresent() ? null : "No such CI";
				case AUDIT_QUERY -> (!target.isEmpty() && target.length() <= 500 && !target.contains("://")) ? null
						: "An audit query string, such as action=platform.role.*";
				case ALERT_RULE -> (!target.isEmpty() && target.length() <= 100) ? null : "An alert rule id";
				case URL -> (target.startsWith("/") && !target.startsWith("//") && target.length() <= 500) ? null
						: "A path inside Tianshu, starting with /";
			};
			if (problem != null) {
				violations.add(new FieldViolation(field + ".target", "maturity.link.invalid", problem));
				continue;
			}
			String label = (link.label() != null && !link.label().isBlank()) ? link.label().strip() : null;
			if (label != null && label.length() > 200) {
				violations.add(new FieldViolation(field + ".label", "field.length", "At most 200 characters"));
				continue;
			}
			valid.add(new EvidenceLink(link.type(), target, label));
		}
		return valid;
	}

	private void upsert(UUID id, String criterionId, Answer answer, String notes, List<EvidenceLink> links,
			String source, String probeId, ProbeVerdict verdict, UUID resultId, String reason, String by) {
		this.jdbc
			.sql("""
					INSERT INTO maturity.answer (assessment_id, criterion_id, answer, notes, links, source, probe_id,
					  probe_verdict, probe_result_id, override_reason, answered_by, answered_at)
					VALUES (?, ?, ?, ?, ?::jsonb, ?, ?, ?, ?, ?, ?, ?)
					ON CONFLICT (assessment_id, criterion_id) DO UPDATE SET answer = EXCLUDED.answer, notes = EXCLUDED.notes,
					  links = EXCLUDED.links, source = EXCLUDED.source, probe_id = EXCLUDED.probe_id,
					  probe_verdict = EXCLUDED.probe_verdict, probe_result_id = EXCLUDED.probe_result_id,
					  override_reason = EXCLUDED.override_reason, answered_by = EXCLUDED.answered_by,
					  answered_at = EXCLUDED.answered_at""")
			.params(id, criterionId, answer.name(), notes, this.json.writeValueAsString(links), source, probeId,
					(verdict != null) ? verdict.name() : null, resultId, reason, by, now())
			.update();
	}

	Map<String, CriterionAnswer> answersOf(UUID id) {
		Map<String, List<AttachmentInfo>> files = new HashMap<>();
		this.jdbc.sql("""
				SELECT id, criterion_id, file_name, content_type, size, uploaded_by, uploaded_at
				FROM maturity.attachment WHERE assessment_id = ? ORDER BY uploaded_at, id""")
			.param(id)
			.query(Attachments::info)
			.list()
			.forEach((a) -> files.computeIfAbsent(a.criterionId(), (k) -> new ArrayList<>()).add(a));
		Map<String, CriterionAnswer> answers = new LinkedHashMap<>();
		this.jdbc.sql("SELECT * FROM maturity.answer WHERE assessment_id = ? ORDER BY criterion_id")
			.param(id)
			.query((rs, n) -> {
				String verdict = rs.getString("probe_verdict");
				String criterionId = rs.getString("criterion_id");
				return new CriterionAnswer(criterionId, Answer.valueOf(rs.getString("answer")), rs.getString("notes"),
						this.json.readValue(rs.getString("links"), new TypeReference<List<EvidenceLink>>() {
						}), rs.getString("source"), rs.getString("probe_id"),
						(verdict != null) ? ProbeVerdict.valueOf(verdict) : null,
						rs.getObject("probe_result_id", UUID.class), rs.getString("override_reason"),
						rs.getString("answered_by"), rs.getTimestamp("answered_at").toInstant(),
						files.getOrDefault(criterionId, List.of()));
			})
			.list()
			.forEach((a) -> answers.put(a.criterionId(), a));
		// criteria with attachments but no answer yet still show their files
		files.forEach((criterionId, list) -> answers.computeIfAbsent(criterionId,
				(k) -> new CriterionAnswer(k, null, null, List.of(), null, null, null, null, null, null, null, list)));
		return answers;
	}

	private Attachments.Stored attachment(UUID id, UUID attachmentId) {
		return this.jdbc.sql("""
				SELECT id, criterion_id, file_name, content_type, size, uploaded_by, uploaded_at, content
				FROM maturity.attachment WHERE assessment_id = ? AND id = ?""")
			.params(id, attachmentId)
			.query((rs, n) -> new Attachments.Stored(Attachments.info(rs, n), rs.getBytes("content")))
			.optional()
			.orElseThrow(() -> TianshuException.notFound("maturity.attachment.not-found", "No such attachment"));
	}

	private Assessment transitioned(Assessment before, String action, String note) {
		Assessment after = find(before.id());
		this.audit.record(AuditEntry.success(action, "assessment", before.id().toString())
			.withChange(Map.of("status", before.status()), Map.of("status", after.status()))
			.withDetail(blankToNull(note)));
		return after;
	}

	private Assessment lock(UUID id) {
		return this.jdbc.sql("SELECT * FROM maturity.assessment WHERE id = ? FOR UPDATE")
			.param(id)
			.query(this::assessment)
			.optional()
			.orElseThrow(Assessments::notFound);
	}

	private Assessment lockEditable(UUID id) {
		Assessment assessment = lock(id);
		if (assessment.status() == Status.SIGNED_OFF) {
			throw TianshuException.conflict("maturity.assessment.frozen",
					"The assessment is signed off and can no longer change");
		}
		if (assessment.status() == Status.IN_REVIEW) {
			throw TianshuException.conflict("maturity.assessment.in-review",
					"The assessment is in review; the reviewer returns it before it can change");
		}
		return assessment;
	}

	private Assessment lockInReview(UUID id) {
		Assessment assessment = lock(id);
		if (assessment.status() == Status.SIGNED_OFF) {
			throw TianshuException.conflict("maturity.assessment.frozen", "The assessment is already signed off");
		}
		if (assessment.status() != Status.IN_REVIEW) {
			throw TianshuException.conflict("maturity.assessment.not-in-review",
					"The assessment has not been submitted for review");
		}
		return assessment;
	}

	private void requireAssessor(Assessment assessment) {
		Actor actor = this.authorization.currentActor();
		if (actor.kind() == Actor.Kind.SYSTEM) {
			return;
		}
		if (assessment.assessors().stream().noneMatch((a) -> a.equalsIgnoreCase(actor.name()))) {
			throw TianshuException.forbidden("maturity.assessment.assessors-only",
					"Only the assessment's assessors can change it");
		}
	}

	private void requireReviewer(Assessment assessment) {
		Actor actor = this.authorization.currentActor();
		if (actor.kind() == Actor.Kind.SYSTEM || !assessment.reviewer().equalsIgnoreCase(actor.name())) {
			throw TianshuException.forbidden("maturity.assessment.reviewer-only",
					"Only the assessment's reviewer can review it");
		}
	}

	private Assessment find(UUID id) {
		return this.jdbc.sql("SELECT * FROM maturity.assessment WHERE id = ?")
			.param(id)
			.query(this::assessment)
			.optional()
			.orElseThrow(Assessments::notFound);
	}

	private void touch(UUID id) {
		this.jdbc.sql("UPDATE maturity.assessment SET updated_at = ? WHERE id = ?").params(now(), id).update();
	}

	private static TianshuException notFound() {
		return TianshuException.notFound("maturity.assessment.not-found", "No such assessment");
	}

	private Assessment assessment(ResultSet rs, int row) throws SQLException {
		return new Assessment(rs.getObject("id", UUID.class), rs.getString("framework_id"),
				rs.getString("framework_version"), rs.getString("title"),
				new Scope(Scope.Kind.valueOf(rs.getString("scope_kind")),
						this.json.readValue(rs.getString("scope_systems"), new TypeReference<List<ScopeSystem>>() {
						})),
				Arrays.asList((String[]) rs.getArray("assessors").getArray()), rs.getString("reviewer"),
				Status.valueOf(rs.getString("status")), rs.getString("review_note"), instant(rs, "created_at"),
				rs.getString("created_by"), instant(rs, "updated_at"), instant(rs, "submitted_at"),
				instant(rs, "signed_off_at"), rs.getString("signed_off_by"));
	}

	private static Instant instant(ResultSet rs, String column) throws SQLException {
		Timestamp ts = rs.getTimestamp(column);
		return (ts != null) ? ts.toInstant() : null;
	}

	private Timestamp now() {
		return Timestamp.from(this.clock.instant());
	}

	private String actorName() {
		return this.authorization.currentActor().name();
	}

	private static String blankToNull(String value) {
		return (value == null || value.isBlank()) ? null : value.strip();
	}

}
