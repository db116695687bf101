package io.tianshu.platform.posture;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;

import io.tianshu.platform.Authorization;
import io.tianshu.platform.Calendars;
import io.tianshu.platform.ControlPosture;
import io.tianshu.platform.PlatformPermissions;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * {@link ControlPosture} straight from the platform's tables: read-only queries, so that
 * the identity, guard and audit services keep their write paths to themselves.
 */
@Component
class PlatformControlPosture implements ControlPosture {

	private final JdbcClient jdbc;

	private final Authorization authorization;

	private final Calendars calendars;

	private final Clock clock;

	PlatformControlPosture(JdbcClient jdbc, Authorization authorization, Calendars calendars, Clock clock) {
		this.jdbc = jdbc;
		this.authorization = authorization;
		this.calendars = calendars;
		this.clock = clock;
	}

	@Override
	@Transactional(readOnly = true)
	public List<RoleControl> roles() {
		this.authorization.require(PlatformPermissions.SECURITY_POSTURE_READ);
		return this.jdbc
			.sql("""
					SELECT r.id, r.name, r.built_in, r.requires_totp,
					  ARRAY(SELECT p FROM unnest(r.permissions) p WHERE p = ANY(:admin) ORDER BY p) AS administrative,
					  (SELECT count(DISTINCT a.user_id) FROM platform.role_assignment a JOIN platform.users u ON u.id = a.user_id
					   WHERE a.role_id = r.id AND u.enabled) AS holders
					FROM platform.role r ORDER BY lower(r.name)""")
			.param("admin", ADMINISTRATIVE_PERMISSIONS.toArray(String[]::new))
			.query((rs, n) -> new RoleControl(rs.getString("id"), rs.getString("name"), rs.getBoolean("built_in"),
					rs.getBoolean("requires_totp"), Arrays.asList((String[]) rs.getArray("administrative").getArray()),
					rs.getLong("holders")))
			.list();
	}

	@Override
	@Transactional(readOnly = true)
	public List<ExclusionControl> exclusions() {
		this.authorization.require(PlatformPermissions.SECURITY_POSTURE_READ);
		return this.jdbc
			.sql("""
					SELECT ra.name AS role_a, rb.name AS role_b, e.built_in,
					  ARRAY(SELECT u.username FROM platform.users u
					        WHERE u.enabled
					          AND EXISTS (SELECT 1 FROM platform.role_assignment x WHERE x.user_id = u.id AND x.role_id = e.role_a)
					          AND EXISTS (SELECT 1 FROM platform.role_assignment y WHERE y.user_id = u.id AND y.role_id = e.role_b)
					        ORDER BY u.username) AS violating
					FROM platform.role_exclusion e
					  JOIN platform.role ra ON ra.id = e.role_a
					  JOIN platform.role rb ON rb.id = e.role_b
					ORDER BY ra.name, rb.name""")
			.query((rs, n) -> new ExclusionControl(rs.getString("role_a"), rs.getString("role_b"),
					rs.getBoolean("built_in"), Arrays.asList((String[]) rs.getArray("violating").getArray())))
			.list();
	}

	@Override
	@Transactional(readOnly = true)
	public List<GuardPolicyControl> guardPolicies() {
		this.authorization.require(PlatformPermissions.SECURITY_POSTURE_READ);
		return this.jdbc.sql("""
				SELECT id, name, kind, enabled, config->>'calendar' AS calendar
				FROM platform.guard_policy ORDER BY name""").query((rs, n) -> {
			String calendar = rs.getString("calendar");
			boolean exists = calendar == null || this.calendars.find(calendar).isPresent();
			return new GuardPolicyControl(rs.getString("id"), rs.getString("name"), rs.getString("kind"),
					rs.getBoolean("enabled"), calendar, exists);
		}).list();
	}

	@Override
	@Transactional(readOnly = true)
	public TokenUsage apiTokens(Instant since) {
		this.authorization.require(PlatformPermissions.SECURITY_POSTURE_READ);
		Timestamp at = Timestamp.from(since);
		return this.jdbc.sql("""
				SELECT count(*) FILTER (WHERE revoked_at IS NULL AND expires_at > :now) AS active,
				  count(*) FILTER (WHERE revoked_at IS NULL AND expires_at > :now AND last_used_at >= :since) AS used,
				  max(last_used_at) AS last_used
				FROM platform.api_token""")
			.param("now", Timestamp.from(this.clock.instant()))
			.param("since", at)
			.query((rs, n) -> {
				Timestamp last = rs.getTimestamp("last_used");
				return new TokenUsage(rs.getLong("active"), rs.getLong("used"),
						(last != null) ? last.toInstant() : null);
			})
			.single();
	}

	@Override
	@Transactional(readOnly = true)
	public List<AuditSource> auditSources(Instant since) {
		this.authorization.require(PlatformPermissions.SECURITY_POSTURE_READ);
		return this.jdbc.sql("""
				SELECT split_part(action, '.', 1) AS source, count(*) AS records, max(occurred_at) AS last_at
				FROM platform.audit_record WHERE occurred_at >= ?
				GROUP BY 1 ORDER BY 1""")
			.param(Timestamp.from(since))
			.query((rs, n) -> new AuditSource(rs.getString("source"), rs.getLong("records"),
					rs.getTimestamp("last_at").toInstant()))
			.list();
	}

}
