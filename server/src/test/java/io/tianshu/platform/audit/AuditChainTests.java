package io.tianshu.platform.audit;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.ObjectReader;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

class AuditChainTests {

	private final JsonMapper json = JsonMapper.builder().build();

	private final ObjectReader reader = AuditChain.exactReader(this.json);

	@Test
	void canonicalFormAndHashArePinned() {
		ChainedRecord record = new ChainedRecord(42, 7, Instant.parse("2026-03-01T08:00:00.123456789Z"), "USER",
				UUID.fromString("00000000-0000-0000-0000-000000000001"), "alice", null, "10.0.0.1", "req-1",
				"platform.user.updated", "user", "u-1", "SUCCESS", "{\"email\":null}", "{\"email\":\"a@example.com\"}",
				null, null, null);
		assertThat(AuditChain.canonicalForm(record)).isEqualTo("[1,7,42,\"2026-03-01T08:00:00.123456Z\",\"USER\","
				+ "\"00000000-0000-0000-0000-000000000001\",\"alice\",null,\"10.0.0.1\",\"req-1\","
				+ "\"platform.user.updated\",\"user\",\"u-1\",\"SUCCESS\",{\"email\":null},"
				+ "{\"email\":\"a@example.com\"},null]");
		// computed independently: sha256(("0"*64 + "\n" + canonical).encode())
		assertThat(AuditChain.hash(AuditChain.GENESIS, record))
			.isEqualTo("0ac6f28ff684b75761649f3754a4fd5c4e61bd886713e9551b710a167756bdf4");
		assertThat(AuditChain.hash("1".repeat(64), record)).isNotEqualTo(AuditChain.hash(AuditChain.GENESIS, record));
	}

	@Test
	void storedJsonCanonicalisesToWhatWasHashedWhateverPostgresqlPrints() {
		Map<String, Object> value = new LinkedHashMap<>();
		value.put("zeta", new BigDecimal("1.50"));
		value.put("alpha", List.of(100.0, new BigDecimal("3.14159265358979323846264338"), "x\"y\\z\n"));
		value.put("empty", null);
		value.put("nested", Map.of("b", 2, "a", true));
		String canonical = AuditChain.canonicalValue(this.json, this.reader, value);
		assertThat(canonical).isEqualTo("{\"alpha\":[100,3.14159265358979323846264338,\"x\\\"y\\\\z\\u000a\"],"
				+ "\"empty\":null,\"nested\":{\"a\":true,\"b\":2},\"zeta\":1.5}");
		// how PostgreSQL's jsonb prints it back: its own key order, spaces, \n escape
		String printedByPostgres = "{\"zeta\": 1.5, \"empty\": null, \"alpha\": [100, "
				+ "3.14159265358979323846264338, \"x\\\"y\\\\z\\n\"], \"nested\": {\"a\": true, \"b\": 2}}";
		assertThat(AuditChain.canonicalJson(this.reader, printedByPostgres)).isEqualTo(canonical);
	}

	@Test
	void secretsAreMaskedByKeyAndByLook() {
		Map<String, Object> value = new LinkedHashMap<>();
		value.put("username", "alice");
		value.put("password", "hunter2");
		value.put("new_password", "hunter3");
		value.put("clientSecret", "s3cr3t");
		value.put("apiKey", "k");
		value.put("privateKey", Map.of("d", "xyz"));
		value.put("refresh-token", "rt");
		value.put("credentials", List.of("a", "b"));
		value.put("recoveryCodes", List.of("1111-2222"));
		value.put("mustChangePassword", true);
		value.put("tokenId", "3f0e");
		value.put("note", "tsk_abcdefghijklmnop");
		value.put("list", List.of(Map.of("secret", 1)));
		String canonical = AuditChain.canonicalValue(this.json, this.reader, value);
		assertThat(canonical).contains("\"username\":\"alice\"")
			.contains("\"password\":\"******\"")
			.contains("\"new_password\":\"******\"")
			.contains("\"clientSecret\":\"******\"")
			.contains("\"apiKey\":\"******\"")
			.contains("\"privateKey\":\"******\"")
			.contains("\"refresh-token\":\"******\"")
			.contains("\"credentials\":\"******\"")
			.contains("\"recoveryCodes\":\"******\"")
			.contains("\"mustChangePassword\":true")
			.contains("\"tokenId\":\"3f0e\"")
			.contains("\"note\":\"******\"")
			.contains("\"list\":[{\"secret\":\"******\"}]")
			.doesNotContain("hunter", "s3cr3t", "xyz", "tsk_", "1111");
	}

	@Test
	void textIsCleanedToWhatPostgresqlCanStore() {
		assertThat(AuditChain.clean("a\u0000b")).isEqualTo("a\uFFFDb");
		assertThat(AuditChain.clean("x\uD800y")).isEqualTo("x?y");
		assertThat(AuditChain.clean("普通")).isEqualTo("普通");
	}

}
