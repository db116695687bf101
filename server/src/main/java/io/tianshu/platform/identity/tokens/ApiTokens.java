package io.tianshu.platform.identity.tokens;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;

import io.tianshu.platform.Actor;
import io.tianshu.platform.Audit;
import io.tianshu.platform.AuditEntry;
import io.tianshu.platform.Authorization;
import io.tianshu.platform.FieldViolation;
import io.tianshu.platform.ProblemKind;
import io.tianshu.platform.Sha256;
import io.tianshu.platform.TianshuException;
import io.tianshu.platform.identity.IdentityProperties;
import io.tianshu.platform.identity.roles.PermissionCatalog;
import io.tianshu.platform.identity.roles.Roles;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Personal API tokens (API 令牌): {@code tsk_} and 32 random bytes (base64url), shown once
 * and stored as a SHA-256 hash. A token has an expiry (at most
 * {@link IdentityProperties#tokenMaxLifetime()} ahead) and a set of permissions that must
 * be a subset of its creator's; when used, it acts with the intersection of its
 * permissions and the owner's current ones.
 */
@Service
public class ApiTokens {

	/** The prefix every Tianshu API token starts with. */
	public static final String PREFIX = "tsk_";

	private static final SecureRandom RANDOM = new SecureRandom();

	private final JdbcClient jdbc;

	private final Roles roles;

	private final PermissionCatalog catalog;

	private final Authorization authorization;

	private final Audit audit;

	private final IdentityProperties properties;

	private final Clock clock;

	ApiTokens(JdbcClient jdbc, Roles roles, PermissionCatalog catalog, Authorization authorization, Audit audit,
			IdentityProperties properties, Clock clock) {
		this.jdbc = jdbc;
		this.roles = roles;
		this.catalog = catalog;
		this.authorization = authorization;
		this.audit = audit;
		this.properties = properties;
		this.clock = clock;
	}

	/** The caller's tokens, newest first, including expired and revoked ones. */
	public List<TokenView> mine() {
		UUID owner = currentUser();
		return this.jdbc.sql("SELECT * FROM platform.api_token WHERE user_id = ? ORDER BY created_at DESC")
			.param(owner)
			.query(ApiTokens::token)
			.list();
	}

	/**
	 * Creates a token for the caller. 422 when the name or expiry is missing or invalid,
	 * or a permission is unknown ({@code token.permission-unknown}) or not held by the
	 * caller ({@code token.permission-not-held}).
	 */
	@Transactional
	public CreatedToken create(String name, Collection<String> permissions, Instant expiresAt) {
		UUID owner = currentUser();
		Instant now = this.clock.instant();
		List<FieldViolation> violations = new ArrayList<>();
		if (name == null || name.isBlank() || name.strip().length() > 100) {
			violations.add(new FieldViolation("name", "token.name-invalid", "A name of 1–100 characters is required"));
		}
		if (expiresAt == null) {
			violations.add(new FieldViolation("expiresAt", "token.expiry-required", "An expiry is required"));
		}
		else if (!expiresAt.isAfter(now)) {
			violations.add(new FieldViolation("expiresAt", "token.expiry-past", "The expiry must be in the future"));
		}
		else if (expiresAt.isAfter(now.plus(this.properties.tokenMaxLifetime()))) {
			violations.add(new FieldViolation("expiresAt", "token.expiry-too-far",
					"A token lives at most " + this.properties.tokenMaxLifetime().toDays() + " days"));
		}
		Set<String> perms = new TreeSet<>();
		if (permissions == null || permissions.isEmpty()) {
			violations.add(new FieldViolation("permissions", "token.permissions-required",
					"At least one permission is required"));
		}
		else {
			int i = 0;
			for (String permission : permissions) {
				String field = "permissions[" + i++ + "]";
				if (!this.catalog.contains(permission)) {
					violations
						.add(new FieldViolation(field, "token.permission-unknown", "Unknown permission " + permission));
				}
				else if (!this.authorization.has(permission)) {
					violations.add(new FieldViolation(field, "token.permission-not-held",
							"You do not hold the permission " + permission));
				}
				perms.add(permission);
			}
		}
		if (!violations.isEmpty()) {
			throw TianshuException.invalid("The token is invalid", violations);
		}
		byte[] random = new byte[32];
		RANDOM.nextBytes(random);
		String token = PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(random);
		UUID id = UUID.randomUUID();
		this.jdbc.sql("""
				INSERT INTO platform.api_token (id, user_id, name, token_hash, permissions, created_at, expires_at)
				VALUES (?, ?, ?, ?, ?, ?, ?)""")
			.params(id, owner, name.strip(), hash(token), perms.toArray(String[]::new), Timestamp.from(now),
					Timestamp.from(expiresAt))
			.update();
		Map<String, Object> after = new LinkedHashMap<>();
		after.put("name", name.strip());
		after.put("permissions", perms);
		after.put("expiresAt", expiresAt.toString());
		this.audit.record(AuditEntry.success("platform.token.created", "token", id.toString()).withChange(null, after));
		return new CreatedToken(id, name.strip(), List.copyOf(perms), expiresAt, token);
	}

	/**
	 * Revokes one of the caller's tokens (404 for anyone else's); revoking twice is
	 * harmless.
	 */
	@Transactional
	public void revoke(UUID id) {
		UUID owner = currentUser();
		TokenView token = this.jdbc.sql("SELECT * FROM platform.api_token WHERE id = ? AND user_id = ?")
			.params(id, owner)
			.query(ApiTokens::token)
			.optional()
			.orElseThrow(() -> TianshuException.notFound("token.not-found", "No such token"));
		if (token.revokedAt() != null) {
			return;
		}
		this.jdbc.sql("UPDATE platform.api_token SET revoked_at = ? WHERE id = ?")
			.params(Timestamp.from(this.clock.instant()), id)
			.update();
		this.audit.record(AuditEntry.success("platform.token.revoked", "token", id.toString())
			.withDetail("token " + token.name()));
	}

	/**
	 * The caller a bearer token stands for, or empty when the token is unknown, expired,
	 * revoked or its owner disabled (each refusal is audited). Records the use at most
	 * once per {@link IdentityProperties#tokenUseRecordInterval()}.
	 */
	public Optional<TokenCaller> authenticate(String token) {
		if (token == null || !token.startsWith(PREFIX) || token.length() > 200) {
			rejected(null, null, "not a Tianshu token");
			return Optional.empty();
		}
		Optional<Row> found = this.jdbc.sql("""
				SELECT t.id, t.user_id, u.username, u.enabled, t.permissions, t.expires_at, t.revoked_at
				FROM platform.api_token t JOIN platform.users u ON u.id = t.user_id
				WHERE t.token_hash = ?""")
			.param(hash(token))
			.query((rs, row) -> new Row(rs.getObject(1, UUID.class), rs.getObject(2, UUID.class), rs.getString(3),
					rs.getBoolean(4), (String[]) rs.getArray(5).getArray(), rs.getTimestamp(6).toInstant(),
					rs.getTimestamp(7) != null))
			.optional();
		if (found.isEmpty()) {
			rejected(null, null, "unknown token");
			return Optional.empty();
		}
		Row row = found.get();
		Instant now = this.clock.instant();
		Actor actor = Actor.token(row.userId(), row.username(), row.id());
		String refusal = row.revoked() ? "revoked"
				: !row.expiresAt().isAfter(now) ? "expired" : !row.ownerEnabled() ? "owner disabled" : null;
		if (refusal != null) {
			rejected(actor, row.id(), refusal);
			return Optional.empty();
		}
		Set<String> effective = new TreeSet<>(List.of(row.permissions()));
		effective.retainAll(this.roles.permissionsOf(row.userId()));
		int recorded = this.jdbc.sql("""
				UPDATE platform.api_token SET last_used_at = ?
				WHERE id = ? AND (last_used_at IS NULL OR last_used_at < ?)""")
			.params(Timestamp.from(now), row.id(), Timestamp.from(now.minus(this.properties.tokenUseRecordInterval())))
			.update();
		if (recorded > 0) {
			this.audit.record(AuditEntry.success("platform.token.used", "token", row.id().toString()).by(actor));
		}
		return Optional.of(new TokenCaller(actor, effective));
	}

	/** Tokens that are neither revoked nor expired and expire within the given time. */
	public List<ExpiringToken> expiringWithin(java.time.Duration within) {
		Instant now = this.clock.instant();
		return this.jdbc.sql("""
				SELECT t.id, t.name, u.username, t.expires_at FROM platform.api_token t
				  JOIN platform.users u ON u.id = t.user_id
				WHERE t.revoked_at IS NULL AND t.expires_at > ? AND t.expires_at <= ?
				ORDER BY t.expires_at""")
			.params(Timestamp.from(now), Timestamp.from(now.plus(within)))
			.query((rs, row) -> new ExpiringToken(rs.getObject(1, UUID.class), rs.getString(2), rs.getString(3),
					rs.getTimestamp(4).toInstant()))
			.list();
	}

	private void rejected(Actor actor, UUID tokenId, String reason) {
		this.audit.record(AuditEntry
			.denied("platform.token.rejected", "token", (tokenId != null) ? tokenId.toString() : null, reason)
			.by((actor != null) ? actor : Actor.anonymous(null)));
	}

	private UUID currentUser() {
		UUID userId = this.authorization.currentActor().userId();
		if (userId == null) {
			throw new TianshuException(ProblemKind.UNAUTHENTICATED, "auth.required", "Sign in as a user", null, null);
		}
		return userId;
	}

	static String hash(String token) {
		return HexFormat.of().formatHex(Sha256.of(token.getBytes(StandardCharsets.UTF_8)));
	}

	private static TokenView token(ResultSet rs, int row) throws SQLException {
		return new TokenView(rs.getObject("id", UUID.class), rs.getString("name"),
				List.of((String[]) rs.getArray("permissions").getArray()), instant(rs, "created_at"),
				instant(rs, "expires_at"), instant(rs, "last_used_at"), instant(rs, "revoked_at"));
	}

	private static Instant instant(ResultSet rs, String column) throws SQLException {
		Timestamp ts = rs.getTimestamp(column);
		return (ts != null) ? ts.toInstant() : null;
	}

	private record Row(UUID id, UUID userId, String username, boolean ownerEnabled, String[] permissions,
			Instant expiresAt, boolean revoked) {
	}

	/** A token as its owner sees it, without the secret. */
	public record TokenView(UUID id, String name, List<String> permissions, Instant createdAt, Instant expiresAt,
			Instant lastUsedAt, Instant revokedAt) {
	}

	/** A token just created: the only time {@code token} is shown. */
	public record CreatedToken(UUID id, String name, List<String> permissions, Instant expiresAt, String token) {
	}

	/** Who a valid token acts for, with its effective permissions. */
	public record TokenCaller(Actor actor, Set<String> permissions) {
	}

	/** A token about to expire, for the security posture. */
	public record ExpiringToken(UUID id, String name, String owner, Instant expiresAt) {
	}

}
