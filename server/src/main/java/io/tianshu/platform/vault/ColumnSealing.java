package io.tianshu.platform.vault;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

import javax.crypto.AEADBadTagException;

import io.tianshu.platform.SealedValues;

import org.springframework.stereotype.Component;

/**
 * {@link SealedValues} on the vault's key ring. Format:
 * {@code v<key version>.<base64url(nonce ‖
 * ciphertext ‖ tag)>}; the associated data is the context and the key version.
 */
@Component
class ColumnSealing implements SealedValues {

	private final KeyRing keyRing;

	ColumnSealing(KeyRing keyRing) {
		this.keyRing = keyRing;
	}

	@Override
	public String seal(String context, String plaintext) {
		return seal(this.keyRing.activeVersion(), context, plaintext);
	}

	String seal(int version, String context, String plaintext) {
		byte[] sealed = Aead.seal(this.keyRing.key(version), plaintext.getBytes(StandardCharsets.UTF_8),
				aad(context, version));
		return "v" + version + "." + Base64.getUrlEncoder().withoutPadding().encodeToString(sealed);
	}

	@Override
	public String open(String context, String sealed) {
		int dot = sealed.indexOf('.');
		if (!sealed.startsWith("v") || dot < 2) {
			throw new IllegalStateException("Not a sealed value (context " + context + ")");
		}
		int version = Integer.parseInt(sealed.substring(1, dot));
		try {
			byte[] plain = Aead.open(this.keyRing.key(version),
					Base64.getUrlDecoder().decode(sealed.substring(dot + 1)), aad(context, version));
			return new String(plain, StandardCharsets.UTF_8);
		}
		catch (AEADBadTagException | IllegalArgumentException ex) {
			throw new IllegalStateException("A sealed value of " + context + " was altered or belongs elsewhere");
		}
	}

	private static byte[] aad(String context, int version) {
		return ("tianshu.sealed:" + context + ":" + version).getBytes(StandardCharsets.UTF_8);
	}

}
