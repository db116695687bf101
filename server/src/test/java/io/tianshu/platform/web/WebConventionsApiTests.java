package io.tianshu.platform.web;

import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;

import io.micrometer.core.instrument.MeterRegistry;
import io.tianshu.TianshuIntegrationTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

@TianshuIntegrationTest
@ExtendWith(OutputCaptureExtension.class)
class WebConventionsApiTests {

	private static final String BASE = "/api/v1/test/conventions";

	@Autowired
	MockMvc mvc;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	MeterRegistry meters;

	@Autowired
	IdempotencyKeys keys;

	private final String username = "conv-" + UUID.randomUUID();

	private RequestPostProcessor caller() {
		return user(this.username).authorities(new SimpleGrantedAuthority("platform.system.read"));
	}

	private MockHttpServletRequestBuilder postJson(String path, String body) {
		return post(BASE + path).with(caller()).with(csrf()).contentType(MediaType.APPLICATION_JSON).content(body);
	}

	@Test
	void malformedJsonIs400() throws Exception {
		this.mvc.perform(postJson("/things", "{\"name\": "))
			.andExpect(status().isBadRequest())
			.andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
			.andExpect(jsonPath("$.code").value("request.malformed"))
			.andExpect(jsonPath("$.type").value("https://tianshu.io/problems/request.malformed"))
			.andExpect(jsonPath("$.requestId").value(notNullValue()));
	}

	@Test
	void unknownFieldIs400WithTheField() throws Exception {
		this.mvc.perform(postJson("/things", "{\"name\":\"a\",\"count\":1,\"colour\":\"red\"}"))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.code").value("request.unknown-field"))
			.andExpect(jsonPath("$.errors[0].field").value("colour"));
	}

	@Test
	void wrongTypeIs400WithTheField() throws Exception {
		this.mvc.perform(postJson("/things", "{\"name\":\"a\",\"count\":\"many\"}"))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.code").value("request.invalid-type"))
			.andExpect(jsonPath("$.errors[0].field").value("count"));
	}

	@Test
	void beanValidationIs422WithFieldErrors() throws Exception {
		this.mvc.perform(postJson("/things", "{\"name\":\" \",\"count\":11}"))
			.andExpect(status().isUnprocessableContent())
			.andExpect(jsonPath("$.code").value("validation"))
			.andExpect(jsonPath("$.errors[?(@.field == 'name')].code").value("validation.not-blank"))
			.andExpect(jsonPath("$.errors[?(@.field == 'count')].code").value("validation.max"));
	}

	@Test
	void missingAndMistypedParametersAre400() throws Exception {
		this.mvc.perform(get(BASE + "/page").with(caller()))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.code").value("request.missing-parameter"))
			.andExpect(jsonPath("$.errors[0].field").value("limit"));
		this.mvc.perform(get(BASE + "/page").param("limit", "ten").with(caller()))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.code").value("request.invalid-parameter"))
			.andExpect(jsonPath("$.errors[0].field").value("limit"));
	}

	@Test
	void wrongContentTypeIs415() throws Exception {
		this.mvc
			.perform(post(BASE + "/things").with(caller()).with(csrf()).contentType(MediaType.TEXT_PLAIN).content("x"))
			.andExpect(status().isUnsupportedMediaType())
			.andExpect(jsonPath("$.code").value("request.unsupported-media-type"));
	}

	@Test
	void unknownPathIs404AndWrongMethodIs405() throws Exception {
		this.mvc.perform(get("/api/v1/test/conventions/nothing-here").with(caller()))
			.andExpect(status().isNotFound())
			.andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
			.andExpect(jsonPath("$.code").value("request.not-found"));
		this.mvc.perform(put(BASE + "/things").with(caller()).with(csrf()))
			.andExpect(status().isMethodNotAllowed())
			.andExpect(jsonPath("$.code").value("request.method-not-allowed"))
			.andExpect(header().exists("Allow"));
	}

