package io.tianshu.platform;

import java.time.Instant;
import java.util.List;

/**
 * A read-only view of how the platform's controls are set up and used, for the maturity
 * engine's probes (成熟度探针) and the security posture: which roles hold administrator-level
 * permissions and whether they require TOTP, whether mutually exclusive roles are
 * respected, which guard policies are active, whether API tokens are in use, and which
 * modules write to the audit trail. Nothing here changes state.
 * <p>
 * Every method needs {@link PlatformPermissions#SECURITY_POSTURE_READ} (or runs as the
 * system).
 */
public interface ControlPosture {

	/**
	 * Permissions that administer people, access, audit, guard policies or secrets: a
	 * role holding any of them is privileged (特权角色).
	 */
	List<String> ADMINISTRATIVE_PERMISSIONS = List.of(PlatformPermissions.USER_WRITE, PlatformPermissions.ROLE_WRITE,
			PlatformPermissions.AUDIT_ADMIN, PlatformPermissions.GUARD_WRITE, PlatformPermissions.SECRET_WRITE,
			PlatformPermissions.SECRET_ROTATE);

	/** Every role, ordered by name. */
	List<RoleControl> roles();

	/** Every mutually exclusive role pair with the enabled users who hold both roles. */
	List<ExclusionControl> exclusions();

	/** Every guard policy, ordered by name. */
	List<GuardPolicyControl> guardPolicies();

	/**
	 * How API tokens are used: active tokens and those used at or after {@code since}.
	 */
	TokenUsage apiTokens(Instant since);

	/**
	 * Audit records at or after {@code since}, counted by the first segment of their
	 * action ({@code platform}, {@code cmdb} …: the module that wrote them).
	 */
	List<AuditSource> auditSources(Instant since);

	/**
	 * @param id the role's id
	 * @param name its name
	 * @param builtIn whether Tianshu ships it
	 * @param requiresTotp whether its holders must sign in with a second factor
	 * @param administrative the {@link #ADMINISTRATIVE_PERMISSIONS} it grants (empty: not
	 * privileged)
	 * @param holders how many enabled users hold it
	 */
	record RoleControl(String id, String name, boolean builtIn, boolean requiresTotp, List<String> administrative,
			long holders) {

		public boolean privileged() {
			return !this.administrative.isEmpty();
		}

	}

	/**
	 * @param roleA one role's name
	 * @param roleB the other role's name
	 * @param builtIn whether Tianshu ships the exclusion
	 * @param violatingUsers user names of enabled users who hold both (empty: respected)
	 */
	record ExclusionControl(String roleA, String roleB, boolean builtIn, List<String> violatingUsers) {
	}

	/**
	 * @param id the policy's id
	 * @param name its name
	 * @param kind {@code WINDOW}, {@code MARKET_HOURS} or {@code SOURCE_ALLOWLIST}
	 * @param enabled whether it is applied
	 * @param calendar the calendar code it names, or {@code null}
	 * @param calendarExists whether that calendar exists ({@code true} when none is
	 * named)
	 */
	record GuardPolicyControl(String id, String name, String kind, boolean enabled, String calendar,
			boolean calendarExists) {
	}

	/**
	 * @param active tokens neither revoked nor expired
	 * @param usedSince active tokens used at or after the instant asked about
	 * @param lastUsedAt when any token was last used, or {@code null}
	 */
	record TokenUsage(long active, long usedSince, Instant lastUsedAt) {
	}

	/**
	 * @param source the first segment of the actions ({@code platform}, {@code cmdb})
	 * @param records how many records
	 * @param lastAt the newest record's time
	 */
	record AuditSource(String source, long records, Instant lastAt) {
	}

}
