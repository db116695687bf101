package io.tianshu.platform.web;

import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import io.tianshu.platform.PlatformPermissions;
import io.tianshu.platform.ProblemKind;
import io.tianshu.platform.RequiresPermission;
import io.tianshu.platform.TianshuException;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MaxUploadSizeExceededException;
import org.springframework.web.server.ResponseStatusException;

/**
 * Test-only endpoints that exercise the API conventions (component-scanned into every
 * test context alike).
 */
@RestController
@RequestMapping("/api/v1/test/conventions")
@RequiresPermission(PlatformPermissions.SYSTEM_READ)
class ConventionsTestController {

	static final AtomicInteger executions = new AtomicInteger();

	static volatile CountDownLatch slowGate = new CountDownLatch(0);

	record Thing(@NotBlank String name, @Min(1) @Max(10) int count) {
	}

	@PostMapping("/things")
	ResponseEntity<Map<String, Object>> create(@Valid @RequestBody Thing thing) {
		executions.incrementAndGet();
		UUID id = UUID.randomUUID();
		return ResponseEntity.status(HttpStatus.CREATED)
			.header("Location", "/api/v1/test/conventions/things/" + id)
			.body(Map.of("id", id.toString(), "name", thing.name(), "count", thing.count()));
	}

	@PostMapping("/slow")
	Map<String, Object> slow(@RequestBody Thing thing) throws InterruptedException {
		slowGate.await(20, TimeUnit.SECONDS);
		return Map.of("id", UUID.randomUUID().toString(), "name", thing.name());
	}

	@PostMapping("/fail")
	Map<String, Object> fail(@RequestBody Thing thing) {
		executions.incrementAndGet();
		throw new IllegalStateException("stack detail that must not leak " + thing.name());
	}

	@GetMapping("/page")
	Map<String, Object> page(@RequestParam int limit) {
		return Map.of("limit", limit);
	}

	@GetMapping(path = "/report", produces = "text/csv")
	String report() {
		return "a,b\n";
	}

	@GetMapping("/boom")
	Map<String, Object> boom() {
		throw new IllegalStateException("internal detail at com.example.Secret.method(Secret.java:42)");
	}

	@GetMapping("/throttled")
	Map<String, Object> throttled() {
		throw new TianshuException(ProblemKind.TOO_MANY_REQUESTS, "test.throttled", "Slow down",
				Map.of("retryAfterSeconds", 30), null);
	}

	@GetMapping("/status-429")
	Map<String, Object> status429() {
		throw new ResponseStatusException(HttpStatus.TOO_MANY_REQUESTS, "too many");
	}

	@PostMapping("/upload")
	Map<String, Object> upload() {
		throw new MaxUploadSizeExceededException(20 * 1024 * 1024);
	}

}
