package io.tianshu.platform.vault;

import java.util.List;
import java.util.UUID;

import io.tianshu.TianshuIntegrationTest;
import io.tianshu.platform.Authorization;
import io.tianshu.platform.SealedValues;
import io.tianshu.platform.SecretMetadata;
import io.tianshu.platform.TianshuException;
import io.tianshu.platform.Vault;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

@TianshuIntegrationTest
class SecretsApiTests {

	@Autowired
	SealedValues sealing;

	@Autowired
	MockMvc mvc;

	@Autowired
	Vault vault;

	@Autowired
	Authorization authorization;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	JsonMapper json;

	private static RequestPostProcessor admin() {
		return user("secret-admin").authorities(new SimpleGrantedAuthority("platform.secret.read"),
				new SimpleGrantedAuthority("platform.secret.write"),
				new SimpleGrantedAuthority("platform.secret.rotate"));
	}

	private UUID create(String name, String value) throws Exception {
		String body = this.mvc
			.perform(post("/api/v1/secrets").with(admin())
				.with(csrf())
				.contentType(MediaType.APPLICATION_JSON)
				.content(this.json.writeValueAsString(java.util.Map.of("name", name, "kind", "password", "description",
						"for tests", "value", value))))
			.andExpect(status().isCreated())
			.andExpect(jsonPath("$.name").value(name))
			.andExpect(jsonPath("$.keyVersion").isNumber())
			.andExpect(jsonPath("$.value").doesNotExist())
			.andReturn()
			.getResponse()
			.getContentAsString();
		assertThat(body).doesNotContain(value);
		return UUID.fromString(this.json.readTree(body).get("id").asString());
	}

	@Test
	void valuesGoInButNeverComeOutOfTheApi() throws Exception {
		String value = "pw-" + UUID.randomUUID();
		String name = "db/prod-" + UUID.randomUUID();
		UUID id = create(name, value);
		String list = this.mvc.perform(get("/api/v1/secrets").with(admin()))
			.andExpect(status().isOk())
			.andReturn()
			.getResponse()
			.getContentAsString();
		assertThat(list).contains(name).doesNotContain(value);
		String newValue = "pw2-" + UUID.randomUUID();
		String updated = this.mvc
			.perform(put("/api/v1/secrets/" + id).with(admin())
				.with(csrf())
				.contentType(MediaType.APPLICATION_JSON)
				.content("{\"value\":\"" + newValue + "\",\"description\":\"rotated by hand\"}"))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.description").value("rotated by hand"))
			.andReturn()
			.getResponse()
			.getContentAsString();
		assertThat(updated).doesNotContain(newValue).doesNotContain(value);
		assertThat(this.authorization.runAsSystem(() -> this.vault.reveal(id))).isEqualTo(newValue);
		// nothing stored in clear: not in the secret row, not in the audit trail
		assertThat(this.jdbc
			.sql("SELECT count(*) FROM platform.secret WHERE position(convert_to(?, 'UTF8') in ciphertext) > 0")
			.param(newValue)
			.query(Long.class)
			.single()).isZero();
		for (String secret : List.of(value, newValue)) {
			assertThat(this.jdbc.sql("""
					SELECT count(*) FROM platform.audit_record
					WHERE coalesce(before::text, '') || coalesce(after::text, '') || coalesce(detail, '') LIKE ?""")
				.param("%" + secret + "%")
				.query(Long.class)
				.single()).isZero();
		}
		assertThat(actions(id)).contains("platform.secret.created", "platform.secret.updated",
				"platform.secret.revealed");
		this.mvc.perform(delete("/api/v1/secrets/" + id).with(admin()).with(csrf())).andExpect(status().isNoContent());
		assertThat(actions(id)).contains("platform.secret.deleted");
		this.mvc.perform(delete("/api/v1/secrets/" + id).with(admin()).with(csrf()))
			.andExpect(status().isNotFound())
			.andExpect(jsonPath("$.code").value("secret.not-found"));
	}

