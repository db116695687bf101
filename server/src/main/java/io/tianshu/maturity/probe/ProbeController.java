package io.tianshu.maturity.probe;

import java.util.List;
import java.util.Map;

import io.tianshu.maturity.LocalizedText;
import io.tianshu.maturity.MaturityPermissions;
import io.tianshu.maturity.Probe;
import io.tianshu.platform.RequiresPermission;
import io.tianshu.platform.TianshuException;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** {@code /api/v1/maturity/probes}: automatic evidence (自动取证). */
@RestController
@RequestMapping("/api/v1/maturity/probes")
class ProbeController {

	private final ProbeRuns runs;

	ProbeController(ProbeRuns runs) {
		this.runs = runs;
	}

	/**
	 * The probes, their criterion bindings (bound, partly-bound, unbound) and latest
	 * results.
	 */
	@GetMapping
	@RequiresPermission(MaturityPermissions.READ)
	List<ProbeView> list() {
		Map<String, ProbeResult> latest = this.runs.latest();
		return this.runs.all().stream().map((probe) -> {
			ProbeBindings bindings = this.runs.bindings(probe);
			return new ProbeView(probe.id(), probe.version(), probe.title(), probe.criteria(), bindings.bound(),
					bindings.unbound(), bindings.status(), latest.get(probe.id()));
		}).toList();
	}

	/** A probe's stored results, newest first. */
	@GetMapping("/{id}/results")
	@RequiresPermission(MaturityPermissions.READ)
	List<ProbeResult> history(@PathVariable String id, @RequestParam(defaultValue = "20") int limit) {
		if (this.runs.all().stream().map(Probe::id).noneMatch(id::equals)) {
			throw TianshuException.notFound("maturity.probe.not-found", "No such probe");
		}
		if (limit < 1 || limit > 200) {
			throw TianshuException.invalidField("limit", "field.range", "Between 1 and 200");
		}
		return this.runs.history(id, limit);
	}

	/** Runs the probes now (all, or those named) over the evidence window. */
	@PostMapping("/run")
	@RequiresPermission(MaturityPermissions.ASSESS)
	ProbeRun run(@RequestBody(required = false) RunRequest request) {
		List<String> ids = (request != null && request.probeIds() != null) ? request.probeIds() : List.of();
		return this.runs.run(ids, "MANUAL", this.runs.defaultSince());
	}

	record RunRequest(List<String> probeIds) {
	}

	record ProbeView(String id, String version, LocalizedText title, List<String> criteria, List<String> bound,
			List<String> unbound, String status, ProbeResult latest) {
	}

}
