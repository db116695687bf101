package io.tianshu.cmdb.quality;

import java.nio.charset.StandardCharsets;
import java.util.UUID;

import com.jayway.jsonpath.JsonPath;
import io.tianshu.TianshuIntegrationTest;
import io.tianshu.cmdb.CmdbPermissions;
import io.tianshu.cmdb.DataQuality;
import io.tianshu.cmdb.QualityReport;
import io.tianshu.platform.Authorization;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.hasItem;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * Data-quality formulas on crafted CIs of a model of this test only, with exact expected
 * figures (weights 0.6 / 0.4, window 90 days):
 *
 * <pre>
 * attributes: code (required), a, b (recommended), c (optional)
 * ci-1 {code, a, b}  owner T1 (the model's)  fresh
 * ci-2 {code, a}     owner T1                fresh
 * ci-3 {code}        owner T2                changed 200 days ago
 * ci-4 {code, a, b}  owner T2                changed 120 days ago
 * completeness 9/12 = 75.0, freshness 2/4 = 50.0, overall 0.6·75 + 0.4·50 = 65.0
 * T1: 5/6 = 83.3, 2/2 = 100.0, overall 90.0;  T2: 4/6 = 66.7, 0/2 = 0.0, overall 40.0
 * </pre>
 */
@TianshuIntegrationTest
class CmdbQualityApiTests {

	@Autowired
	MockMvc mvc;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	QualitySnapshots snapshots;

	@Autowired
	DataQuality dataQuality;

	@Autowired
	Authorization authorization;

	private String model;

	private final UUID t1 = UUID.randomUUID();

	private final UUID t2 = UUID.randomUUID();

	private String[] cis;

	private static RequestPostProcessor steward() {
		return user("data-steward").authorities(new SimpleGrantedAuthority(CmdbPermissions.MODEL_READ),
				new SimpleGrantedAuthority(CmdbPermissions.MODEL_WRITE),
				new SimpleGrantedAuthority(CmdbPermissions.CI_READ),
				new SimpleGrantedAuthority(CmdbPermissions.CI_WRITE));
	}

	private ResultActions send(MockHttpServletRequestBuilder request, String body) throws Exception {
		return this.mvc
			.perform(request.with(steward()).with(csrf()).contentType(MediaType.APPLICATION_JSON).content(body));
	}

	private ResultActions read(String url) throws Exception {
		return this.mvc.perform(get(url).with(steward()));
	}

	private String ci(String name, String attributes, UUID owner) throws Exception {
		String response = send(post("/api/v1/cmdb/cis"),
				"""
						{"model": "%s", "name": "%s", "state": "IN_USE", %s "attributes": %s}""".formatted(this.model,
						name, (owner != null) ? "\"ownerTeamId\": \"" + owner + "\"," : "", attributes))
			.andExpect(status().isCreated())
			.andReturn()
			.getResponse()
			.getContentAsString(StandardCharsets.UTF_8);
		return JsonPath.read(response, "$.id");
	}

	private void age(String ci, int days) {
		this.jdbc.sql("UPDATE cmdb.ci SET updated_at = now() - make_interval(days => ?) WHERE id = ?::uuid")
			.params(days, ci)
			.update();
	}

	@BeforeEach
	void crafted() throws Exception {
		this.model = "dq_" + UUID.randomUUID().toString().substring(0, 8);
		send(post("/api/v1/cmdb/models"), """
				{"code": "%s", "name": "质量测试", "group": "iaas", "ownerTeamId": "%s", "attributes": [
				  {"code": "code", "name": "编码", "type": "string", "required": true},
				  {"code": "a", "name": "甲", "type": "string", "recommended": true},
				  {"code": "b", "name": "乙", "type": "int", "recommended": true},
				  {"code": "c", "name": "丙", "type": "string"}]}""".formatted(this.model, this.t1))
			.andExpect(status().isCreated())
			.andExpect(jsonPath("$.attributes[1].recommended").value(true))
			.andExpect(jsonPath("$.attributes[3].recommended").value(false));
		this.cis = new String[] { ci("dq-1", "{\"code\": \"1\", \"a\": \"x\", \"b\": 1}", null),
				ci("dq-2", "{\"code\": \"2\", \"a\": \"x\", \"c\": \"not counted\"}", null),
				ci("dq-3", "{\"code\": \"3\"}", this.t2),
				ci("dq-4", "{\"code\": \"4\", \"a\": \"y\", \"b\": 2}", this.t2) };
		age(this.cis[2], 200);
		age(this.cis[3], 120);
	}

	@Test
	void scoresFollowTheFormulasPerModelAndPerOwner() throws Exception {
		String m = "$.models[?(@.model == '" + this.model + "')].score";
		read("/api/v1/cmdb/quality").andExpect(status().isOk())
			.andExpect(jsonPath("$.completenessWeight").value(0.6))
			.andExpect(jsonPath("$.defaultFreshnessDays").value(90))
			.andExpect(jsonPath(m + ".cis").value(contains(4)))
			.andExpect(jsonPath(m + ".slots").value(contains(12)))
			.andExpect(jsonPath(m + ".filledSlots").value(contains(9)))
			.andExpect(jsonPath(m + ".completeness").value(contains(75.0)))
			.andExpect(jsonPath(m + ".freshness").value(contains(50.0)))
			.andExpect(jsonPath(m + ".overall").value(contains(65.0)))
			.andExpect(jsonPath("$.owners[?(@.ownerTeamId == '" + this.t1 + "')].score.completeness")
				.value(contains(83.3)))
			.andExpect(
					jsonPath("$.owners[?(@.ownerTeamId == '" + this.t1 + "')].score.freshness").value(contains(100.0)))
			.andExpect(jsonPath("$.owners[?(@.ownerTeamId == '" + this.t1 + "')].score.overall").value(contains(90.0)))
			.andExpect(jsonPath("$.owners[?(@.ownerTeamId == '" + this.t2 + "')].score.completeness")
				.value(contains(66.7)))
			.andExpect(jsonPath("$.owners[?(@.ownerTeamId == '" + this.t2 + "')].score.freshness").value(contains(0.0)))
			.andExpect(jsonPath("$.owners[?(@.ownerTeamId == '" + this.t2 + "')].score.overall").value(contains(40.0)));

		read("/api/v1/cmdb/quality/models/" + this.model).andExpect(status().isOk())
			.andExpect(jsonPath("$.score.completeness").value(75.0))
			.andExpect(jsonPath("$.score.overall").value(65.0))
			.andExpect(jsonPath("$.freshnessDays").value(90))
			.andExpect(jsonPath("$.attributes[*].code").value(contains("code", "a", "b", "c")))
			.andExpect(jsonPath("$.attributes[*].filled").value(contains(4, 3, 2, 1)))
			.andExpect(jsonPath("$.attributes[*].completeness").value(contains(100.0, 75.0, 50.0, 25.0)))
			.andExpect(jsonPath("$.attributes[*].counted").value(contains(true, true, true, false)));

		// a retired CI no longer counts
		send(post("/api/v1/cmdb/cis/" + this.cis[2] + "/retire"), "").andExpect(status().isOk());
		read("/api/v1/cmdb/quality/models/" + this.model).andExpect(jsonPath("$.score.cis").value(3))
			.andExpect(jsonPath("$.score.completeness").value(88.9))
			.andExpect(jsonPath("$.score.freshness").value(66.7));
	}

	@Test
	void issuesListTheOffendersWithWhatIsMissing() throws Exception {
		String base = "/api/v1/cmdb/quality/issues?model=" + this.model;
		read(base + "&kind=incomplete").andExpect(status().isOk())
			.andExpect(jsonPath("$.items[*].name").value(contains("dq-2", "dq-3")))
			.andExpect(jsonPath("$.items[0].missing[*].code").value(contains("b")))
			.andExpect(jsonPath("$.items[1].missing[*].code").value(contains("a", "b")))
			.andExpect(jsonPath("$.items[1].missing[0].name").value("甲"))
			.andExpect(jsonPath("$.items[1].missing[0].required").value(false))
			.andExpect(jsonPath("$.items[1].stale").value(true))
			.andExpect(jsonPath("$.items[1].daysSinceSeen").value(200))
			.andExpect(jsonPath("$.items[1].ownerTeamId").value(this.t2.toString()));
		read(base + "&kind=stale").andExpect(jsonPath("$.items[*].name").value(contains("dq-3", "dq-4")))
			.andExpect(jsonPath("$.items[1].incomplete").value(false));
		read(base).andExpect(jsonPath("$.items[*].name").value(contains("dq-2", "dq-3", "dq-4")));
		read(base + "&owner=" + this.t1).andExpect(jsonPath("$.items[*].name").value(contains("dq-2")))
			.andExpect(jsonPath("$.items[0].ownerTeamId").value(this.t1.toString()));
		// paging by cursor
		String first = read(base + "&limit=2").andExpect(jsonPath("$.items[*].name").value(contains("dq-2", "dq-3")))
			.andReturn()
			.getResponse()
			.getContentAsString();
		String cursor = JsonPath.read(first, "$.nextCursor");
		read(base + "&limit=2&cursor=" + cursor).andExpect(jsonPath("$.items[*].name").value(contains("dq-4")))
			.andExpect(jsonPath("$.nextCursor").isEmpty());
	}

	@Test
	void verifyingACiMakesItFresh() throws Exception {
		send(post("/api/v1/cmdb/cis/" + this.cis[3] + "/verify"), "").andExpect(status().isOk())
			.andExpect(jsonPath("$.version").value(2))
			.andExpect(jsonPath("$.verifiedBy").value("data-steward"));
		read("/api/v1/cmdb/quality/models/" + this.model).andExpect(jsonPath("$.score.freshness").value(75.0))
			.andExpect(jsonPath("$.score.overall").value(75.0));
		read("/api/v1/cmdb/quality/issues?kind=stale&model=" + this.model)
			.andExpect(jsonPath("$.items[*].name").value(contains("dq-3")));
		read("/api/v1/cmdb/cis/" + this.cis[3] + "/history").andExpect(jsonPath("$[1].change").value("VERIFIED"))
			.andExpect(jsonPath("$[1].version").value(2))
			.andExpect(jsonPath("$[1].actor").value("data-steward"));
		// the CI itself is unchanged apart from its version; its point-in-time view
		// agrees
		read("/api/v1/cmdb/cis/" + this.cis[3]).andExpect(jsonPath("$.version").value(2))
			.andExpect(jsonPath("$.attributes.a").value("y"));
		send(post("/api/v1/cmdb/cis/" + this.cis[2] + "/retire"), "").andExpect(status().isOk());
		send(post("/api/v1/cmdb/cis/" + this.cis[2] + "/verify"), "").andExpect(status().isConflict())
			.andExpect(jsonPath("$.code").value("cmdb.ci.retired"));
		send(post("/api/v1/cmdb/cis/" + UUID.randomUUID() + "/verify"), "").andExpect(status().isNotFound());
	}

	@Test
	void theDailySnapshotFeedsTheTrendAndThePublicApi() throws Exception {
		this.snapshots.take();
		read("/api/v1/cmdb/quality/trend?days=30&model=" + this.model).andExpect(status().isOk())
			.andExpect(jsonPath("$.length()").value(1))
			.andExpect(jsonPath("$[0].score.completeness").value(75.0))
			.andExpect(jsonPath("$[0].score.overall").value(65.0));
		read("/api/v1/cmdb/quality/trend?owner=" + this.t2).andExpect(jsonPath("$[0].score.overall").value(40.0));
		read("/api/v1/cmdb/quality/trend").andExpect(jsonPath("$.length()").value(1));

		QualityReport report = this.authorization.runAsSystem(this.dataQuality::current);
		assertThat(report.models()).filteredOn((q) -> q.model().equals(this.model))
			.singleElement()
			.satisfies((q) -> assertThat(q.score().overall()).isEqualTo(65.0));
		assertThat(this.authorization.runAsSystem(() -> this.dataQuality.trend(7))).hasSize(1);
	}

	@Test
	void badQueriesAreRefused() throws Exception {
		read("/api/v1/cmdb/quality/issues?kind=dirty").andExpect(status().isUnprocessableContent())
			.andExpect(jsonPath("$.errors[*].field").value(hasItem("kind")));
		read("/api/v1/cmdb/quality/issues?model=no_such_model&owner=nobody&limit=0")
			.andExpect(status().isUnprocessableContent())
			.andExpect(jsonPath("$.errors[*].field").value(org.hamcrest.Matchers.hasItems("model", "owner", "limit")));
		read("/api/v1/cmdb/quality/issues?cursor=!!").andExpect(status().isUnprocessableContent());
		read("/api/v1/cmdb/quality/trend?days=0").andExpect(status().isUnprocessableContent());
		read("/api/v1/cmdb/quality/trend?days=many").andExpect(status().isUnprocessableContent());
		read("/api/v1/cmdb/quality/models/no_such_model").andExpect(status().isNotFound());
	}

}
