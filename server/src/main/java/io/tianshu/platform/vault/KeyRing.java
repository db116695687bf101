package io.tianshu.platform.vault;

import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import javax.crypto.AEADBadTagException;
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;

import io.tianshu.platform.Actor;
import io.tianshu.platform.Audit;
import io.tianshu.platform.AuditEntry;
import io.tianshu.platform.TianshuProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.InitializingBean;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The data-encryption keys (DEKs), wrapped by the master key in
 * {@code platform.vault_key}. At start it checks the master key against the stored
 * key-check value and refuses to start on a mismatch, unless the previous master key is
 * given too ({@code TIANSHU_PREVIOUS_MASTER_KEY}): then every DEK is re-wrapped with the
 * new master key in one transaction.
 */
@Component
class KeyRing implements InitializingBean {

	static final String MASTER_KEY_PROPERTY = "tianshu.master-key";

	static final String PREVIOUS_MASTER_KEY_PROPERTY = "tianshu.previous-master-key";

	private static final Logger log = LoggerFactory.getLogger(KeyRing.class);

	private final JdbcClient jdbc;

	private final TransactionTemplate tx;

	private final Environment environment;

	private final TianshuProperties properties;

	private final Audit audit;

	private final Clock clock;

	private final Map<Integer, SecretKey> keys = new ConcurrentHashMap<>();

	private MasterKey master;

	KeyRing(JdbcClient jdbc, TransactionTemplate tx, Environment environment, TianshuProperties properties, Audit audit,
			Clock clock) {
		this.jdbc = jdbc;
		this.tx = tx;
		this.environment = environment;
		this.properties = properties;
		this.audit = audit;
		this.clock = clock;
	}

	@Override
	public void afterPropertiesSet() {
		this.master = MasterKey.load(this.environment.getProperty(MASTER_KEY_PROPERTY), this.properties.dataDir());
		String previous = this.environment.getProperty(PREVIOUS_MASTER_KEY_PROPERTY);
		this.tx.executeWithoutResult((status) -> open(previous));
	}

	private void open(String previousValue) {
		int created = this.jdbc.sql("""
				INSERT INTO platform.vault_master_key (id, key_check, changed_at) VALUES (1, ?, ?)
				ON CONFLICT (id) DO NOTHING""").params(this.master.keyCheck(), now()).update();
		byte[] stored = this.jdbc.sql("SELECT key_check FROM platform.vault_master_key WHERE id = 1 FOR UPDATE")
			.query((rs, n) -> rs.getBytes(1))
			.single();
		if (created == 1) {
			createKey(1);
			return;
		}
		if (this.master.matches(stored)) {
			if (previousValue != null && !previousValue.isBlank()) {
				log.info(
						"The master key is current; TIANSHU_PREVIOUS_MASTER_KEY is no longer needed and can be removed");
			}
			return;
		}
		MasterKey previous = (previousValue != null && !previousValue.isBlank())
				? MasterKey.decode(previousValue, "TIANSHU_PREVIOUS_MASTER_KEY") : null;
		if (previous == null || !previous.matches(stored)) {
			throw new IllegalStateException("The master key does not match the key this database's secrets are "
					+ "encrypted with (key-check mismatch), so Tianshu refuses to start. Start with the original key "
					+ "(TIANSHU_MASTER_KEY or " + this.properties.dataDir().resolve(MasterKey.FILE_NAME)
					+ "). To change the master key, set the new key in TIANSHU_MASTER_KEY and the old one in "
					+ "TIANSHU_PREVIOUS_MASTER_KEY for one start.");
		}
		int rewrapped = rewrap(previous);
		this.jdbc.sql("UPDATE platform.vault_master_key SET key_check = ?, changed_at = ? WHERE id = 1")
			.params(this.master.keyCheck(), now())
			.update();
		this.audit.record(AuditEntry.success("platform.vault.master-key-changed", "vault", "master-key")
			.withChange(null, Map.of("rewrappedKeys", rewrapped))
			.by(Actor.SYSTEM));
		log.warn("Master key changed: {} data-encryption key(s) re-wrapped. Remove TIANSHU_PREVIOUS_MASTER_KEY "
				+ "and keep the new key safe.", rewrapped);
	}

