package io.tianshu.maturity.assessment;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * An assessment (成熟度评估) of one framework for a scope.
 *
 * @param id its id
 * @param frameworkId the framework ({@code 000})
 * @param frameworkVersion the framework data's version when it was created
 * @param title its title
 * @param scope whole organisation or some business systems
 * @param assessors user names of who answers it (评估人)
 * @param reviewer user name of who signs it off (复核人), never an assessor
 * @param status draft → in review → signed off
 * @param reviewNote the reviewer's last note, may be {@code null}
 * @param createdAt when it was created
 * @param createdBy by whom
 * @param updatedAt when it last changed
 * @param submittedAt when it was last submitted for review
 * @param signedOffAt when it was signed off (frozen from then on)
 * @param signedOffBy by whom
 */
public record Assessment(UUID id, String frameworkId, String frameworkVersion, String title, Scope scope,
		List<String> assessors, String reviewer, Status status, String reviewNote, Instant createdAt, String createdBy,
		Instant updatedAt, Instant submittedAt, Instant signedOffAt, String signedOffBy) {

	/** The life of an assessment. */
	public enum Status {

		/** 草稿: assessors answer. */
		DRAFT,
		/** 复核中: frozen for assessors, the reviewer returns or signs off. */
		IN_REVIEW,
		/** 已签署: frozen for good. */
		SIGNED_OFF

	}

	/**
	 * What an assessment covers.
	 *
	 * @param kind the whole organisation or listed business systems
	 * @param systems the business systems (业务系统) as CMDB CIs, empty for the organisation
	 */
	public record Scope(Kind kind, List<ScopeSystem> systems) {

		public Scope {
			systems = (systems != null) ? List.copyOf(systems) : List.of();
		}

		/** Same key ⇔ same scope, whatever the order the systems were listed in. */
		public String key() {
			return (this.kind == Kind.ORGANISATION) ? "organisation"
					: String.join(",", this.systems.stream().map(ScopeSystem::id).sorted().toList());
		}

		/** The kinds of scope. */
		public enum Kind {

			ORGANISATION, SYSTEMS

		}

	}

	/**
	 * A business system in scope.
	 *
	 * @param id its CMDB CI id
	 * @param name its name when the assessment was created
	 */
	public record ScopeSystem(String id, String name) {
	}

}
