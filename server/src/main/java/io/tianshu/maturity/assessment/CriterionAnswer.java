package io.tianshu.maturity.assessment;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import io.tianshu.maturity.Answer;
import io.tianshu.maturity.EvidenceLink;
import io.tianshu.maturity.ProbeVerdict;

/**
 * The answer to one criterion with its evidence.
 *
 * @param criterionId the criterion
 * @param answer met, partly, not met or not applicable
 * @param notes free text evidence
 * @param links links to Tianshu records
 * @param source {@code MANUAL}, {@code PROBE} (pre-filled) or {@code OVERRIDE} (an
 * assessor replaced the probe's answer)
 * @param probeId the probe that answered or was overridden, may be {@code null}
 * @param probeVerdict what that probe found
 * @param probeResultId the stored probe result
 * @param overrideReason why the assessor overrode the probe
 * @param answeredBy who answered last (the system for a probe)
 * @param answeredAt when
 * @param attachments uploaded files
 */
public record CriterionAnswer(String criterionId, Answer answer, String notes, List<EvidenceLink> links, String source,
		String probeId, ProbeVerdict probeVerdict, UUID probeResultId, String overrideReason, String answeredBy,
		Instant answeredAt, List<AttachmentInfo> attachments) {

	/**
	 * An uploaded file, without its content.
	 *
	 * @param id its id
	 * @param criterionId the criterion it supports
	 * @param fileName the uploaded name
	 * @param contentType its media type
	 * @param size bytes
	 * @param uploadedBy who
	 * @param uploadedAt when
	 */
	public record AttachmentInfo(UUID id, String criterionId, String fileName, String contentType, long size,
			String uploadedBy, Instant uploadedAt) {
	}

}
