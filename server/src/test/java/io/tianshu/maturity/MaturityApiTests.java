package io.tianshu.maturity;

import java.util.List;
import java.util.UUID;

import com.jayway.jsonpath.JsonPath;
import io.tianshu.TianshuIntegrationTest;
import org.junit.jupiter.api.Test;
import org.openpdf.text.pdf.PdfDictionary;
import org.openpdf.text.pdf.PdfName;
import org.openpdf.text.pdf.PdfReader;
import org.openpdf.text.pdf.parser.PdfTextExtractor;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * Assessments, answers with evidence, review and sign-off, reports and the PDF, on the
 * test framework T01 (test classpath).
 */
@TianshuIntegrationTest
class MaturityApiTests {

	@Autowired
	MockMvc mvc;

	static String suffix() {
		return UUID.randomUUID().toString().substring(0, 8);
	}

	static RequestPostProcessor as(String name, String... permissions) {
		return user(name).authorities(java.util.Arrays.stream(permissions).map(SimpleGrantedAuthority::new).toList());
	}

	static RequestPostProcessor assessor(String name) {
		return as(name, MaturityPermissions.READ, MaturityPermissions.ASSESS);
	}

	static RequestPostProcessor reviewer(String name) {
		return as(name, MaturityPermissions.READ, MaturityPermissions.REVIEW);
	}

	ResultActions send(MockHttpServletRequestBuilder request, RequestPostProcessor who, String body) throws Exception {
		return this.mvc.perform(request.with(who)
			.with(csrf())
			.contentType(MediaType.APPLICATION_JSON)
			.content((body != null) ? body : "{}"));
	}

	String create(String assessor, String reviewer) throws Exception {
		String body = send(post("/api/v1/maturity/assessments"), assessor(assessor), """
				{"frameworkId": "T01", "title": "自评 %s", "scopeKind": "ORGANISATION",
				 "assessors": ["%s"], "reviewer": "%s"}""".formatted(suffix(), assessor, reviewer))
			.andExpect(status().isCreated())
			.andExpect(jsonPath("$.status").value("DRAFT"))
			.andReturn()
			.getResponse()
			.getContentAsString();
		return JsonPath.read(body, "$.id");
	}

	ResultActions answer(String id, String who, String criterion, String answer) throws Exception {
		return send(put("/api/v1/maturity/assessments/" + id + "/answers/" + criterion), assessor(who),
				"{\"answer\": \"" + answer + "\"}");
	}

	@Test
	void badInputIsAnsweredWithFieldErrors() throws Exception {
		send(post("/api/v1/maturity/assessments"), assessor("a-" + suffix()), """
				{"frameworkId": "nope", "title": " ", "assessors": [], "reviewer": "r"}""")
			.andExpect(status().isUnprocessableContent())
			.andExpect(jsonPath("$.errors[*].field", hasItems("frameworkId", "title", "assessors")))
			.andExpect(jsonPath("$.errors[*].code", hasItem("maturity.framework.unknown")));
		send(post("/api/v1/maturity/assessments"), assessor("a-" + suffix()), """
				{"frameworkId": "T01", "title": "t", "assessors": ["ann", "rita"], "reviewer": "rita"}""")
			.andExpect(status().isUnprocessableContent())
			.andExpect(jsonPath("$.errors[0].field").value("reviewer"))
			.andExpect(jsonPath("$.errors[0].code").value("maturity.assessment.reviewer-is-assessor"));
		send(post("/api/v1/maturity/assessments"), assessor("a-" + suffix()), """
				{"frameworkId": "T01", "title": "t", "scopeKind": "SYSTEMS", "systemIds": ["not-a-ci"],
				 "assessors": ["ann"], "reviewer": "rita"}""").andExpect(status().isUnprocessableContent())
			.andExpect(jsonPath("$.errors[0].code").value("maturity.scope.unknown-system"));
		String id = create("ann-" + suffix(), "rita");
		send(put("/api/v1/maturity/assessments/" + id + "/answers/T01.9.L1.a"), assessor("x"), "{\"answer\":\"MET\"}")
			.andExpect(status().isForbidden());
		send(post("/api/v1/maturity/assessments/" + UUID.randomUUID() + "/submit"), assessor("x"), null)
			.andExpect(status().isNotFound())
			.andExpect(jsonPath("$.code").value("maturity.assessment.not-found"));
	}

