package io.tianshu.platform.vault;

import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;

import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;

/**
 * AES-256-GCM with a fresh random 96-bit nonce per encryption. The sealed form is
 * {@code nonce || ciphertext || tag}; the associated data binds it to where it is stored.
 */
final class Aead {

	static final int NONCE_BYTES = 12;

	private static final int TAG_BITS = 128;

	private static final SecureRandom RANDOM = new SecureRandom();

	private Aead() {
	}

	static byte[] seal(SecretKey key, byte[] plaintext, byte[] associatedData) {
		try {
			byte[] nonce = new byte[NONCE_BYTES];
			RANDOM.nextBytes(nonce);
			Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
			cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, nonce));
			cipher.updateAAD(associatedData);
			byte[] ciphertext = cipher.doFinal(plaintext);
			return ByteBuffer.allocate(NONCE_BYTES + ciphertext.length).put(nonce).put(ciphertext).array();
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("AES-GCM encryption failed", ex);
		}
	}

	/**
	 * @throws AEADBadTagException when the sealed bytes or the associated data were
	 * altered or the key is wrong
	 */
	static byte[] open(SecretKey key, byte[] sealed, byte[] associatedData) throws AEADBadTagException {
		if (sealed == null || sealed.length < NONCE_BYTES + TAG_BITS / 8) {
			throw new AEADBadTagException("Sealed value is too short");
		}
		try {
			Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
			cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, sealed, 0, NONCE_BYTES));
			cipher.updateAAD(associatedData);
			return cipher.doFinal(sealed, NONCE_BYTES, sealed.length - NONCE_BYTES);
		}
		catch (AEADBadTagException ex) {
			throw ex;
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("AES-GCM decryption failed", ex);
		}
	}

	static byte[] randomKeyBytes() {
		byte[] key = new byte[32];
		RANDOM.nextBytes(key);
		return key;
	}

}
