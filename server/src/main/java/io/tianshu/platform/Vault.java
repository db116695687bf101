package io.tianshu.platform;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * The secrets vault (凭据保险库): passwords, keys and tokens Tianshu needs to reach other
 * systems, encrypted with AES-256-GCM under a master key kept outside the database.
 * Values go in through {@link #store} and {@link #replace} and come out only through
 * {@link #reveal}, for Tianshu's own code; no API returns them. Every change and every
 * reveal is audited, never with the value.
 */
public interface Vault {

	/**
	 * Stores a new secret. Requires {@link PlatformPermissions#SECRET_WRITE}.
	 * @param name unique, {@code [A-Za-z0-9][A-Za-z0-9._/-]*}, at most 128 characters
	 * @param kind what it is, lower-case ({@code password}, {@code ssh-private-key},
	 * {@code api-token}, ...)
	 * @param description free text, may be {@code null}
	 * @param value the secret itself, not empty, at most 64 KiB
	 * @throws TianshuException 422 {@code validation} on invalid input, 409
	 * {@code secret.name-taken}
	 */
	SecretMetadata store(String name, String kind, String description, String value);

	/**
	 * Replaces the value and/or the description (a {@code null} keeps it). Requires
	 * {@link PlatformPermissions#SECRET_WRITE}.
	 * @throws TianshuException 404 {@code secret.not-found}
	 */
	SecretMetadata replace(UUID id, String value, String description);

	/**
	 * The decrypted value, for Tianshu's own code only: the caller must run as
	 * {@link Actor#SYSTEM} ({@link Authorization#runAsSystem}), anyone else gets 403
	 * {@code secret.reveal-forbidden}. Audited as {@code platform.secret.revealed}.
	 * @throws TianshuException 404 {@code secret.not-found}
	 * @throws IllegalStateException when the stored ciphertext fails its integrity check
	 * (altered, or copied from another secret)
	 */
	String reveal(UUID id);

	/**
	 * Deletes the secret. Requires {@link PlatformPermissions#SECRET_WRITE}.
	 * @throws TianshuException 404 {@code secret.not-found}
	 */
	void delete(UUID id);

	/**
	 * All secrets' metadata by name. Requires {@link PlatformPermissions#SECRET_READ}.
	 */
	List<SecretMetadata> list();

	/** One secret's metadata. Requires {@link PlatformPermissions#SECRET_READ}. */
	Optional<SecretMetadata> find(UUID id);

	/**
	 * Rotates the data-encryption key: a new key version encrypts every secret again in
	 * one transaction and the old key is destroyed. Requires
	 * {@link PlatformPermissions#SECRET_ROTATE}.
	 * @return how many secrets were re-encrypted
	 */
	int rotateKey();

}