	@Test
	void answersCarryEvidenceAndOnlyAssessorsAnswer() throws Exception {
		String ann = "ann-" + suffix();
		String id = create(ann, "rita");
		answer(id, "mallory", "T01.1.1.1.L1.a", "MET").andExpect(status().isForbidden())
			.andExpect(jsonPath("$.code").value("maturity.assessment.assessors-only"));
		answer(id, ann, "T01.404.L1.a", "MET").andExpect(status().isNotFound())
			.andExpect(jsonPath("$.code").value("maturity.criterion.not-found"));
		send(put("/api/v1/maturity/assessments/" + id + "/answers/T01.1.1.1.L1.a"), assessor(ann), """
				{"answer": "PARTLY", "notes": "角色已定义", "links": [
				  {"type": "URL", "target": "/admin/roles", "label": "roles"},
				  {"type": "AUDIT_QUERY", "target": "action=platform.role.*"}]}""").andExpect(status().isOk())
			.andExpect(jsonPath("$.source").value("MANUAL"))
			.andExpect(jsonPath("$.links[1].type").value("AUDIT_QUERY"));
		send(put("/api/v1/maturity/assessments/" + id + "/answers/T01.1.1.1.L1.a"), assessor(ann), """
				{"answer": "MET", "links": [{"type": "URL", "target": "https://evil.example"},
				  {"type": "CI", "target": "%s"}]}""".formatted(UUID.randomUUID()))
			.andExpect(status().isUnprocessableContent())
			.andExpect(jsonPath("$.errors[*].field", hasItems("links[0].target", "links[1].target")));
		send(put("/api/v1/maturity/assessments/" + id + "/answers/T01.1.1.1.L1.a"), assessor(ann),
				"{\"answer\": \"MAYBE\"}")
			.andExpect(status().isBadRequest());

		byte[] png = { (byte) 0x89, 'P', 'N', 'G', 13, 10, 26, 10, 0, 0 };
		String uploaded = this.mvc
			.perform(multipart("/api/v1/maturity/assessments/" + id + "/answers/T01.1.1.1.L1.a/attachments")
				.file(new MockMultipartFile("file", "截图.png", "image/png", png))
				.with(assessor(ann))
				.with(csrf()))
			.andExpect(status().isCreated())
			.andExpect(jsonPath("$.size").value(png.length))
			.andReturn()
			.getResponse()
			.getContentAsString();
		String attachmentId = JsonPath.read(uploaded, "$.id");
		this.mvc.perform(get("/api/v1/maturity/assessments/" + id + "/attachments/" + attachmentId).with(assessor(ann)))
			.andExpect(status().isOk())
			.andExpect((r) -> assertThat(r.getResponse().getContentAsByteArray()).isEqualTo(png));
		this.mvc
			.perform(multipart("/api/v1/maturity/assessments/" + id + "/answers/T01.1.1.1.L1.a/attachments")
				.file(new MockMultipartFile("file", "tool.exe", "application/x-msdownload", new byte[] { 'M', 'Z' }))
				.with(assessor(ann))
				.with(csrf()))
			.andExpect(status().isUnprocessableContent())
			.andExpect(jsonPath("$.errors[0].code").value("maturity.attachment.type-not-allowed"));
		this.mvc
			.perform(multipart("/api/v1/maturity/assessments/" + id + "/answers/T01.1.1.1.L1.a/attachments")
				.file(new MockMultipartFile("file", "fake.pdf", "application/pdf", new byte[] { 'M', 'Z', 0 }))
				.with(assessor(ann))
				.with(csrf()))
			.andExpect(status().isUnprocessableContent())
			.andExpect(jsonPath("$.errors[0].code").value("maturity.attachment.content-mismatch"));
		this.mvc.perform(get("/api/v1/maturity/assessments/" + id).with(assessor(ann)))
			.andExpect(jsonPath("$.answers['T01.1.1.1.L1.a'].answer").value("PARTLY"))
			.andExpect(jsonPath("$.answers['T01.1.1.1.L1.a'].attachments[0].fileName").value("截图.png"));
	}