	@Test
	void unacceptableIs406() throws Exception {
		this.mvc.perform(get(BASE + "/report").with(caller()).accept(MediaType.APPLICATION_JSON))
			.andExpect(status().isNotAcceptable())
			.andExpect(jsonPath("$.code").value("request.not-acceptable"));
	}

	@Test
	void oversizedBodyIs413WithAndWithoutContentLength() throws Exception {
		String big = "{\"name\":\"" + "x".repeat(1024 * 1024) + "\",\"count\":1}";
		// declared length: refused before reading
		this.mvc.perform(postJson("/things", big).header("Content-Length", big.length()))
			.andExpect(status().isContentTooLarge())
			.andExpect(jsonPath("$.code").value("request.too-large"))
			.andExpect(jsonPath("$.params.maxBytes").value(1024 * 1024));
		// no Content-Length header (as with chunked transfer): counted while read
		this.mvc.perform(postJson("/things", big))
			.andExpect(status().isContentTooLarge())
			.andExpect(jsonPath("$.code").value("request.too-large"));
		// and through the idempotency filter, which reads the body itself
		this.mvc.perform(postJson("/things", big).header("Idempotency-Key", UUID.randomUUID().toString()))
			.andExpect(status().isContentTooLarge())
			.andExpect(jsonPath("$.code").value("request.too-large"));
		this.mvc.perform(post(BASE + "/upload").with(caller()).with(csrf()))
			.andExpect(status().isContentTooLarge())
			.andExpect(jsonPath("$.code").value("request.too-large"));
	}

	@Test
	void tooManyRequestsPassesThrough() throws Exception {
		this.mvc.perform(get(BASE + "/throttled").with(caller()))
			.andExpect(status().isTooManyRequests())
			.andExpect(jsonPath("$.code").value("test.throttled"))
			.andExpect(header().string("Retry-After", "30"));
		this.mvc.perform(get(BASE + "/status-429").with(caller()))
			.andExpect(status().isTooManyRequests())
			.andExpect(jsonPath("$.code").value("request.too-many"));
	}

	@Test
	void unexpectedFailureIs500WithoutInternals(CapturedOutput output) throws Exception {
		this.mvc.perform(get(BASE + "/boom").with(caller()).header("X-Request-Id", "req-boom-1"))
			.andExpect(status().isInternalServerError())
			.andExpect(jsonPath("$.code").value("internal"))
			.andExpect(jsonPath("$.requestId").value("req-boom-1"))
			.andExpect(jsonPath("$.detail").value(containsString("req-boom-1")))
			.andExpect(content().string(not(containsString("Secret.java"))))
			.andExpect(content().string(not(containsString("IllegalStateException"))));
		// the log line carries the request id from the MDC (logging.pattern.correlation)
		assertThat(output.getOut() + output.getErr()).contains("[req-boom-1]").contains("Secret.java:42");
	}

	@Test
	void errorPageAnswersProblemDetails() throws Exception {
		this.mvc
			.perform(get("/error").with(caller())
				.requestAttr("jakarta.servlet.error.status_code", 500)
				.requestAttr("jakarta.servlet.error.exception", new IllegalStateException("filter broke"))
				.requestAttr("jakarta.servlet.error.request_uri", "/api/v1/anything")
				// an error dispatch skips the request id filter: the original request set
				// the id
				.requestAttr(CurrentRequest.REQUEST_ID_ATTRIBUTE, "req-err-1"))
			.andExpect(status().isInternalServerError())
			.andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
			.andExpect(jsonPath("$.code").value("internal"))
			.andExpect(jsonPath("$.requestId").value("req-err-1"))
			.andExpect(content().string(not(containsString("filter broke"))));
		this.mvc.perform(get("/error").with(caller()).requestAttr("jakarta.servlet.error.status_code", 401))
			.andExpect(status().isUnauthorized())
			.andExpect(jsonPath("$.code").value("auth.required"));
	}

