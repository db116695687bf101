package io.tianshu.maturity;

import java.util.List;

import io.tianshu.platform.PermissionDefinition;

/**
 * The maturity engine's permissions ({@code maturity.<thing>.<verb>}). Signing off is an
 * {@code .approve} permission, so the built-in approver role (审批人) holds it and the
 * operator role does not; who may sign off a given assessment is further limited to its
 * named reviewer, who must not be one of its assessors (职责分离).
 */
public final class MaturityPermissions {

	/** View frameworks, assessments, reports and probe results. */
	public static final String READ = "maturity.assessment.read";

	/** Create and answer assessments, pre-fill them and run probes. */
	public static final String ASSESS = "maturity.assessment.write";

	/** Review: return an assessment to its assessors or sign it off. */
	public static final String REVIEW = "maturity.assessment.approve";

	private MaturityPermissions() {
	}

	/** Every maturity permission with its description in Chinese and English. */
	public static List<PermissionDefinition> all() {
		return List.of(new PermissionDefinition(READ, "查看成熟度评估", "View maturity frameworks, assessments and reports"),
				new PermissionDefinition(ASSESS, "开展成熟度评估", "Create and answer maturity assessments, run probes"),
				new PermissionDefinition(REVIEW, "复核并签署成熟度评估", "Review and sign off maturity assessments"));
	}

}