	@Test
	void revealIsForTianshuItselfOnly() throws Exception {
		UUID id = create("reveal-" + UUID.randomUUID(), "v-" + UUID.randomUUID());
		assertThatExceptionOfType(TianshuException.class).isThrownBy(() -> this.vault.reveal(id))
			.satisfies((ex) -> assertThat(ex.code()).isEqualTo("secret.reveal-forbidden"));
		assertThat(this.jdbc.sql("SELECT outcome FROM platform.audit_record WHERE target_id = ? AND action = ?")
			.params(id.toString(), "platform.secret.revealed")
			.query(String.class)
			.list()).containsExactly("DENIED");
	}

	@Test
	void ciphertextCopiedToAnotherRowDoesNotDecrypt() throws Exception {
		UUID a = create("copy-a-" + UUID.randomUUID(), "value-a");
		UUID b = create("copy-b-" + UUID.randomUUID(), "value-b");
		this.jdbc
			.sql("UPDATE platform.secret SET ciphertext = (SELECT ciphertext FROM platform.secret WHERE id = ?) "
					+ "WHERE id = ?")
			.params(a, b)
			.update();
		assertThatIllegalStateException().isThrownBy(() -> this.authorization.runAsSystem(() -> this.vault.reveal(b)))
			.withMessageContaining("integrity check");
		assertThat(this.authorization.runAsSystem(() -> this.vault.reveal(a))).isEqualTo("value-a");
		byte[] tampered = this.jdbc.sql("SELECT ciphertext FROM platform.secret WHERE id = ?")
			.param(a)
			.query((rs, n) -> rs.getBytes(1))
			.single();
		tampered[tampered.length - 1] ^= 1;
		this.jdbc.sql("UPDATE platform.secret SET ciphertext = ? WHERE id = ?").params(tampered, a).update();
		assertThatIllegalStateException().isThrownBy(() -> this.authorization.runAsSystem(() -> this.vault.reveal(a)));
		// leave no undecryptable rows behind: rotation (other tests) must stay possible
		this.authorization.runAsSystem(() -> {
			this.vault.delete(a);
			this.vault.delete(b);
		});
	}

	@Test
	void rotationReEncryptsEverySecretAndDestroysTheOldKey() throws Exception {
		UUID one = create("rot-1-" + UUID.randomUUID(), "first value");
		UUID two = create("rot-2-" + UUID.randomUUID(), "second value");
		byte[] before = ciphertext(one);
		int oldVersion = version(one);
		long secrets = this.jdbc.sql("SELECT count(*) FROM platform.secret").query(Long.class).single();
		this.mvc.perform(post("/api/v1/secrets/rotate-master-key").with(admin()).with(csrf()))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.reEncrypted").value((int) secrets));
		int newVersion = version(one);
		assertThat(newVersion).isGreaterThan(oldVersion);
		assertThat(this.jdbc.sql("SELECT count(*) FROM platform.secret WHERE key_version <> ?")
			.param(newVersion)
			.query(Long.class)
			.single()).isZero();
		assertThat(this.jdbc.sql("SELECT count(*) FROM platform.vault_key WHERE wrapped_key IS NOT NULL")
			.query(Long.class)
			.single()).isOne();
		assertThat(this.jdbc.sql("SELECT destroyed_at IS NOT NULL FROM platform.vault_key WHERE version = ?")
			.param(oldVersion)
			.query(Boolean.class)
			.single()).isTrue();
		assertThat(ciphertext(one)).isNotEqualTo(before);
		assertThat(this.authorization.runAsSystem(() -> this.vault.reveal(one))).isEqualTo("first value");
		assertThat(this.authorization.runAsSystem(() -> this.vault.reveal(two))).isEqualTo("second value");
		List<SecretMetadata> listed = this.authorization.runAsSystem(() -> this.vault.list());
		assertThat(listed).allSatisfy((secret) -> assertThat(secret.keyVersion()).isEqualTo(newVersion));
		assertThat(actions("data-encryption-key")).contains("platform.vault.key-rotated");
		// sealed columns (TOTP secrets of other tests' users) moved to the new key as
		// well
		assertThat(this.jdbc
			.sql("SELECT count(*) FROM platform.users WHERE (totp_secret IS NOT NULL AND totp_secret NOT LIKE ?) "
					+ "OR (totp_pending_secret IS NOT NULL AND totp_pending_secret NOT LIKE ?)")
			.params("v" + newVersion + ".%", "v" + newVersion + ".%")
			.query(Long.class)
			.single()).isZero();
	}