	@Test
	void requestIdIsEchoedOrGenerated() throws Exception {
		this.mvc.perform(get(BASE + "/page").param("limit", "5").with(caller()).header("X-Request-Id", "abc-123"))
			.andExpect(status().isOk())
			.andExpect(header().string("X-Request-Id", "abc-123"));
		MvcResult generated = this.mvc.perform(get(BASE + "/page").with(caller()).header("X-Request-Id", "bad id!"))
			.andExpect(status().isBadRequest())
			.andReturn();
		String id = generated.getResponse().getHeader("X-Request-Id");
		assertThat(id).isNotEqualTo("bad id!").matches("[0-9a-f-]{36}");
		assertThat(generated.getResponse().getContentAsString()).contains("\"requestId\":\"" + id + "\"");
	}

	@Test
	void securityHeadersArePresentAndNoCors() throws Exception {
		this.mvc
			.perform(get(BASE + "/page").param("limit", "1").with(caller()).header("Origin", "https://evil.example"))
			.andExpect(header().string("Content-Security-Policy", containsString("frame-ancestors 'none'")))
			.andExpect(header().string("Content-Security-Policy", containsString("style-src 'self' 'unsafe-inline'")))
			.andExpect(header().string("X-Content-Type-Options", "nosniff"))
			.andExpect(header().string("Referrer-Policy", "same-origin"))
			.andExpect(header().exists("Permissions-Policy"))
			.andExpect(header().doesNotExist("Access-Control-Allow-Origin"));
		// also on errors
		this.mvc.perform(get("/api/v1/nothing").with(caller()))
			.andExpect(status().isNotFound())
			.andExpect(header().string("X-Content-Type-Options", "nosniff"));
	}

	@Test
	void idempotentReplayReturnsTheStoredResponse() throws Exception {
		String key = UUID.randomUUID().toString();
		String body = "{\"name\":\"once\",\"count\":2}";
		int before = ConventionsTestController.executions.get();
		double replaysBefore = this.meters.counter(ApiMetrics.REPLAYS).count();
		MvcResult first = this.mvc.perform(postJson("/things", body).header("Idempotency-Key", key))
			.andExpect(status().isCreated())
			.andExpect(header().doesNotExist("Idempotency-Replayed"))
			.andReturn();
		MvcResult second = this.mvc.perform(postJson("/things", body).header("Idempotency-Key", key))
			.andExpect(status().isCreated())
			.andExpect(header().string("Idempotency-Replayed", "true"))
			.andExpect(header().string("Location", first.getResponse().getHeader("Location")))
			.andReturn();
		assertThat(second.getResponse().getContentAsString()).isEqualTo(first.getResponse().getContentAsString());
		assertThat(ConventionsTestController.executions.get()).isEqualTo(before + 1);
		assertThat(this.meters.counter(ApiMetrics.REPLAYS).count()).isEqualTo(replaysBefore + 1);
		// keys are per caller: someone else's identical key is a new request
		this.mvc
			.perform(post(BASE + "/things")
				.with(user("other-" + UUID.randomUUID())
					.authorities(new SimpleGrantedAuthority("platform.system.read")))
				.with(csrf())
				.contentType(MediaType.APPLICATION_JSON)
				.content(body)
				.header("Idempotency-Key", key))
			.andExpect(status().isCreated())
			.andExpect(header().doesNotExist("Idempotency-Replayed"));
	}

	@Test
	void reusedKeyWithAnotherBodyIs422() throws Exception {
		String key = UUID.randomUUID().toString();
		this.mvc.perform(postJson("/things", "{\"name\":\"a\",\"count\":1}").header("Idempotency-Key", key))
			.andExpect(status().isCreated());
		this.mvc.perform(postJson("/things", "{\"name\":\"b\",\"count\":1}").header("Idempotency-Key", key))
			.andExpect(status().isUnprocessableContent())
			.andExpect(jsonPath("$.code").value("idempotency.key-reused"));
	}

