package io.tianshu.platform.audit;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.tianshu.TianshuIntegrationTest;
import io.tianshu.platform.Actor;
import io.tianshu.platform.Audit;
import io.tianshu.platform.AuditEntry;
import io.tianshu.platform.AuditEntry.Outcome;
import io.tianshu.platform.PlatformPermissions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

@TianshuIntegrationTest
class AuditApiTests {

	@Autowired
	MockMvc mvc;

	@Autowired
	Audit audit;

	@Autowired
	JsonMapper json;

	@Autowired
	JdbcClient jdbc;

	String actor;

	@BeforeEach
	void records() {
		this.actor = "auditor-" + UUID.randomUUID().toString().substring(0, 8);
		Actor who = Actor.user(UUID.randomUUID(), this.actor);
		this.audit.record(new AuditEntry("platform.user.created", "user", "u-1", Outcome.SUCCESS, null,
				Map.of("username", "bob", "password", "hunter2"), null, who));
		this.audit.record(new AuditEntry("platform.user.updated", "user", "u-1", Outcome.SUCCESS,
				Map.of("email", "a@x"), Map.of("email", "b@x"), null, who));
		this.audit.record(new AuditEntry("platform.role.assigned", "role", "r-9", Outcome.DENIED, null, null,
				"=HYPERLINK(\"http://evil\",\"click\")", who));
		this.audit.record(new AuditEntry("platform.login.failed", "user", "u-2", Outcome.FAILURE, null, null,
				"bad password, twice", who));
		this.audit
			.record(new AuditEntry("platform.user.deleted", "user", "u-1", Outcome.SUCCESS, null, null, null, who));
	}

	@Test
	void searchesByActorNewestFirstWithMaskedChanges() throws Exception {
		JsonNode page = getJson("/api/v1/audit/records?actor=" + this.actor.toUpperCase(), reader());
		List<String> actions = actions(page);
		assertThat(actions).containsExactly("platform.user.deleted", "platform.login.failed", "platform.role.assigned",
				"platform.user.updated", "platform.user.created");
		JsonNode created = page.get("items").get(4);
		assertThat(created.get("after").get("password").asString()).isEqualTo("******");
		assertThat(created.get("after").get("username").asString()).isEqualTo("bob");
		assertThat(created.get("actorKind").asString()).isEqualTo("USER");
		assertThat(created.get("actorName").asString()).isEqualTo(this.actor);
		assertThat(created.get("targetType").asString()).isEqualTo("user");
		assertThat(created.get("outcome").asString()).isEqualTo("SUCCESS");
		assertThat(created.get("occurredAt").asString()).endsWith("Z");
		assertThat(page.path("nextCursor").asString(null)).isNull();
	}

	@Test
	void filtersByActionPrefixTargetOutcomeAndTime() throws Exception {
		String base = "/api/v1/audit/records?actor=" + this.actor;
		assertThat(actions(getJson(base + "&action=platform.user.", reader()))).containsExactly("platform.user.deleted",
				"platform.user.updated", "platform.user.created");
		assertThat(actions(getJson(base + "&target=user:u-2", reader()))).containsExactly("platform.login.failed");
		assertThat(actions(getJson(base + "&target=role", reader()))).containsExactly("platform.role.assigned");
		assertThat(actions(getJson(base + "&outcome=denied", reader()))).containsExactly("platform.role.assigned");
		assertThat(actions(getJson(base + "&from=2000-01-01&to=2000-12-31", reader()))).isEmpty();
		assertThat(actions(getJson(base + "&from=2000-01-01T00:00:00Z", reader()))).hasSize(5);
	}

	@Test
	void pagesWithAnOpaqueCursor() throws Exception {
		String base = "/api/v1/audit/records?actor=" + this.actor + "&limit=2";
		JsonNode first = getJson(base, reader());
		assertThat(actions(first)).containsExactly("platform.user.deleted", "platform.login.failed");
		String cursor = first.get("nextCursor").asString();
		assertThat(cursor).doesNotContainAnyWhitespaces().doesNotContain("id");
		JsonNode second = getJson(base + "&cursor=" + cursor, reader());
		assertThat(actions(second)).containsExactly("platform.role.assigned", "platform.user.updated");
		JsonNode third = getJson(base + "&cursor=" + second.get("nextCursor").asString(), reader());
		assertThat(actions(third)).containsExactly("platform.user.created");
		assertThat(third.path("nextCursor").asString(null)).isNull();
	}

