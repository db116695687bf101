package io.tianshu.platform;

/**
 * What happened, for the audit trail.
 *
 * @param action stable dotted name, {@code <module>.<thing>.<verb>}:
 * {@code platform.user.created}, {@code platform.login.failed}
 * @param targetType what was acted on ({@code user}, {@code role}), may be {@code null}
 * @param targetId its id or name, may be {@code null}
 * @param outcome how it ended
 * @param before the state before (any JSON-serialisable value; secrets must not be in
 * it), may be {@code null}
 * @param after the state after, may be {@code null}
 * @param detail a short free text (reason, error), may be {@code null}
 * @param actor who did it, or {@code null} to take the current caller
 */
public record AuditEntry(String action, String targetType, String targetId, Outcome outcome, Object before,
		Object after, String detail, Actor actor) {

	public static AuditEntry success(String action, String targetType, String targetId) {
		return new AuditEntry(action, targetType, targetId, Outcome.SUCCESS, null, null, null, null);
	}

	public static AuditEntry failure(String action, String targetType, String targetId, String detail) {
		return new AuditEntry(action, targetType, targetId, Outcome.FAILURE, null, null, detail, null);
	}

	public static AuditEntry denied(String action, String targetType, String targetId, String detail) {
		return new AuditEntry(action, targetType, targetId, Outcome.DENIED, null, null, detail, null);
	}

	public AuditEntry withChange(Object before, Object after) {
		return new AuditEntry(this.action, this.targetType, this.targetId, this.outcome, before, after, this.detail,
				this.actor);
	}

	public AuditEntry withDetail(String detail) {
		return new AuditEntry(this.action, this.targetType, this.targetId, this.outcome, this.before, this.after,
				detail, this.actor);
	}

	public AuditEntry by(Actor actor) {
		return new AuditEntry(this.action, this.targetType, this.targetId, this.outcome, this.before, this.after,
				this.detail, actor);
	}

	public enum Outcome {

		SUCCESS, FAILURE, DENIED

	}

}
