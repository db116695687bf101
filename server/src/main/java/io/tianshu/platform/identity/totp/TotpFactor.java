package io.tianshu.platform.identity.totp;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

import dev.samstevens.totp.code.CodeGenerator;
import dev.samstevens.totp.code.DefaultCodeGenerator;
import dev.samstevens.totp.code.HashingAlgorithm;
import dev.samstevens.totp.exceptions.CodeGenerationException;
import dev.samstevens.totp.exceptions.QrGenerationException;
import dev.samstevens.totp.qr.QrData;
import dev.samstevens.totp.qr.ZxingPngQrGenerator;
import dev.samstevens.totp.secret.DefaultSecretGenerator;
import dev.samstevens.totp.util.Utils;
import io.tianshu.platform.Audit;
import io.tianshu.platform.AuditEntry;
import io.tianshu.platform.SealedValues;
import io.tianshu.platform.TianshuException;
import io.tianshu.platform.identity.roles.Roles;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The TOTP second factor (动态口令, RFC 6238: SHA-1, 6 digits, 30-second steps, one step of
 * clock drift either way) with ten single-use recovery codes stored as SHA-256 hashes. A
 * code is accepted at most once: the last accepted time step is stored and a code for it
 * or an earlier step is refused. The secret is sealed by the vault ({@link SealedValues},
 * see {@link TotpSecretColumn}).
 */
@Service
public class TotpFactor {

	static final String ISSUER = "Tianshu";

	static final int PERIOD = 30;

	static final int RECOVERY_CODES = 10;

	private static final String RECOVERY_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789";

	private static final SecureRandom RANDOM = new SecureRandom();

	private final JdbcClient jdbc;

	private final Roles roles;

	private final Audit audit;

	private final Clock clock;

	private final SealedValues sealing;

	private final CodeGenerator codes = new DefaultCodeGenerator(HashingAlgorithm.SHA1, 6);

	TotpFactor(JdbcClient jdbc, Roles roles, Audit audit, Clock clock, SealedValues sealing) {
		this.sealing = sealing;
		this.jdbc = jdbc;
		this.roles = roles;
		this.audit = audit;
		this.clock = clock;
	}

	/**
	 * Starts (or restarts) enrolment: a new pending secret, not used for sign-in until
	 * {@link #confirm confirmed}. 409 {@code totp.already-enabled} when TOTP is on.
	 */
	@Transactional
	public Enrolment startEnrolment(UUID userId) {
		State state = state(userId);
		if (state.enabled()) {
			throw TianshuException.conflict("totp.already-enabled", "TOTP is already enabled; disable it first");
		}
		String secret = new DefaultSecretGenerator(32).generate();
		this.jdbc.sql("UPDATE platform.users SET totp_pending_secret = ? WHERE id = ?")
			.params(this.sealing.seal(TotpSecretColumn.context(userId), secret), userId)
			.update();
		QrData data = new QrData.Builder().label(state.username())
			.secret(secret)
			.issuer(ISSUER)
			.algorithm(HashingAlgorithm.SHA1)
			.digits(6)
			.period(PERIOD)
			.build();
		ZxingPngQrGenerator qr = new ZxingPngQrGenerator();
		try {
			return new Enrolment(secret, data.getUri(),
					Utils.getDataUriForImage(qr.generate(data), qr.getImageMimeType()));
		}
		catch (QrGenerationException ex) {
			throw new IllegalStateException("Cannot draw the QR code", ex);
		}
	}

	/**
	 * Confirms the pending enrolment with a current code and turns TOTP on; returns the
	 * ten recovery codes (shown once). 422 {@code totp.code-invalid}, 409
	 * {@code totp.no-enrolment} without a pending enrolment.
	 */
	@Transactional
	public List<String> confirm(UUID userId, String code) {
		State state = state(userId);
		if (state.pendingSecret() == null) {
			throw TianshuException.conflict("totp.no-enrolment", "Start the enrolment first");
		}
		long step = matchingStep(state.pendingSecret(), code, null);
		if (step < 0) {
			throw invalidCode();
		}
		this.jdbc.sql("""
				UPDATE platform.users SET totp_secret = totp_pending_secret, totp_pending_secret = NULL,
				  totp_enabled = TRUE, totp_last_step = ? WHERE id = ?""").params(step, userId).update();
		List<String> recovery = replaceRecoveryCodes(userId);
		this.audit.record(AuditEntry.success("platform.totp.enrolled", "user", userId.toString()));
		return recovery;
	}

	/**
	 * Checks a sign-in code; a code is accepted once. Failures are audited by the caller
	 * (the sign-in flow).
	 */
	@Transactional
	public boolean verify(UUID userId, String code) {
		State state = state(userId);
		if (!state.enabled() || state.secret() == null) {
			return false;
		}
		long step = matchingStep(state.secret(), code, state.lastStep());
		if (step < 0) {
			return false;
		}
		// conditional, so that two requests racing with the same code cannot both win
		return this.jdbc.sql("""
				UPDATE platform.users SET totp_last_step = ?
				WHERE id = ? AND (totp_last_step IS NULL OR totp_last_step < ?)""")
			.params(step, userId, step)
			.update() == 1;
	}