	@Test
	void failuresAreNotStoredAndClientErrorsAre() throws Exception {
		String key = UUID.randomUUID().toString();
		int before = ConventionsTestController.executions.get();
		this.mvc.perform(postJson("/fail", "{\"name\":\"a\",\"count\":1}").header("Idempotency-Key", key))
			.andExpect(status().isInternalServerError());
		this.mvc.perform(postJson("/fail", "{\"name\":\"a\",\"count\":1}").header("Idempotency-Key", key))
			.andExpect(status().isInternalServerError())
			.andExpect(header().doesNotExist("Idempotency-Replayed"));
		assertThat(ConventionsTestController.executions.get()).isEqualTo(before + 2);
		String invalidKey = UUID.randomUUID().toString();
		this.mvc.perform(postJson("/things", "{\"name\":\"\",\"count\":1}").header("Idempotency-Key", invalidKey))
			.andExpect(status().isUnprocessableContent());
		this.mvc.perform(postJson("/things", "{\"name\":\"\",\"count\":1}").header("Idempotency-Key", invalidKey))
			.andExpect(status().isUnprocessableContent())
			.andExpect(header().string("Idempotency-Replayed", "true"))
			.andExpect(jsonPath("$.code").value("validation"));
	}

	@Test
	void concurrentDuplicateIs409() throws Exception {
		String key = UUID.randomUUID().toString();
		String body = "{\"name\":\"slow\",\"count\":1}";
		CountDownLatch gate = new CountDownLatch(1);
		ConventionsTestController.slowGate = gate;
		CompletableFuture<MvcResult> first = CompletableFuture
			.supplyAsync(() -> perform(postJson("/slow", body).header("Idempotency-Key", key)));
		await().until(() -> this.jdbc
			.sql("SELECT count(*) FROM platform.idempotency_key WHERE idem_key = ? AND state = 'IN_PROGRESS'")
			.param(key)
			.query(Long.class)
			.single() == 1);
		this.mvc.perform(postJson("/slow", body).header("Idempotency-Key", key))
			.andExpect(status().isConflict())
			.andExpect(jsonPath("$.code").value("idempotency.in-progress"));
		gate.countDown();
		assertThat(first.get().getResponse().getStatus()).isEqualTo(200);
		this.mvc.perform(postJson("/slow", body).header("Idempotency-Key", key))
			.andExpect(status().isOk())
			.andExpect(header().string("Idempotency-Replayed", "true"));
	}

	@Test
	void expiredKeysAreCleanedUp() {
		String key = "expired-" + UUID.randomUUID();
		this.jdbc.sql("""
				INSERT INTO platform.idempotency_key (caller, idem_key, request_hash, state, created_at, expires_at)
				VALUES ('user:x', ?, 'h', 'COMPLETE', now() - interval '2 days', now() - interval '1 day')""")
			.param(key)
			.update();
		assertThat(this.keys.deleteExpired()).isPositive();
		assertThat(this.jdbc.sql("SELECT count(*) FROM platform.idempotency_key WHERE idem_key = ?")
			.param(key)
			.query(Long.class)
			.single()).isZero();
	}

	@Test
	void problemsAreCountedByCode() throws Exception {
		double before = problems("request.not-found");
		this.mvc.perform(get("/api/v1/no/such/thing").with(caller())).andExpect(status().isNotFound());
		assertThat(problems("request.not-found")).isEqualTo(before + 1);
	}

	private double problems(String code) {
		var counter = this.meters.find(ApiMetrics.PROBLEMS).tag("code", code).counter();
		return (counter != null) ? counter.count() : 0;
	}

	private MvcResult perform(MockHttpServletRequestBuilder request) {
		try {
			return this.mvc.perform(request).andReturn();
		}
		catch (Exception ex) {
			throw new IllegalStateException(ex);
		}
	}

}