	@Test
	void rejectsBadPagingAndFiltersWith422() throws Exception {
		this.mvc.perform(get("/api/v1/audit/records?limit=501").with(reader()))
			.andExpect(status().isUnprocessableContent())
			.andExpect(jsonPath("$.errors[0].field").value("limit"))
			.andExpect(jsonPath("$.code").value("page.limit-out-of-range"));
		this.mvc.perform(get("/api/v1/audit/records?limit=0").with(reader()))
			.andExpect(status().isUnprocessableContent());
		this.mvc.perform(get("/api/v1/audit/records?limit=500").with(reader())).andExpect(status().isOk());
		this.mvc.perform(get("/api/v1/audit/records?cursor=bm9wZQ").with(reader()))
			.andExpect(status().isUnprocessableContent())
			.andExpect(jsonPath("$.errors[0].field").value("cursor"));
		this.mvc.perform(get("/api/v1/audit/records?outcome=MAYBE").with(reader()))
			.andExpect(status().isUnprocessableContent())
			.andExpect(jsonPath("$.errors[0].field").value("outcome"));
		this.mvc.perform(get("/api/v1/audit/records?from=yesterday").with(reader()))
			.andExpect(status().isUnprocessableContent())
			.andExpect(jsonPath("$.errors[0].field").value("from"));
	}

	@Test
	void exportsCsvWithBomQuotingAndFormulaGuardAndAuditsTheExport() throws Exception {
		var result = this.mvc
			.perform(get("/api/v1/audit/records.csv?actor=" + this.actor + "&action=platform.")
				.with(user("exporter").authorities(new SimpleGrantedAuthority(PlatformPermissions.AUDIT_EXPORT))))
			.andExpect(status().isOk())
			.andExpect(content().contentTypeCompatibleWith("text/csv"))
			.andExpect(header().string("Content-Disposition", "attachment; filename=\"audit-records.csv\""))
			.andReturn();
		byte[] bytes = result.getResponse().getContentAsByteArray();
		assertThat(bytes).startsWith((byte) 0xEF, (byte) 0xBB, (byte) 0xBF);
		String csv = new String(bytes, 3, bytes.length - 3, StandardCharsets.UTF_8);
		String[] lines = csv.split("\r\n");
		assertThat(lines[0]).isEqualTo("id,occurredAt,actorKind,actorName,sourceAddress,requestId,action,targetType,"
				+ "targetId,outcome,before,after,detail");
		assertThat(lines).hasSize(6);
		assertThat(lines[1]).contains(",platform.user.deleted,user,u-1,SUCCESS,");
		assertThat(lines[2]).endsWith(",platform.login.failed,user,u-2,FAILURE,,,\"bad password, twice\"");
		assertThat(lines[3]).endsWith(",DENIED,,,\"'=HYPERLINK(\"\"http://evil\"\",\"\"click\"\")\"");
		assertThat(lines[5]).contains("\"{\"\"password\"\":\"\"******\"\",\"\"username\"\":\"\"bob\"\"}\"")
			.doesNotContain("hunter2");
		assertThat(this.jdbc
			.sql("SELECT after->>'actor' FROM platform.audit_record WHERE action = 'platform.audit.exported' "
					+ "AND actor_name = 'exporter' ORDER BY id DESC LIMIT 1")
			.query(String.class)
			.single()).isEqualTo(this.actor);
	}

	@Test
	void verifiesTheChain() throws Exception {
		JsonNode status = getJson("/api/v1/audit/verify", reader());
		assertThat(status.get("intact").asBoolean()).isTrue();
		assertThat(status.get("checkedRecords").asLong()).isGreaterThanOrEqualTo(5);
		assertThat(status.has("firstBrokenId")).isFalse();
	}

	@Test
	void withoutThePermissionItIsForbidden() throws Exception {
		RequestPostProcessor nobody = user("nobody").authorities(new SimpleGrantedAuthority("platform.user.read"));
		this.mvc.perform(get("/api/v1/audit/records").with(nobody))
			.andExpect(status().isForbidden())
			.andExpect(jsonPath("$.code").value("auth.forbidden"));
		this.mvc.perform(get("/api/v1/audit/verify").with(nobody)).andExpect(status().isForbidden());
		// reading is not exporting
		this.mvc.perform(get("/api/v1/audit/records.csv").with(reader())).andExpect(status().isForbidden());
		long exports = this.jdbc
			.sql("SELECT count(*) FROM platform.audit_record WHERE action = 'platform.audit.exported' "
					+ "AND actor_name = 'reader'")
			.query(Long.class)
			.single();
		assertThat(exports).isZero();
	}

	private static RequestPostProcessor reader() {
		return user("reader").authorities(new SimpleGrantedAuthority(PlatformPermissions.AUDIT_READ));
	}

	private JsonNode getJson(String url, RequestPostProcessor who) throws Exception {
		String body = this.mvc.perform(get(url).with(who))
			.andExpect(status().isOk())
			.andReturn()
			.getResponse()
			.getContentAsString(StandardCharsets.UTF_8);
		return this.json.readTree(body);
	}

	private static List<String> actions(JsonNode page) {
		return page.get("items").valueStream().map((item) -> item.get("action").asString()).toList();
	}

}
