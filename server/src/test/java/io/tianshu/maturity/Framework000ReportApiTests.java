package io.tianshu.maturity;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.jayway.jsonpath.JsonPath;
import io.tianshu.TianshuIntegrationTest;
import org.junit.jupiter.api.Test;
import org.openpdf.text.pdf.PdfReader;
import org.openpdf.text.pdf.parser.PdfTextExtractor;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * An assessment of the real framework 000 (4 classes, 21 domains, 1,072 criteria): a
 * handful of answers give the levels, gaps and roadmap the scoring rules say, the radars
 * break 000 down by class and domain, and the PDF of the whole framework renders.
 */
@TianshuIntegrationTest
class Framework000ReportApiTests {

	@Autowired
	MockMvc mvc;

	static RequestPostProcessor assessor(String name) {
		return user(name).authorities(new SimpleGrantedAuthority(MaturityPermissions.READ),
				new SimpleGrantedAuthority(MaturityPermissions.ASSESS));
	}

	void answer(String id, String who, String criterion, String answer) throws Exception {
		this.mvc
			.perform(put("/api/v1/maturity/assessments/" + id + "/answers/" + criterion).with(assessor(who))
				.with(csrf())
				.contentType(MediaType.APPLICATION_JSON)
				.content("{\"answer\": \"" + answer + "\"}"))
			.andExpect(status().isOk());
	}