	@Test
	void signOffIsTheReviewersAloneAndFreezesTheAssessment() throws Exception {
		String ann = "ann-" + suffix();
		String rita = "rita-" + suffix();
		String id = create(ann, rita);
		answer(id, ann, "T01.1.1.1.L1.a", "MET").andExpect(status().isOk());
		send(post("/api/v1/maturity/assessments/" + id + "/sign-off"), reviewer(rita), null)
			.andExpect(status().isConflict())
			.andExpect(jsonPath("$.code").value("maturity.assessment.not-in-review"));
		send(post("/api/v1/maturity/assessments/" + id + "/submit"), assessor(ann), null).andExpect(status().isOk())
			.andExpect(jsonPath("$.status").value("IN_REVIEW"));
		answer(id, ann, "T01.1.1.1.L1.b", "MET").andExpect(status().isConflict())
			.andExpect(jsonPath("$.code").value("maturity.assessment.in-review"));
		// an assessor holding the review permission is still not the reviewer
		send(post("/api/v1/maturity/assessments/" + id + "/sign-off"), reviewer(ann), null)
			.andExpect(status().isForbidden())
			.andExpect(jsonPath("$.code").value("maturity.assessment.reviewer-only"));
		send(post("/api/v1/maturity/assessments/" + id + "/sign-off"), assessor(rita), null)
			.andExpect(status().isForbidden());
		send(post("/api/v1/maturity/assessments/" + id + "/return"), reviewer(rita), "{\"note\": \"补充证据\"}")
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.status").value("DRAFT"))
			.andExpect(jsonPath("$.reviewNote").value("补充证据"));
		answer(id, ann, "T01.1.1.1.L1.b", "MET").andExpect(status().isOk());
		send(post("/api/v1/maturity/assessments/" + id + "/submit"), assessor(ann), null).andExpect(status().isOk());
		send(post("/api/v1/maturity/assessments/" + id + "/sign-off"), reviewer(rita), null).andExpect(status().isOk())
			.andExpect(jsonPath("$.status").value("SIGNED_OFF"))
			.andExpect(jsonPath("$.signedOffBy").value(rita));
		answer(id, ann, "T01.1.1.1.L2.c", "MET").andExpect(status().isConflict())
			.andExpect(jsonPath("$.code").value("maturity.assessment.frozen"));
		send(delete("/api/v1/maturity/assessments/" + id), assessor(ann), null).andExpect(status().isConflict());
		send(post("/api/v1/maturity/assessments/" + id + "/prefill"), assessor(ann), null)
			.andExpect(status().isConflict());
	}

	@Test
	void prefillAnswersFromProbesAndOverridesNeedAReasonAndShowInTheReport() throws Exception {
		String ann = "ann-" + suffix();
		String id = create(ann, "rita");
		send(post("/api/v1/maturity/probes/run"), assessor(ann), "{\"probeIds\": [\"" + FixtureProbe.ID + "\"]}")
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.results[0].verdict").value("MET"));
		send(post("/api/v1/maturity/assessments/" + id + "/prefill"), assessor(ann), null).andExpect(status().isOk())
			.andExpect(jsonPath("$.filled").value(2));
		this.mvc.perform(get("/api/v1/maturity/assessments/" + id).with(assessor(ann)))
			.andExpect(jsonPath("$.answers['T01.1.2.1.L1.1'].source").value("PROBE"))
			.andExpect(jsonPath("$.answers['T01.1.2.1.L1.1'].probeId").value(FixtureProbe.ID));
		answer(id, ann, "T01.1.2.1.L2.a", "NOT_MET").andExpect(status().isUnprocessableContent())
			.andExpect(jsonPath("$.errors[0].code").value("maturity.answer.override-reason-required"));
		send(put("/api/v1/maturity/assessments/" + id + "/answers/T01.1.2.1.L2.a"), assessor(ann), """
				{"answer": "NOT_MET", "overrideReason": "链完整但未覆盖外包系统"}""").andExpect(status().isOk())
			.andExpect(jsonPath("$.source").value("OVERRIDE"));
		this.mvc.perform(get("/api/v1/maturity/assessments/" + id + "/report?lang=en").with(assessor(ann)))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.overrides[0].criterionId").value("T01.1.2.1.L2.a"))
			.andExpect(jsonPath("$.overrides[0].reason").value("链完整但未覆盖外包系统"))
			.andExpect(jsonPath("$.nodes[?(@.id == 'T01.1.2.1')].level").value(1));
		// a second prefill keeps the assessor's override
		send(post("/api/v1/maturity/assessments/" + id + "/prefill"), assessor(ann), null).andExpect(status().isOk())
			.andExpect(jsonPath("$.filled").value(1))
			.andExpect(jsonPath("$.keptManual").value(1));
	}

