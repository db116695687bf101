package io.tianshu.platform.vault;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.Set;

import javax.crypto.Mac;
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The master key (主密钥): 32 random bytes that never enter the database. It only wraps the
 * data-encryption keys. Taken from {@code TIANSHU_MASTER_KEY}
 * ({@code tianshu.master-key}, base64), else from {@code <dataDir>/master.key}, which is
 * created on the first start readable by its owner only (0600); a key file that group or
 * others may read is refused.
 */
final class MasterKey {

	static final String FILE_NAME = "master.key";

	private static final Logger log = LoggerFactory.getLogger(MasterKey.class);

	private static final byte[] KEY_CHECK_INPUT = "tianshu.vault.key-check.v1".getBytes(StandardCharsets.UTF_8);

	private static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rw-------");

	private final SecretKey key;

	private MasterKey(byte[] bytes) {
		this.key = new SecretKeySpec(bytes, "AES");
	}

	SecretKey key() {
		return this.key;
	}

	/** HMAC-SHA256 of a constant: tells whether a key is the one the database expects. */
	byte[] keyCheck() {
		try {
			Mac mac = Mac.getInstance("HmacSHA256");
			mac.init(new SecretKeySpec(this.key.getEncoded(), "HmacSHA256"));
			return mac.doFinal(KEY_CHECK_INPUT);
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException(ex);
		}
	}

	boolean matches(byte[] keyCheck) {
		return keyCheck != null && MessageDigest.isEqual(keyCheck(), keyCheck);
	}

	/**
	 * The configured key, else the key file (created when missing).
	 * @param configured base64 value of {@code tianshu.master-key}, may be blank
	 */
	static MasterKey load(String configured, Path dataDir) {
		if (configured != null && !configured.isBlank()) {
			return decode(configured, "TIANSHU_MASTER_KEY");
		}
		return fromFile(dataDir.resolve(FILE_NAME));
	}

	/** A key given as base64 of 32 bytes; {@code source} names it in errors. */
	static MasterKey decode(String base64, String source) {
		byte[] bytes;
		try {
			bytes = Base64.getDecoder().decode(base64.trim());
		}
		catch (IllegalArgumentException ex) {
			throw new IllegalStateException(source + " is not valid base64; it must be 32 random bytes in base64 "
					+ "(for example: openssl rand -base64 32)");
		}
		if (bytes.length != 32) {
			throw new IllegalStateException(source + " must be 32 bytes (AES-256) in base64, but it is " + bytes.length
					+ " bytes (for example: openssl rand -base64 32)");
		}
		return new MasterKey(bytes);
	}

	static MasterKey fromFile(Path file) {
		try {
			if (Files.notExists(file)) {
				create(file);
			}
			requireOwnerOnly(file);
			return decode(Files.readString(file, StandardCharsets.US_ASCII), "The master key file " + file);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot read the master key file " + file, ex);
		}
	}

	private static void create(Path file) throws IOException {
		Files.createDirectories(file.toAbsolutePath().getParent());
		String encoded = Base64.getEncoder().encodeToString(Aead.randomKeyBytes()) + "\n";
		try {
			if (posix(file.toAbsolutePath().getParent())) {
				Files.createFile(file, PosixFilePermissions.asFileAttribute(OWNER_ONLY));
			}
			else {
				Files.createFile(file);
			}
		}
		catch (FileAlreadyExistsException ex) {
			// another process created it first: use theirs
			return;
		}
		Files.writeString(file, encoded, StandardCharsets.US_ASCII);
		log.warn("Created a new master key in {}. Back it up apart from the database: "
				+ "without it the stored secrets cannot be decrypted.", file);
	}

	private static void requireOwnerOnly(Path file) throws IOException {
		if (!posix(file)) {
			log.warn("Cannot check the permissions of {} on this file system; make sure only Tianshu can read it",
					file);
			return;
		}
		Set<PosixFilePermission> permissions = Files.getPosixFilePermissions(file);
		for (PosixFilePermission permission : permissions) {
			if (permission.name().startsWith("GROUP_") || permission.name().startsWith("OTHERS_")) {
				throw new IllegalStateException("The master key file " + file + " is accessible to group or others ("
						+ PosixFilePermissions.toString(permissions) + "); Tianshu refuses to start. Run: chmod 600 "
						+ file);
			}
		}
	}

	private static boolean posix(Path path) {
		return Files.getFileAttributeView(path, PosixFileAttributeView.class) != null;
	}

}