	@Test
	void aHandfulOfAnswersOn000GiveLevelsGapsByDomainAndTheRoadmap() throws Exception {
		String ann = "ann-" + UUID.randomUUID().toString().substring(0, 8);
		String created = this.mvc
			.perform(post("/api/v1/maturity/assessments").with(assessor(ann))
				.with(csrf())
				.contentType(MediaType.APPLICATION_JSON)
				.content("""
						{"frameworkId": "000", "title": "000 自评", "scopeKind": "ORGANISATION",
						 "assessors": ["%s"], "reviewer": "rita"}""".formatted(ann)))
			.andExpect(status().isCreated())
			.andReturn()
			.getResponse()
			.getContentAsString();
		String id = JsonPath.read(created, "$.id");
		// 角色权限管理 (management scale, 3 levels): levels 1 and 2 met, level 3 open
		for (String c : List.of("000.7.2.1.2.L1.a", "000.7.2.1.2.L1.b", "000.7.2.1.2.L2.c")) {
			answer(id, ann, c, "MET");
		}
		// 策略与规程 of 资源模型管理 (application scale, 5 levels): 1 and 2 met, 3 not met
		for (String c : List.of("000.10.14.1.1.L1.1", "000.10.14.1.1.L2.1", "000.10.14.1.1.L3.a")) {
			answer(id, ann, c, "MET");
		}
		answer(id, ann, "000.10.14.1.1.L3.b", "NOT_MET");
		answer(id, ann, "000.10.14.1.1.L3.c", "NOT_APPLICABLE");

		String report = this.mvc.perform(get("/api/v1/maturity/assessments/" + id + "/report").with(assessor(ann)))
			.andExpect(status().isOk())
			.andReturn()
			.getResponse()
			.getContentAsString();
		assertThat((Integer) JsonPath.read(report, "$.total")).isEqualTo(1072);
		assertThat((Integer) JsonPath.read(report, "$.answered")).isEqualTo(8);
		assertThat(level(report, "000.7.2.1.2")).isEqualTo(2);
		assertThat(level(report, "000.10.14.1.1")).isEqualTo(2);
		assertThat(JsonPath.<List<Integer>>read(report, "$.nodes[?(@.id == '000.10.14.1.1')].maxLevel"))
			.containsExactly(5);
		// a parent is at the lowest level of its parts: the other sub-items are
		// unanswered
		assertThat(level(report, "000.7.2.1")).isZero();
		assertThat(level(report, "000.10.14")).isZero();
		assertThat(level(report, "000.7")).isZero();

		// radars: the overall one over the 4 classes, one per class over its domains (3 +
		// 3 + 14 of
		// the 21); 组织管理 is the only domain of class 9, and a radar needs three axes, so
		// class 9's
		// radar shows that domain's items
		List<String> radarIds = JsonPath.read(report, "$.radars[*].id");
		assertThat(radarIds).containsExactly("overall", "000.7", "000.8", "000.9", "000.10");
		assertThat(JsonPath.<List<Object>>read(report, "$.radars[0].indicators")).hasSize(4);
		int domains = 0;
		for (int i : List.of(1, 2, 4)) {
			domains += JsonPath.<List<Object>>read(report, "$.radars[" + i + "].indicators").size();
		}
		assertThat(domains + 1).isEqualTo(21);
		assertThat(JsonPath.<List<String>>read(report, "$.radars[3].indicators[*].nodeId")).contains("000.9.2",
				"000.9.3");

		// gaps grouped by domain: the next level's unmet criteria
		List<String> groups = JsonPath.read(report, "$.gaps[*].groupId");
		assertThat(groups).contains("000.7.2", "000.10.14").doesNotHaveDuplicates();
		Map<String, Object> roleGap = gap(report, "000.7.2", "000.7.2.1.2");
		assertThat(roleGap).containsEntry("currentLevel", 2).containsEntry("targetLevel", 3);
		assertThat(JsonPath.<List<String>>read(roleGap, "$.criteria[*].id")).containsExactly("000.7.2.1.2.L3.d");
		Map<String, Object> modelGap = gap(report, "000.10.14", "000.10.14.1.1");
		assertThat(modelGap).containsEntry("targetLevel", 3);
		// not applicable is no gap; the not-met answer is shown
		assertThat(JsonPath.<List<String>>read(modelGap, "$.criteria[*].id")).containsExactly("000.10.14.1.1.L3.b");
		assertThat(JsonPath.<List<String>>read(modelGap, "$.criteria[*].answer")).containsExactly("NOT_MET");

		// roadmap: phases by target level, the answered sub-items first appear at level 3
		List<Integer> phases = JsonPath.read(report, "$.roadmap[*].targetLevel");
		assertThat(phases).containsExactly(1, 2, 3, 4, 5);
		assertThat(JsonPath.<List<String>>read(report, "$.roadmap[0].steps[*].nodeId")).doesNotContain("000.7.2.1.2",
				"000.10.14.1.1");
		assertThat(JsonPath.<List<String>>read(report, "$.roadmap[2].steps[*].nodeId")).contains("000.7.2.1.2",
				"000.10.14.1.1");

		long started = System.nanoTime();
		byte[] pdf = this.mvc.perform(get("/api/v1/maturity/assessments/" + id + "/report.pdf").with(assessor(ann)))
			.andExpect(status().isOk())
			.andReturn()
			.getResponse()
			.getContentAsByteArray();
		long millis = (System.nanoTime() - started) / 1_000_000;
		PdfReader reader = new PdfReader(pdf);
		try {
			int pages = reader.getNumberOfPages();
			System.out.printf("000 report PDF: %d pages, %d bytes, %d ms%n", pages, pdf.length, millis);
			assertThat(pages).isGreaterThan(3);
			assertThat(new PdfTextExtractor(reader).getTextFromPage(1)).contains("成熟度概览");
		}
		finally {
			reader.close();
		}
	}

	private static int level(String report, String node) {
		List<Integer> levels = JsonPath.read(report, "$.nodes[?(@.id == '" + node + "')].level");
		assertThat(levels).as(node).hasSize(1);
		return levels.get(0);
	}

	private static Map<String, Object> gap(String report, String group, String node) {
		List<Map<String, Object>> gaps = JsonPath.read(report,
				"$.gaps[?(@.groupId == '" + group + "')].items[?(@.nodeId == '" + node + "')]");
		assertThat(gaps).as(node).hasSize(1);
		return gaps.get(0);
	}

}
