package io.tianshu.maturity.assessment;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.tianshu.maturity.Answer;
import io.tianshu.maturity.EvidenceLink;
import io.tianshu.maturity.MaturityPermissions;
import io.tianshu.maturity.assessment.CriterionAnswer.AttachmentInfo;
import io.tianshu.platform.RequiresPermission;
import io.tianshu.platform.TianshuException;

import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RequestPart;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;

/**
 * {@code /api/v1/maturity/assessments}: assessments (成熟度评估), their answers, evidence
 * files, pre-filling from probes, review and sign-off.
 */
@RestController
@RequestMapping("/api/v1/maturity/assessments")
class AssessmentController {

	private final Assessments assessments;

	AssessmentController(Assessments assessments) {
		this.assessments = assessments;
	}

	/** Assessments, newest first. */
	@GetMapping
	@RequiresPermission(MaturityPermissions.READ)
	List<Assessment> list(@RequestParam(required = false) String frameworkId) {
		return this.assessments.list(frameworkId);
	}

	/** Creates a draft assessment. */
	@PostMapping
	@ResponseStatus(HttpStatus.CREATED)
	@RequiresPermission(MaturityPermissions.ASSESS)
	Assessment create(@RequestBody Assessments.Draft body) {
		return this.assessments.create(body);
	}

	/** One assessment with its answers by criterion id. */
	@GetMapping("/{id}")
	@RequiresPermission(MaturityPermissions.READ)
	AssessmentDetail get(@PathVariable UUID id) {
		return new AssessmentDetail(this.assessments.get(id), this.assessments.answers(id));
	}

	/** Deletes a draft. */
	@DeleteMapping("/{id}")
	@ResponseStatus(HttpStatus.NO_CONTENT)
	@RequiresPermission(MaturityPermissions.ASSESS)
	void delete(@PathVariable UUID id) {
		this.assessments.delete(id);
	}

	/** Answers one criterion (an assessor, in a draft). */
	@PutMapping("/{id}/answers/{criterionId}")
	@RequiresPermission(MaturityPermissions.ASSESS)
	CriterionAnswer answer(@PathVariable UUID id, @PathVariable String criterionId, @RequestBody AnswerBody body) {
		return this.assessments.answer(id, criterionId,
				new Assessments.AnswerDraft(body.answer(), body.notes(), body.links(), body.overrideReason()));
	}

	/** Removes an answer. */
	@DeleteMapping("/{id}/answers/{criterionId}")
	@ResponseStatus(HttpStatus.NO_CONTENT)
	@RequiresPermission(MaturityPermissions.ASSESS)
	void clearAnswer(@PathVariable UUID id, @PathVariable String criterionId) {
		this.assessments.clearAnswer(id, criterionId);
	}

	/** Uploads an evidence file for a criterion (at most 5 MiB). */
	@PostMapping(path = "/{id}/answers/{criterionId}/attachments", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
	@ResponseStatus(HttpStatus.CREATED)
	@RequiresPermission(MaturityPermissions.ASSESS)
	AttachmentInfo attach(@PathVariable UUID id, @PathVariable String criterionId,
			@RequestPart(name = "file", required = false) MultipartFile file) throws IOException {
		if (file == null) {
			throw TianshuException.invalidField("file", "field.required", "A file is required");
		}
		return this.assessments.attach(id, criterionId, file.getOriginalFilename(), file.getContentType(),
				file.getBytes());
	}

	/** Downloads an evidence file. */
	@GetMapping("/{id}/attachments/{attachmentId}")
	@RequiresPermission(MaturityPermissions.READ)
	ResponseEntity<byte[]> download(@PathVariable UUID id, @PathVariable UUID attachmentId) {
		Attachments.Stored stored = this.assessments.download(id, attachmentId);
		return ResponseEntity.ok()
			.contentType(MediaType.parseMediaType(stored.info().contentType()))
			.header(HttpHeaders.CONTENT_DISPOSITION,
					ContentDisposition.attachment()
						.filename(stored.info().fileName(), StandardCharsets.UTF_8)
						.build()
						.toString())
			.header("X-Content-Type-Options", "nosniff")
			.body(stored.content());
	}

	/** Removes an evidence file. */
	@DeleteMapping("/{id}/attachments/{attachmentId}")
	@ResponseStatus(HttpStatus.NO_CONTENT)
	@RequiresPermission(MaturityPermissions.ASSESS)
	void detach(@PathVariable UUID id, @PathVariable UUID attachmentId) {
		this.assessments.detach(id, attachmentId);
	}

	/** Answers every criterion a probe judged (keeps assessors' answers). */
	@PostMapping("/{id}/prefill")
	@RequiresPermission(MaturityPermissions.ASSESS)
	Assessments.Prefill prefill(@PathVariable UUID id) {
		return this.assessments.prefill(id);
	}

	/** Submits a draft for review. */
	@PostMapping("/{id}/submit")
	@RequiresPermission(MaturityPermissions.ASSESS)
	Assessment submit(@PathVariable UUID id) {
		return this.assessments.submit(id);
	}

	/** Returns an assessment in review to its assessors (the reviewer). */
	@PostMapping("/{id}/return")
	@RequiresPermission(MaturityPermissions.REVIEW)
	Assessment returnToAssessors(@PathVariable UUID id, @RequestBody(required = false) ReviewBody body) {
		return this.assessments.returnToAssessors(id, (body != null) ? body.note() : null);
	}

	/**
	 * Signs off an assessment in review (the reviewer, never an assessor); freezes it.
	 */
	@PostMapping("/{id}/sign-off")
	@RequiresPermission(MaturityPermissions.REVIEW)
	Assessment signOff(@PathVariable UUID id, @RequestBody(required = false) ReviewBody body) {
		return this.assessments.signOff(id, (body != null) ? body.note() : null);
	}

	record AnswerBody(Answer answer, String notes, List<EvidenceLink> links, String overrideReason) {
	}

	record ReviewBody(String note) {
	}

	record AssessmentDetail(Assessment assessment, Map<String, CriterionAnswer> answers) {
	}

}