	private int rewrap(MasterKey previous) {
		record Wrapped(int version, byte[] wrapped) {
		}
		var rows = this.jdbc.sql("SELECT version, wrapped_key FROM platform.vault_key WHERE wrapped_key IS NOT NULL")
			.query((rs, n) -> new Wrapped(rs.getInt(1), rs.getBytes(2)))
			.list();
		for (Wrapped row : rows) {
			SecretKey dek = unwrap(previous, row.version(), row.wrapped());
			this.jdbc.sql("UPDATE platform.vault_key SET wrapped_key = ? WHERE version = ?")
				.params(Aead.seal(this.master.key(), dek.getEncoded(), dekAad(row.version())), row.version())
				.update();
		}
		return rows.size();
	}

	/**
	 * Serialises writers (shared) against a rotation (exclusive), in the caller's
	 * transaction.
	 */
	void lockForWrite() {
		this.jdbc.sql("SELECT id FROM platform.vault_master_key WHERE id = 1 FOR SHARE").query(Integer.class).single();
	}

	void lockForRotation() {
		this.jdbc.sql("SELECT id FROM platform.vault_master_key WHERE id = 1 FOR UPDATE").query(Integer.class).single();
	}

	/** The version new values are sealed with: the newest that is not destroyed. */
	int activeVersion() {
		return this.jdbc.sql("SELECT max(version) FROM platform.vault_key WHERE wrapped_key IS NOT NULL")
			.query(Integer.class)
			.single();
	}

	/** The DEK of a version, unwrapped once and then kept in memory. */
	SecretKey key(int version) {
		return this.keys.computeIfAbsent(version, (v) -> {
			byte[] wrapped = this.jdbc.sql("SELECT wrapped_key FROM platform.vault_key WHERE version = ?")
				.param(v)
				.query((rs, n) -> rs.getBytes(1))
				.optional()
				.orElse(null);
			if (wrapped == null) {
				throw new IllegalStateException(
						"Data-encryption key version " + v + " does not exist or was destroyed");
			}
			return unwrap(this.master, v, wrapped);
		});
	}

	/**
	 * Creates the next DEK version in the caller's transaction and returns it (it is
	 * cached only once read back, so a rolled-back rotation leaves nothing behind).
	 */
	Created createNextKey() {
		int version = this.jdbc.sql("SELECT coalesce(max(version), 0) + 1 FROM platform.vault_key")
			.query(Integer.class)
			.single();
		return new Created(version, createKey(version));
	}

	/** Destroys every DEK version but {@code keep}: their wrapped keys are erased. */
	void destroyAllBut(int keep) {
		this.jdbc.sql("""
				UPDATE platform.vault_key SET wrapped_key = NULL, destroyed_at = ?
				WHERE version <> ? AND wrapped_key IS NOT NULL""").params(now(), keep).update();
		this.keys.keySet().removeIf((version) -> version != keep);
	}

	private SecretKey createKey(int version) {
		SecretKey dek = new SecretKeySpec(Aead.randomKeyBytes(), "AES");
		this.jdbc.sql("INSERT INTO platform.vault_key (version, wrapped_key, created_at) VALUES (?, ?, ?)")
			.params(version, Aead.seal(this.master.key(), dek.getEncoded(), dekAad(version)), now())
			.update();
		return dek;
	}

	private static SecretKey unwrap(MasterKey master, int version, byte[] wrapped) {
		try {
			return new SecretKeySpec(Aead.open(master.key(), wrapped, dekAad(version)), "AES");
		}
		catch (AEADBadTagException ex) {
			throw new IllegalStateException("Data-encryption key version " + version
					+ " cannot be unwrapped with the master key: it was altered or wrapped by another key");
		}
	}

	private static byte[] dekAad(int version) {
		return ("tianshu.vault.dek:" + version).getBytes(StandardCharsets.UTF_8);
	}

	private Timestamp now() {
		return Timestamp.from(this.clock.instant());
	}

	record Created(int version, SecretKey key) {
	}

}