	/** Uses up a recovery code; {@code false} when it is unknown or used already. */
	@Transactional
	public boolean useRecoveryCode(UUID userId, String recoveryCode) {
		if (recoveryCode == null || recoveryCode.isBlank()) {
			return false;
		}
		boolean used = this.jdbc.sql("""
				UPDATE platform.totp_recovery_code SET used_at = ?
				WHERE user_id = ? AND code_hash = ? AND used_at IS NULL""")
			.params(Timestamp.from(this.clock.instant()), userId, hash(recoveryCode))
			.update() == 1;
		if (used) {
			long left = this.jdbc
				.sql("SELECT count(*) FROM platform.totp_recovery_code WHERE user_id = ? AND used_at IS NULL")
				.param(userId)
				.query(Long.class)
				.single();
			this.audit.record(AuditEntry.success("platform.totp.recovery-code-used", "user", userId.toString())
				.withDetail(left + " recovery codes left"));
		}
		return used;
	}

	/**
	 * Turns TOTP off after checking a current code. 409 {@code totp.required-by-role}
	 * when a role of the user requires it, 422 {@code totp.code-invalid}.
	 */
	@Transactional
	public void disable(UUID userId, String code) {
		if (this.roles.totpRequiredFor(userId)) {
			throw TianshuException.conflict("totp.required-by-role", "A role you hold requires TOTP");
		}
		if (!verify(userId, code)) {
			throw invalidCode();
		}
		this.jdbc.sql("""
				UPDATE platform.users SET totp_enabled = FALSE, totp_secret = NULL, totp_pending_secret = NULL,
				  totp_last_step = NULL WHERE id = ?""").param(userId).update();
		this.jdbc.sql("DELETE FROM platform.totp_recovery_code WHERE user_id = ?").param(userId).update();
		this.audit.record(AuditEntry.success("platform.totp.disabled", "user", userId.toString()));
	}

	/** New recovery codes after checking a current code; the old ones stop working. */
	@Transactional
	public List<String> regenerateRecoveryCodes(UUID userId, String code) {
		if (!verify(userId, code)) {
			throw invalidCode();
		}
		List<String> recovery = replaceRecoveryCodes(userId);
		this.audit.record(AuditEntry.success("platform.totp.recovery-codes-regenerated", "user", userId.toString()));
		return recovery;
	}

	/** Whether the user has TOTP on. */
	public boolean enabled(UUID userId) {
		return state(userId).enabled();
	}

	private List<String> replaceRecoveryCodes(UUID userId) {
		this.jdbc.sql("DELETE FROM platform.totp_recovery_code WHERE user_id = ?").param(userId).update();
		List<String> recovery = new ArrayList<>();
		while (recovery.size() < RECOVERY_CODES) {
			String code = recoveryCode();
			if (!recovery.contains(code)) {
				recovery.add(code);
				this.jdbc.sql("INSERT INTO platform.totp_recovery_code (user_id, code_hash) VALUES (?, ?)")
					.params(userId, hash(code))
					.update();
			}
		}
		return recovery;
	}

	/**
	 * The time step (current, one before or one after) the code is valid for and later
	 * than {@code after}, or -1.
	 */
	private long matchingStep(String secret, String code, Long after) {
		if (code == null) {
			return -1;
		}
		String digits = code.replace(" ", "");
		if (!digits.matches("\\d{6}")) {
			return -1;
		}
		long now = this.clock.instant().getEpochSecond() / PERIOD;
		for (long step = now - 1; step <= now + 1; step++) {
			if (after != null && step <= after) {
				continue;
			}
			try {
				if (MessageDigest.isEqual(this.codes.generate(secret, step).getBytes(StandardCharsets.US_ASCII),
						digits.getBytes(StandardCharsets.US_ASCII))) {
					return step;
				}
			}
			catch (CodeGenerationException ex) {
				throw new IllegalStateException(ex);
			}
		}
		return -1;
	}

	private State state(UUID userId) {
		return this.jdbc.sql("""
				SELECT username, totp_enabled, totp_secret, totp_pending_secret, totp_last_step
				FROM platform.users WHERE id = ?""")
			.param(userId)
			.query((rs, row) -> new State(rs.getString(1), rs.getBoolean(2), open(userId, rs.getString(3)),
					open(userId, rs.getString(4)), (Long) rs.getObject(5)))
			.optional()
			.orElseThrow(() -> TianshuException.notFound("user.not-found", "No such user"));
	}

	private String open(UUID userId, String sealed) {
		return (sealed != null) ? this.sealing.open(TotpSecretColumn.context(userId), sealed) : null;
	}

	private static TianshuException invalidCode() {
		return TianshuException.invalidField("code", "totp.code-invalid", "The code is wrong, expired or used");
	}

	private static String recoveryCode() {
		StringBuilder code = new StringBuilder(11);
		for (int i = 0; i < 10; i++) {
			if (i == 5) {
				code.append('-');
			}
			code.append(RECOVERY_ALPHABET.charAt(RANDOM.nextInt(RECOVERY_ALPHABET.length())));
		}
		return code.toString();
	}

	static String hash(String recoveryCode) {
		String normalised = recoveryCode.replace("-", "").replace(" ", "").toUpperCase(Locale.ROOT);
		try {
			return HexFormat.of()
				.formatHex(MessageDigest.getInstance("SHA-256").digest(normalised.getBytes(StandardCharsets.UTF_8)));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private record State(String username, boolean enabled, String secret, String pendingSecret, Long lastStep) {
	}

	/** A pending enrolment: the secret, as text, as an otpauth URI and as a QR code. */
	public record Enrolment(String secret, String otpauthUri, String qrCodePng) {
	}

}