	@Test
	void reportHasLevelsGapsRoadmapAndTheComparisonWithThePreviousSignedOffAssessment() throws Exception {
		String ann = "ann-" + suffix();
		String rita = "rita-" + suffix();
		// an earlier, signed-off assessment of the same framework and scope
		String first = create(ann, rita);
		for (String c : List.of("T01.1.1.1.L1.a", "T01.1.1.1.L1.b")) {
			answer(first, ann, c, "MET").andExpect(status().isOk());
		}
		send(post("/api/v1/maturity/assessments/" + first + "/submit"), assessor(ann), null).andExpect(status().isOk());
		send(post("/api/v1/maturity/assessments/" + first + "/sign-off"), reviewer(rita), null)
			.andExpect(status().isOk());

		String id = create(ann, rita);
		for (String c : List.of("T01.1.1.1.L1.a", "T01.1.1.1.L1.b", "T01.1.1.1.L2.c", "T01.1.1.2.L1.a",
				"T01.2.1.1.L1.a")) {
			answer(id, ann, c, "MET").andExpect(status().isOk());
		}
		answer(id, ann, "T01.1.1.2.L2.c", "PARTLY").andExpect(status().isOk());
		String report = this.mvc.perform(get("/api/v1/maturity/assessments/" + id + "/report").with(assessor(ann)))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.lang").value("zh-CN"))
			.andExpect(jsonPath("$.nodes[?(@.id == 'T01.1.1.1')].level").value(2))
			.andExpect(jsonPath("$.nodes[?(@.id == 'T01.1.1.2')].level").value(1))
			.andExpect(jsonPath("$.nodes[?(@.id == 'T01.1.1')].level").value(1))
			.andExpect(jsonPath("$.nodes[?(@.id == 'T01.1.1')].score").value(1.5))
			.andExpect(jsonPath("$.nodes[?(@.id == 'T01.1.2')].level").value(0))
			.andExpect(jsonPath("$.nodes[?(@.id == 'T01.1')].name").value("安全与风险"))
			.andExpect(jsonPath("$.radars[0].id").value("overall"))
			.andExpect(jsonPath("$.gaps[0].groupId").value("T01.1.1"))
			.andExpect(jsonPath("$.gaps[0].items[0].nodeId").value("T01.1.1.1"))
			.andExpect(jsonPath("$.gaps[0].items[0].targetLevel").value(3))
			.andExpect(jsonPath("$.gaps[0].items[1].criteria[0].answer").value("PARTLY"))
			.andExpect(jsonPath("$.roadmap[0].targetLevel").value(1))
			.andExpect(jsonPath("$.roadmap[0].steps[0].nodeId").value("T01.1.2.1"))
			.andExpect(jsonPath("$.comparison.previousId").value(first))
			.andExpect(jsonPath("$.comparison.deltas[?(@.nodeId == 'T01.1.1.1')].delta").value(1))
			.andExpect(jsonPath("$.comparison.deltas[?(@.nodeId == 'T01.2.1.1')].delta").value(1))
			.andReturn()
			.getResponse()
			.getContentAsString();
		List<Integer> levels = JsonPath.read(report, "$.roadmap[*].targetLevel");
		assertThat(levels).containsExactly(1, 2, 3);

		byte[] pdf = this.mvc.perform(get("/api/v1/maturity/assessments/" + id + "/report.pdf").with(assessor(ann)))
			.andExpect(status().isOk())
			.andExpect((r) -> assertThat(r.getResponse().getContentType()).isEqualTo("application/pdf"))
			.andReturn()
			.getResponse()
			.getContentAsByteArray();
		PdfReader reader = new PdfReader(pdf);
		try {
			assertThat(reader.getNumberOfPages()).isPositive();
			String text = new PdfTextExtractor(reader).getTextFromPage(1);
			assertThat(text).contains("成熟度概览").contains("安全与风险");
			boolean embedded = false;
			for (int i = 1; i < reader.getXrefSize(); i++) {
				if (PdfReader.getPdfObject(reader.getPdfObject(i)) instanceof PdfDictionary dictionary
						&& dictionary.contains(PdfName.FONTFILE2)) {
					embedded = true;
				}
			}
			assertThat(embedded).as("the TrueType font is embedded").isTrue();
		}
		finally {
			reader.close();
		}
		byte[] english = this.mvc
			.perform(get("/api/v1/maturity/assessments/" + id + "/report.pdf?lang=en").with(assessor(ann)))
			.andExpect(status().isOk())
			.andReturn()
			.getResponse()
			.getContentAsByteArray();
		PdfReader en = new PdfReader(english);
		try {
			assertThat(new PdfTextExtractor(en).getTextFromPage(1)).contains("Maturity overview");
		}
		finally {
			en.close();
		}
	}

	@Test
	void frameworksAreBrowsable() throws Exception {
		this.mvc.perform(get("/api/v1/maturity/frameworks").with(as("v", MaturityPermissions.READ)))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$[?(@.id == 'T01')].criteria").value(12));
		this.mvc.perform(get("/api/v1/maturity/frameworks/T01").with(as("v", MaturityPermissions.READ)))
			.andExpect(jsonPath("$.nodes[0].children[0].children[0].levels[0].criteria[0].id").value("T01.1.1.1.L1.a"));
		this.mvc.perform(get("/api/v1/maturity/frameworks/nope").with(as("v", MaturityPermissions.READ)))
			.andExpect(status().isNotFound());
	}

}