	@Test
	void sealedValuesOpenOnlyInTheirContext() {
		String sealed = this.sealing.seal("test.column:1", "JBSWY3DPEHPK3PXP");
		assertThat(sealed).startsWith("v").doesNotContain("JBSWY3DPEHPK3PXP");
		assertThat(this.sealing.open("test.column:1", sealed)).isEqualTo("JBSWY3DPEHPK3PXP");
		assertThatThrownBy(() -> this.sealing.open("test.column:2", sealed)).isInstanceOf(IllegalStateException.class);
		String tampered = sealed.substring(0, sealed.length() - 2) + (sealed.endsWith("A") ? "BB" : "AA");
		assertThatThrownBy(() -> this.sealing.open("test.column:1", tampered))
			.isInstanceOf(IllegalStateException.class);
	}

	@Test
	void permissionsAndValidationAreEnforced() throws Exception {
		this.mvc.perform(get("/api/v1/secrets").with(user("nobody").authorities(new SimpleGrantedAuthority("x.y.z"))))
			.andExpect(status().isForbidden());
		this.mvc
			.perform(post("/api/v1/secrets/rotate-master-key")
				.with(user("writer").authorities(new SimpleGrantedAuthority("platform.secret.write")))
				.with(csrf()))
			.andExpect(status().isForbidden());
		this.mvc
			.perform(post("/api/v1/secrets").with(admin())
				.with(csrf())
				.contentType(MediaType.APPLICATION_JSON)
				.content("{\"name\":\" bad name\",\"kind\":\"Password\",\"value\":\"\"}"))
			.andExpect(status().isUnprocessableContent())
			.andExpect(jsonPath("$.code").value("validation"))
			.andExpect(jsonPath("$.errors[?(@.field == 'name')].code").value("secret.name-invalid"))
			.andExpect(jsonPath("$.errors[?(@.field == 'kind')].code").value("secret.kind-invalid"))
			.andExpect(jsonPath("$.errors[?(@.field == 'value')].code").value("secret.value-required"));
		String name = "dup-" + UUID.randomUUID();
		create(name, "x");
		this.mvc
			.perform(post("/api/v1/secrets").with(admin())
				.with(csrf())
				.contentType(MediaType.APPLICATION_JSON)
				.content("{\"name\":\"" + name + "\",\"kind\":\"password\",\"value\":\"y\"}"))
			.andExpect(status().isConflict())
			.andExpect(jsonPath("$.code").value("secret.name-taken"));
	}

	private List<String> actions(Object target) {
		return this.jdbc.sql("SELECT action FROM platform.audit_record WHERE target_id = ?")
			.param(target.toString())
			.query(String.class)
			.list();
	}

	private byte[] ciphertext(UUID id) {
		return this.jdbc.sql("SELECT ciphertext FROM platform.secret WHERE id = ?")
			.param(id)
			.query((rs, n) -> rs.getBytes(1))
			.single();
	}

	private int version(UUID id) {
		return this.jdbc.sql("SELECT key_version FROM platform.secret WHERE id = ?")
			.param(id)
			.query(Integer.class)
			.single();
	}

}
