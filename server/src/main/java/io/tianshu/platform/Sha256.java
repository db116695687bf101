package io.tianshu.platform;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * SHA-256 for the per-request hashes (tokens, alert identities). Each call hashes with a
 * copy of one prototype digest: {@link MessageDigest#getInstance} looks the provider up
 * every time and cost more than hashing a token, and a thread-local digest is not reused
 * when every request runs on a virtual thread of its own.
 */
public final class Sha256 {

	private static final MessageDigest PROTOTYPE = create();

	private Sha256() {
	}

	public static byte[] of(byte[] data) {
		return digest().digest(data);
	}

	/** A fresh SHA-256 digest, for hashing in parts. */
	public static MessageDigest digest() {
		try {
			return (MessageDigest) PROTOTYPE.clone();
		}
		catch (CloneNotSupportedException ex) {
			// a provider whose digests cannot be copied
			return create();
		}
	}

	private static MessageDigest create() {
		try {
			return MessageDigest.getInstance("SHA-256");
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
