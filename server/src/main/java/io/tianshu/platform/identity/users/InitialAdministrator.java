package io.tianshu.platform.identity.users;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Set;
import java.util.UUID;

import io.tianshu.platform.AuditEntry;
import io.tianshu.platform.Audit;
import io.tianshu.platform.Authorization;
import io.tianshu.platform.TianshuProperties;
import io.tianshu.platform.identity.roles.Roles;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.annotation.Order;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * On a start with no users at all, creates {@code admin} (系统管理员) with the built-in
 * {@code administrator} role and a random password that must be changed at the first
 * sign-in. The password is logged once and written to
 * {@code <dataDir>/initial-admin-password} (mode 0600). Runs at every start; acts only on
 * an empty users table.
 */
@Component
@Order(-10)
class InitialAdministrator implements ApplicationRunner {

	static final String USERNAME = "admin";

	static final String PASSWORD_FILE = "initial-admin-password";

	private static final Logger log = LoggerFactory.getLogger(InitialAdministrator.class);

	// no look-alikes (0/O, 1/l/I), so the password can be typed from a screen
	private static final String ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789";

	private static final SecureRandom RANDOM = new SecureRandom();

	private final Users users;

	private final Roles roles;

	private final Audit audit;

	private final Authorization authorization;

	private final JdbcClient jdbc;

	private final TransactionTemplate tx;

	private final TianshuProperties properties;

	InitialAdministrator(Users users, Roles roles, Audit audit, Authorization authorization, JdbcClient jdbc,
			TransactionTemplate tx, TianshuProperties properties) {
		this.users = users;
		this.roles = roles;
		this.audit = audit;
		this.authorization = authorization;
		this.jdbc = jdbc;
		this.tx = tx;
		this.properties = properties;
	}

	@Override
	public void run(ApplicationArguments args) {
		String password = this.authorization.runAsSystem(() -> this.tx.execute((status) -> {
			// a second node starting at the same moment waits here, then finds the user
			this.jdbc.sql("SELECT pg_advisory_xact_lock(hashtext('platform.users'))").query(Object.class).list();
			if (this.users.count() > 0) {
				forgetChangedPassword();
				return null;
			}
			String generated = generatePassword();
			UUID id = this.users.createInitial(USERNAME, "系统管理员", generated);
			this.audit.record(AuditEntry.success("platform.user.created", "user", id.toString())
				.withDetail("first administrator of an empty installation"));
			UUID administrator = this.roles.byName("administrator")
				.orElseThrow(() -> new IllegalStateException("The built-in administrator role is missing"))
				.id();
			this.roles.assign(id, administrator, null);
			writePasswordFile(generated);
			return generated;
		}));
		if (password != null) {
			log.warn("""

					************************************************************************
					  Tianshu has no users yet: created the administrator account
					    user name: {}
					    password:  {}
					  (also written to {}, mode 0600)
					  The password must be changed at the first sign-in.
					  This is the only time it is shown in the log.
					************************************************************************""", USERNAME, password,
					passwordFile());
		}
	}

	/**
	 * The file's password stops working at the first sign-in; once it has been changed
	 * the file only misleads, so a later start removes it.
	 */
	private void forgetChangedPassword() {
		Path file = passwordFile();
		if (Files.exists(file) && this.users.byUsername(USERNAME).map((a) -> !a.mustChangePassword()).orElse(true)) {
			try {
				Files.delete(file);
				log.info("Removed {}: the initial password has been changed", file);
			}
			catch (IOException ex) {
				log.warn("Could not remove {}: {}", file, ex.toString());
			}
		}
	}

	private Path passwordFile() {
		return this.properties.dataDir().resolve(PASSWORD_FILE).toAbsolutePath();
	}

	private void writePasswordFile(String password) {
		Path file = passwordFile();
		try {
			Files.createDirectories(file.getParent());
			Files.deleteIfExists(file);
			if (FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
				Set<PosixFilePermission> ownerOnly = PosixFilePermissions.fromString("rw-------");
				Files.createFile(file, PosixFilePermissions.asFileAttribute(ownerOnly));
			}
			else {
				Files.createFile(file);
			}
			Files.writeString(file, password + "\n", StandardCharsets.UTF_8);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot write " + file, ex);
		}
	}

	static String generatePassword() {
		StringBuilder password = new StringBuilder(20);
		for (int i = 0; i < 20; i++) {
			password.append(ALPHABET.charAt(RANDOM.nextInt(ALPHABET.length())));
		}
		return password.toString();
	}

}
