package io.tianshu.platform.identity.users;

import java.nio.charset.StandardCharsets;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;

import io.tianshu.platform.Audit;
import io.tianshu.platform.AuditEntry;
import io.tianshu.platform.Authorization;
import io.tianshu.platform.CursorPage;
import io.tianshu.platform.FieldViolation;
import io.tianshu.platform.PlatformPermissions;
import io.tianshu.platform.TianshuException;
import io.tianshu.platform.identity.IdentityProperties;
import io.tianshu.platform.identity.RoleScope;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Local user accounts (用户): administration (create, change, disable, unlock, reset the
 * password), the user's own password change, and the sign-in bookkeeping behind lockout.
 * Administration requires {@link PlatformPermissions#USER_READ} or
 * {@link PlatformPermissions#USER_WRITE}; every change is audited in its transaction.
 */
@Service
public class Users {

	static final Pattern USERNAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._@-]{1,63}");

	private static final Pattern EMAIL = Pattern.compile("[^@\\s]+@[^@\\s]+\\.[^@\\s]+");

	private static final String SELECT = """
			SELECT id, username, display_name, email, password_hash, enabled, must_change_password, failed_attempts,
			  locked_until, totp_enabled, last_login_at, created_at
			FROM platform.users""";

	private final JdbcClient jdbc;

	private final PasswordEncoder encoder;

	private final PasswordPolicy policy;

	private final Audit audit;

	private final Authorization authorization;

	private final IdentityProperties properties;

	private final Clock clock;

	// compared against when the user does not exist, so that both cases take as long
	private final String unknownUserHash;

	Users(JdbcClient jdbc, PasswordEncoder encoder, PasswordPolicy policy, Audit audit, Authorization authorization,
			IdentityProperties properties, Clock clock) {
		this.jdbc = jdbc;
		this.encoder = encoder;
		this.policy = policy;
		this.audit = audit;
		this.authorization = authorization;
		this.properties = properties;
		this.clock = clock;
		this.unknownUserHash = encoder.encode(UUID.randomUUID().toString());
	}

	public Optional<UserAccount> byId(UUID id) {
		return this.jdbc.sql(SELECT + " WHERE id = ?").param(id).query(Users::account).optional();
	}

	public Optional<UserAccount> byUsername(String username) {
		if (username == null) {
			return Optional.empty();
		}
		return this.jdbc.sql(SELECT + " WHERE lower(username) = lower(?)")
			.param(username.strip())
			.query(Users::account)
			.optional();
	}

	/**
	 * Whether the password is the account's; takes as long for an unknown account
	 * ({@code null}).
	 */
	public boolean passwordMatches(UserAccount account, String password) {
		String raw = (password != null) ? password : "";
		if (account == null) {
			this.encoder.matches(raw, this.unknownUserHash);
			return false;
		}
		return this.encoder.matches(raw, account.passwordHash());
	}

	public long count() {
		return this.jdbc.sql("SELECT count(*) FROM platform.users").query(Long.class).single();
	}

	/** One user (requires {@code platform.user.read}). */
	public UserView view(UUID id) {
		this.authorization.require(PlatformPermissions.USER_READ);
		return toView(find(id));
	}

	/**
	 * Users ordered by user name whose name, display name or e-mail contain {@code query}
	 * (requires {@code platform.user.read}).
	 */
	public CursorPage<UserView> list(String query, String cursor, int limit) {
		this.authorization.require(PlatformPermissions.USER_READ);
		int size = Math.clamp(limit, 1, 200);
		String after = decodeCursor(cursor);
		String like = (query == null || query.isBlank()) ? null
				: "%" + query.strip().toLowerCase().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%";
		List<UserAccount> accounts = this.jdbc.sql(SELECT + " " + """
				WHERE (CAST(:after AS TEXT) IS NULL OR lower(username) > :after)
				  AND (CAST(:like AS TEXT) IS NULL OR lower(username) LIKE :like OR lower(display_name) LIKE :like
				       OR lower(coalesce(email, '')) LIKE :like)
				ORDER BY lower(username) LIMIT :limit""")
			.param("after", after)
			.param("like", like)
			.param("limit", size + 1)
			.query(Users::account)
			.list();
		String next = null;
		if (accounts.size() > size) {
			accounts = accounts.subList(0, size);
			next = encodeCursor(accounts.get(size - 1).username().toLowerCase());
		}
		return new CursorPage<>(views(accounts), next);
	}

	/**
	 * Creates a user who must change the password at the first sign-in (requires
	 * {@code platform.user.write}); 422 on invalid input or a password the policy
	 * refuses, 409 {@code user.username-taken}.
	 */
	@Transactional
	public UserView create(String username, String displayName, String email, String password) {
		this.authorization.require(PlatformPermissions.USER_WRITE);
		List<FieldViolation> violations = new ArrayList<>();
		if (username == null || !USERNAME.matcher(username.strip()).matches()) {
			violations.add(new FieldViolation("username", "user.username-invalid",
					"2–64 letters, digits or . _ @ -, starting with a letter or digit"));
		}
		validateProfile(displayName, email, violations);
		violations.addAll(this.policy.check("password", (username != null) ? username.strip() : null, password));
		if (!violations.isEmpty()) {
			throw TianshuException.invalid("The user is invalid", violations);
		}
		UUID id = insert(username.strip(), displayName.strip(), blankToNull(email), password, true);
		UserAccount created = find(id);
		this.audit.record(AuditEntry.success("platform.user.created", "user", id.toString())
			.withChange(null, created.auditView()));
		return toView(created);
	}

	/** Creates the first administrator; only {@link InitialAdministrator} calls it. */
	UUID createInitial(String username, String displayName, String password) {
		return insert(username, displayName, null, password, true);
	}

	/**
	 * Changes display name, e-mail and whether the account is enabled; {@code null}
	 * leaves a field as it is (requires {@code platform.user.write}).
	 */
	@Transactional
	public UserView update(UUID id, String displayName, String email, Boolean enabled) {
		this.authorization.require(PlatformPermissions.USER_WRITE);
		UserAccount before = find(id);
		List<FieldViolation> violations = new ArrayList<>();
		validateProfile((displayName != null) ? displayName : before.displayName(), email, violations);
		if (!violations.isEmpty()) {
			throw TianshuException.invalid("The user is invalid", violations);
		}
		if (Boolean.FALSE.equals(enabled) && id.equals(this.authorization.currentActor().userId())) {
			throw TianshuException.conflict("user.self-disable", "You cannot disable your own account");
		}
		this.jdbc.sql("""
				UPDATE platform.users SET display_name = ?, email = ?, enabled = ?, updated_at = ? WHERE id = ?""")
			.params((displayName != null) ? displayName.strip() : before.displayName(),
					(email != null) ? blankToNull(email) : before.email(),
					(enabled != null) ? enabled : before.enabled(), now(), id)
			.update();
		UserAccount after = find(id);
		this.audit.record(AuditEntry.success("platform.user.updated", "user", id.toString())
			.withChange(before.auditView(), after.auditView()));
		return toView(after);
	}

	/** Ends a lockout (requires {@code platform.user.write}). */
	@Transactional
	public UserView unlock(UUID id) {
		this.authorization.require(PlatformPermissions.USER_WRITE);
		find(id);
		this.jdbc.sql("UPDATE platform.users SET locked_until = NULL, failed_attempts = 0, updated_at = ? WHERE id = ?")
			.params(now(), id)
			.update();
		this.audit.record(AuditEntry.success("platform.user.unlocked", "user", id.toString()));
		return toView(find(id));
	}

	/**
	 * Sets a new password the user must change at the next sign-in (requires
	 * {@code platform.user.write}).
	 */
	@Transactional
	public UserView resetPassword(UUID id, String password) {
		this.authorization.require(PlatformPermissions.USER_WRITE);
		UserAccount account = find(id);
		List<FieldViolation> violations = this.policy.check("password", account.username(), password);
		if (!violations.isEmpty()) {
			throw TianshuException.invalid("The password is not acceptable", violations);
		}
		this.jdbc.sql("""
				UPDATE platform.users SET password_hash = ?, must_change_password = TRUE, failed_attempts = 0,
				  locked_until = NULL, updated_at = ? WHERE id = ?""")
			.params(this.encoder.encode(password), now(), id)
			.update();
		this.audit.record(AuditEntry.success("platform.user.password-reset", "user", id.toString()));
		return toView(find(id));
	}

	/**
	 * The user changes their own password: 422 {@code password.current-wrong} on
	 * {@code currentPassword}, or the policy's codes (and {@code password.reused}) on
	 * {@code newPassword}.
	 */
	@Transactional
	public void changeOwnPassword(UUID userId, String currentPassword, String newPassword) {
		UserAccount account = find(userId);
		if (!passwordMatches(account, currentPassword)) {
			throw TianshuException.invalidField("currentPassword", "password.current-wrong",
					"The current password is wrong");
		}
		List<FieldViolation> violations = new ArrayList<>(
				this.policy.check("newPassword", account.username(), newPassword));
		if (violations.isEmpty() && this.encoder.matches(newPassword, account.passwordHash())) {
			violations.add(new FieldViolation("newPassword", "password.reused",
					"The new password must differ from the current one"));
		}
		if (!violations.isEmpty()) {
			throw TianshuException.invalid("The new password is not acceptable", violations);
		}
		this.jdbc.sql("""
				UPDATE platform.users SET password_hash = ?, must_change_password = FALSE, updated_at = ?
				WHERE id = ?""").params(this.encoder.encode(newPassword), now(), userId).update();
		this.audit.record(AuditEntry.success("platform.user.password-changed", "user", userId.toString()));
	}

	/**
	 * Counts a failed sign-in; at the configured number of consecutive failures the
	 * account is locked (and that is audited). Returns the end of the lock, or
	 * {@code null} while the account is not locked.
	 */
	@Transactional
	public Instant recordFailure(UUID userId) {
		int failures = this.jdbc.sql(
				"UPDATE platform.users SET failed_attempts = failed_attempts + 1 WHERE id = ? RETURNING failed_attempts")
			.param(userId)
			.query(Integer.class)
			.single();
		if (failures < this.properties.maxFailedAttempts()) {
			return null;
		}
		Instant until = this.clock.instant().plus(this.properties.lockDuration());
		this.jdbc.sql("UPDATE platform.users SET failed_attempts = 0, locked_until = ? WHERE id = ?")
			.params(Timestamp.from(until), userId)
			.update();
		this.audit.record(AuditEntry.success("platform.user.locked", "user", userId.toString())
			.withDetail(failures + " consecutive failed sign-ins, locked until " + until));
		return until;
	}

	/** A successful sign-in: clears the failure count and records the time. */
	@Transactional
	public void recordSuccess(UUID userId) {
		this.jdbc.sql("UPDATE platform.users SET failed_attempts = 0, last_login_at = ? WHERE id = ?")
			.params(now(), userId)
			.update();
	}

	/** Enabled users without a second factor, by user name. */
	public List<UserAccount> withoutTotp() {
		return this.jdbc.sql(SELECT + " WHERE enabled AND NOT totp_enabled ORDER BY lower(username)")
			.query(Users::account)
			.list();
	}

	public long lockedCount() {
		return this.jdbc.sql("SELECT count(*) FROM platform.users WHERE locked_until > ?")
			.param(now())
			.query(Long.class)
			.single();
	}

	private UUID insert(String username, String displayName, String email, String password,
			boolean mustChangePassword) {
		UUID id = UUID.randomUUID();
		Timestamp now = now();
		try {
			this.jdbc.sql("""
					INSERT INTO platform.users (id, username, display_name, email, password_hash, enabled,
					  must_change_password, created_at, updated_at)
					VALUES (?, ?, ?, ?, ?, TRUE, ?, ?, ?)""")
				.params(id, username, displayName, email, this.encoder.encode(password), mustChangePassword, now, now)
				.update();
		}
		catch (DuplicateKeyException ex) {
			throw TianshuException.conflict("user.username-taken", "The user name " + username + " is taken",
					Map.of("username", username));
		}
		return id;
	}

	UserAccount find(UUID id) {
		return byId(id).orElseThrow(() -> TianshuException.notFound("user.not-found", "No such user"));
	}

	UserView toView(UserAccount account) {
		return views(List.of(account)).get(0);
	}

	private List<UserView> views(List<UserAccount> accounts) {
		if (accounts.isEmpty()) {
			return List.of();
		}
		Map<UUID, List<UserView.RoleGrant>> grants = new LinkedHashMap<>();
		this.jdbc.sql("""
				SELECT a.user_id, a.role_id, r.name, a.business_system, a.environment
				FROM platform.role_assignment a JOIN platform.role r ON r.id = a.role_id
				WHERE a.user_id = ANY(?) ORDER BY r.name""")
			.param(accounts.stream().map(UserAccount::id).toArray(UUID[]::new))
			.query((rs) -> {
				grants.computeIfAbsent(rs.getObject(1, UUID.class), (k) -> new ArrayList<>())
					.add(new UserView.RoleGrant(rs.getObject(2, UUID.class), rs.getString(3),
							RoleScope.of(rs.getString(4), rs.getString(5))));
			});
		Instant now = this.clock.instant();
		return accounts.stream()
			.map((a) -> new UserView(a.id(), a.username(), a.displayName(), a.email(), a.enabled(), a.lockedAt(now),
					a.lockedAt(now) ? a.lockedUntil() : null, a.totpEnabled(), a.mustChangePassword(), a.lastLoginAt(),
					a.createdAt(), grants.getOrDefault(a.id(), List.of())))
			.toList();
	}

	private static void validateProfile(String displayName, String email, List<FieldViolation> violations) {
		if (displayName == null || displayName.isBlank() || displayName.length() > 128) {
			violations.add(new FieldViolation("displayName", "user.display-name-invalid",
					"A display name of 1–128 characters is required"));
		}
		if (email != null && !email.isBlank() && !EMAIL.matcher(email.strip()).matches()) {
			violations.add(new FieldViolation("email", "user.email-invalid", "Not an e-mail address"));
		}
	}

	private static String blankToNull(String value) {
		return (value == null || value.isBlank()) ? null : value.strip();
	}

	private Timestamp now() {
		return Timestamp.from(this.clock.instant());
	}

	private static String encodeCursor(String value) {
		return Base64.getUrlEncoder().withoutPadding().encodeToString(value.getBytes(StandardCharsets.UTF_8));
	}

	private static String decodeCursor(String cursor) {
		if (cursor == null || cursor.isBlank()) {
			return null;
		}
		try {
			return new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
		}
		catch (IllegalArgumentException ex) {
			throw TianshuException.invalidField("cursor", "page.cursor-invalid", "Not a cursor from this list");
		}
	}

	static UserAccount account(ResultSet rs, int row) throws SQLException {
		return new UserAccount(rs.getObject("id", UUID.class), rs.getString("username"), rs.getString("display_name"),
				rs.getString("email"), rs.getString("password_hash"), rs.getBoolean("enabled"),
				rs.getBoolean("must_change_password"), rs.getInt("failed_attempts"), instant(rs, "locked_until"),
				rs.getBoolean("totp_enabled"), instant(rs, "last_login_at"), instant(rs, "created_at"));
	}

	static Instant instant(ResultSet rs, String column) throws SQLException {
		Timestamp ts = rs.getTimestamp(column);
		return (ts != null) ? ts.toInstant() : null;
	}

}
