package io.tianshu.platform.vault;

import java.nio.charset.StandardCharsets;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;

import javax.crypto.AEADBadTagException;

import io.tianshu.platform.Actor;
import io.tianshu.platform.Audit;
import io.tianshu.platform.SealedColumn;
import io.tianshu.platform.AuditEntry;
import io.tianshu.platform.Authorization;
import io.tianshu.platform.FieldViolation;
import io.tianshu.platform.PlatformPermissions;
import io.tianshu.platform.SecretMetadata;
import io.tianshu.platform.TianshuException;
import io.tianshu.platform.Vault;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * {@link Vault} over {@code platform.secret}: each value sealed with AES-256-GCM under
 * the active data-encryption key, with associated data
 * {@code tianshu.secret:<id>:<version>} so that a ciphertext only opens in its own row.
 */
@Component
class SecretVault implements Vault {

	private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._/-]{0,127}");

	private static final Pattern KIND = Pattern.compile("[a-z][a-z0-9-]{0,31}");

	private static final int MAX_VALUE_BYTES = 64 * 1024;

	private static final int MAX_DESCRIPTION = 1000;

	private static final String COLUMNS = "id, name, kind, description, created_at, updated_at, key_version";

	private final JdbcClient jdbc;

	private final KeyRing keyRing;

	private final Authorization authorization;

	private final Audit audit;

	private final Clock clock;

	private final ColumnSealing sealing;

	private final ObjectProvider<SealedColumn> sealedColumns;

	SecretVault(JdbcClient jdbc, KeyRing keyRing, Authorization authorization, Audit audit, Clock clock,
			ColumnSealing sealing, ObjectProvider<SealedColumn> sealedColumns) {
		this.sealing = sealing;
		this.sealedColumns = sealedColumns;
		this.jdbc = jdbc;
		this.keyRing = keyRing;
		this.authorization = authorization;
		this.audit = audit;
		this.clock = clock;
	}

	@Override
	@Transactional
	public SecretMetadata store(String name, String kind, String description, String value) {
		this.authorization.require(PlatformPermissions.SECRET_WRITE);
		List<FieldViolation> violations = new ArrayList<>();
		if (name == null || !NAME.matcher(name).matches()) {
			violations.add(new FieldViolation("name", "secret.name-invalid",
					"The name must be 1 to 128 letters, digits, '.', '_', '/' or '-', starting with a letter or digit"));
		}
		if (kind == null || !KIND.matcher(kind).matches()) {
			violations.add(new FieldViolation("kind", "secret.kind-invalid",
					"The kind must be lower-case letters, digits and '-', such as password or ssh-private-key"));
		}
		checkDescription(description, violations);
		checkValue(value, true, violations);
		if (!violations.isEmpty()) {
			throw TianshuException.invalid("The secret is invalid", violations);
		}
		if (exists(name)) {
			throw nameTaken(name);
		}
		this.keyRing.lockForWrite();
		int version = this.keyRing.activeVersion();
		UUID id = UUID.randomUUID();
		Timestamp now = Timestamp.from(this.clock.instant());
		try {
			this.jdbc.sql("INSERT INTO platform.secret (" + COLUMNS + ", ciphertext) VALUES (?, ?, ?, ?, ?, ?, ?, ?)")
				.params(id, name, kind, blankToNull(description), now, now, version, seal(id, version, value))
				.update();
		}
		catch (DuplicateKeyException ex) {
			throw nameTaken(name);
		}
		SecretMetadata created = metadata(id).orElseThrow();
		this.audit
			.record(AuditEntry.success("platform.secret.created", "secret", id.toString()).withChange(null, created));
		return created;
	}

	@Override
	@Transactional
	public SecretMetadata replace(UUID id, String value, String description) {
		this.authorization.require(PlatformPermissions.SECRET_WRITE);
		List<FieldViolation> violations = new ArrayList<>();
		checkDescription(description, violations);
		checkValue(value, false, violations);
		if (!violations.isEmpty()) {
			throw TianshuException.invalid("The secret is invalid", violations);
		}
		SecretMetadata before = lockedMetadata(id);
		Timestamp now = Timestamp.from(this.clock.instant());
		if (value != null) {
			this.keyRing.lockForWrite();
			int version = this.keyRing.activeVersion();
			this.jdbc.sql("UPDATE platform.secret SET ciphertext = ?, key_version = ?, updated_at = ? WHERE id = ?")
				.params(seal(id, version, value), version, now, id)
				.update();
		}
		if (description != null) {
			this.jdbc.sql("UPDATE platform.secret SET description = ?, updated_at = ? WHERE id = ?")
				.params(blankToNull(description), now, id)
				.update();
		}
		SecretMetadata after = metadata(id).orElseThrow();
		this.audit.record(AuditEntry.success("platform.secret.updated", "secret", id.toString())
			.withChange(before, after)
			.withDetail((value != null) ? "value replaced" : null));
		return after;
	}

	@Override
	public String reveal(UUID id) {
		Actor actor = this.authorization.currentActor();
		if (actor.kind() != Actor.Kind.SYSTEM) {
			this.audit.record(AuditEntry.denied("platform.secret.revealed", "secret", String.valueOf(id),
					"only Tianshu itself may reveal secrets"));
			throw TianshuException.forbidden("secret.reveal-forbidden",
					"Secret values are only revealed to Tianshu itself");
		}
		record Sealed(int version, byte[] ciphertext) {
		}
		Sealed sealed = this.jdbc.sql("SELECT key_version, ciphertext FROM platform.secret WHERE id = ?")
			.param(id)
			.query((rs, n) -> new Sealed(rs.getInt(1), rs.getBytes(2)))
			.optional()
			.orElseThrow(() -> notFound(id));
		try {
			String value = new String(
					Aead.open(this.keyRing.key(sealed.version()), sealed.ciphertext(), aad(id, sealed.version())),
					StandardCharsets.UTF_8);
			this.audit.record(AuditEntry.success("platform.secret.revealed", "secret", id.toString()));
			return value;
		}
		catch (AEADBadTagException ex) {
			this.audit.record(
					AuditEntry.failure("platform.secret.revealed", "secret", id.toString(), "integrity check failed"));
			throw integrityFailure(id);
		}
	}

	@Override
	@Transactional
	public void delete(UUID id) {
		this.authorization.require(PlatformPermissions.SECRET_WRITE);
		SecretMetadata before = lockedMetadata(id);
		this.jdbc.sql("DELETE FROM platform.secret WHERE id = ?").param(id).update();
		this.audit
			.record(AuditEntry.success("platform.secret.deleted", "secret", id.toString()).withChange(before, null));
	}

	@Override
	@Transactional(readOnly = true)
	public List<SecretMetadata> list() {
		this.authorization.require(PlatformPermissions.SECRET_READ);
		return this.jdbc.sql("SELECT " + COLUMNS + " FROM platform.secret ORDER BY name")
			.query(SecretVault::toMetadata)
			.list();
	}

	@Override
	@Transactional(readOnly = true)
	public Optional<SecretMetadata> find(UUID id) {
		this.authorization.require(PlatformPermissions.SECRET_READ);
		return metadata(id);
	}

	@Override
	@Transactional
	public int rotateKey() {
		this.authorization.require(PlatformPermissions.SECRET_ROTATE);
		this.keyRing.lockForRotation();
		KeyRing.Created next = this.keyRing.createNextKey();
		record Row(UUID id, int version, byte[] ciphertext) {
		}
		List<Row> rows = this.jdbc.sql("SELECT id, key_version, ciphertext FROM platform.secret FOR UPDATE")
			.query((rs, n) -> new Row(rs.getObject(1, UUID.class), rs.getInt(2), rs.getBytes(3)))
			.list();
		for (Row row : rows) {
			byte[] plaintext;
			try {
				plaintext = Aead.open(this.keyRing.key(row.version()), row.ciphertext(), aad(row.id(), row.version()));
			}
			catch (AEADBadTagException ex) {
				throw integrityFailure(row.id());
			}
			this.jdbc.sql("UPDATE platform.secret SET ciphertext = ?, key_version = ? WHERE id = ?")
				.params(Aead.seal(next.key(), plaintext, aad(row.id(), next.version())), next.version(), row.id())
				.update();
		}
		// sealed columns (TOTP secrets …) move to the new key too, before the old one is
		// destroyed
		int resealed = this.sealedColumns.orderedStream()
			.mapToInt((column) -> column.reseal((context, sealed) -> this.sealing.seal(next.version(), context,
					this.sealing.open(context, sealed))))
			.sum();
		this.keyRing.destroyAllBut(next.version());
		this.audit.record(AuditEntry.success("platform.vault.key-rotated", "vault", "data-encryption-key")
			.withChange(null, Map.of("keyVersion", next.version(), "reEncrypted", rows.size(), "resealed", resealed)));
		return rows.size();
	}

	private byte[] seal(UUID id, int version, String value) {
		return Aead.seal(this.keyRing.key(version), value.getBytes(StandardCharsets.UTF_8), aad(id, version));
	}

	static byte[] aad(UUID id, int version) {
		return ("tianshu.secret:" + id + ":" + version).getBytes(StandardCharsets.UTF_8);
	}

	private boolean exists(String name) {
		return this.jdbc.sql("SELECT count(*) FROM platform.secret WHERE name = ?")
			.param(name)
			.query(Long.class)
			.single() > 0;
	}

	private Optional<SecretMetadata> metadata(UUID id) {
		return this.jdbc.sql("SELECT " + COLUMNS + " FROM platform.secret WHERE id = ?")
			.param(id)
			.query(SecretVault::toMetadata)
			.optional();
	}

	private SecretMetadata lockedMetadata(UUID id) {
		return this.jdbc.sql("SELECT " + COLUMNS + " FROM platform.secret WHERE id = ? FOR UPDATE")
			.param(id)
			.query(SecretVault::toMetadata)
			.optional()
			.orElseThrow(() -> notFound(id));
	}

	private static SecretMetadata toMetadata(ResultSet rs, int row) throws SQLException {
		return new SecretMetadata(rs.getObject("id", UUID.class), rs.getString("name"), rs.getString("kind"),
				rs.getString("description"), rs.getTimestamp("created_at").toInstant(),
				rs.getTimestamp("updated_at").toInstant(), rs.getInt("key_version"));
	}

	private static void checkDescription(String description, List<FieldViolation> violations) {
		if (description != null && description.length() > MAX_DESCRIPTION) {
			violations.add(new FieldViolation("description", "secret.description-too-long",
					"The description must be at most " + MAX_DESCRIPTION + " characters"));
		}
	}

	private static void checkValue(String value, boolean required, List<FieldViolation> violations) {
		if (value == null) {
			if (required) {
				violations.add(new FieldViolation("value", "secret.value-required", "The value is required"));
			}
		}
		else if (value.isEmpty()) {
			violations.add(new FieldViolation("value", "secret.value-required", "The value must not be empty"));
		}
		else if (value.getBytes(StandardCharsets.UTF_8).length > MAX_VALUE_BYTES) {
			violations.add(new FieldViolation("value", "secret.value-too-long",
					"The value must be at most " + MAX_VALUE_BYTES + " bytes"));
		}
	}

	private static String blankToNull(String text) {
		return (text == null || text.isBlank()) ? null : text;
	}

	private static TianshuException notFound(UUID id) {
		return TianshuException.notFound("secret.not-found", "No secret " + id);
	}

	private static TianshuException nameTaken(String name) {
		return TianshuException.conflict("secret.name-taken", "A secret named " + name + " exists already",
				Map.of("name", name));
	}

	private static IllegalStateException integrityFailure(UUID id) {
		return new IllegalStateException("Secret " + id + " failed its integrity check: its ciphertext was altered "
				+ "or belongs to another secret");
	}

}
