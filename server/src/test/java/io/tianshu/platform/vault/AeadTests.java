package io.tianshu.platform.vault;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

import javax.crypto.AEADBadTagException;
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class AeadTests {

	private final SecretKey key = new SecretKeySpec(Aead.randomKeyBytes(), "AES");

	private final byte[] aad = "tianshu.secret:a:1".getBytes(StandardCharsets.UTF_8);

	@Test
	void roundTripsWithAFreshNonceEachTime() throws Exception {
		byte[] plaintext = "s3cr3t-密码".getBytes(StandardCharsets.UTF_8);
		byte[] first = Aead.seal(this.key, plaintext, this.aad);
		byte[] second = Aead.seal(this.key, plaintext, this.aad);
		assertThat(Arrays.copyOf(first, Aead.NONCE_BYTES)).isNotEqualTo(Arrays.copyOf(second, Aead.NONCE_BYTES));
		assertThat(first).isNotEqualTo(second);
		assertThat(new String(first, StandardCharsets.ISO_8859_1)).doesNotContain("s3cr3t");
		assertThat(Aead.open(this.key, first, this.aad)).isEqualTo(plaintext);
		assertThat(Aead.open(this.key, second, this.aad)).isEqualTo(plaintext);
	}

	@Test
	void tamperedCiphertextFails() {
		byte[] sealed = Aead.seal(this.key, "value".getBytes(StandardCharsets.UTF_8), this.aad);
		sealed[sealed.length - 3] ^= 0x01;
		assertThatExceptionOfType(AEADBadTagException.class).isThrownBy(() -> Aead.open(this.key, sealed, this.aad));
	}

	@Test
	void tamperedNonceFails() {
		byte[] sealed = Aead.seal(this.key, "value".getBytes(StandardCharsets.UTF_8), this.aad);
		sealed[0] ^= 0x01;
		assertThatExceptionOfType(AEADBadTagException.class).isThrownBy(() -> Aead.open(this.key, sealed, this.aad));
	}

	@Test
	void otherAssociatedDataFails() {
		byte[] sealed = Aead.seal(this.key, "value".getBytes(StandardCharsets.UTF_8), this.aad);
		assertThatExceptionOfType(AEADBadTagException.class)
			.isThrownBy(() -> Aead.open(this.key, sealed, "tianshu.secret:b:1".getBytes(StandardCharsets.UTF_8)));
	}

	@Test
	void otherKeyFails() {
		byte[] sealed = Aead.seal(this.key, "value".getBytes(StandardCharsets.UTF_8), this.aad);
		SecretKey other = new SecretKeySpec(Aead.randomKeyBytes(), "AES");
		assertThatExceptionOfType(AEADBadTagException.class).isThrownBy(() -> Aead.open(other, sealed, this.aad));
		assertThatExceptionOfType(AEADBadTagException.class)
			.isThrownBy(() -> Aead.open(this.key, new byte[5], this.aad));
	}

}
