package io.tianshu.platform;

/**
 * Encryption for values Tianshu keeps in its own columns (TOTP secrets, webhook signing
 * keys): AES-256-GCM under the vault's current data-encryption key, bound to a context so
 * a sealed value copied to another row or column does not open. Unlike {@link Vault}
 * secrets these have no name and no API; their owner decrypts them in-process, without an
 * audit record per use.
 * <p>
 * A column of sealed values must be declared as a {@link SealedColumn} bean so that a key
 * rotation re-seals it before the old key is destroyed.
 */
public interface SealedValues {

	/**
	 * Seals a value.
	 * @param context where the value lives, e.g. {@code platform.users.totp:<user id>}
	 * @return text safe to store: key version and ciphertext
	 */
	String seal(String context, String plaintext);

	/**
	 * Opens a sealed value; throws {@link IllegalStateException} when it was altered or
	 * sealed for another context.
	 */
	String open(String context, String sealed);

}
