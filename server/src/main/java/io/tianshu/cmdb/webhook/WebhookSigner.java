package io.tianshu.cmdb.webhook;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Signing secrets and signatures: {@code X-Tianshu-Signature: sha256=<hex>} is the
 * HMAC-SHA256, keyed with the secret's UTF-8 bytes, of {@code <timestamp>.<body>} where
 * the timestamp is {@code X-Tianshu-Timestamp} (Unix seconds) and the body the exact
 * bytes sent.
 */
final class WebhookSigner {

	static final String SECRET_PREFIX = "whsec_";

	private static final SecureRandom RANDOM = new SecureRandom();

	private WebhookSigner() {
	}

	static String newSecret() {
		byte[] bytes = new byte[32];
		RANDOM.nextBytes(bytes);
		return SECRET_PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
	}

	static String signature(String secret, long timestamp, String body) {
		try {
			Mac mac = Mac.getInstance("HmacSHA256");
			mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
			byte[] digest = mac.doFinal((timestamp + "." + body).getBytes(StandardCharsets.UTF_8));
			return "sha256=" + HexFormat.of().formatHex(digest);
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("HmacSHA256 is not available", ex);
		}
	}

}
