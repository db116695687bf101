package io.tianshu.maturity.framework;

import java.util.List;

import io.tianshu.maturity.Framework;
import io.tianshu.maturity.Frameworks;
import io.tianshu.maturity.LocalizedText;
import io.tianshu.maturity.MaturityPermissions;
import io.tianshu.platform.RequiresPermission;
import io.tianshu.platform.TianshuException;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code /api/v1/maturity/frameworks}: the frameworks as data, for the framework browser.
 */
@RestController
@RequestMapping("/api/v1/maturity/frameworks")
class FrameworkController {

	private final Frameworks frameworks;

	FrameworkController(Frameworks frameworks) {
		this.frameworks = frameworks;
	}

	/** Every framework without its tree. */
	@GetMapping
	@RequiresPermission(MaturityPermissions.READ)
	List<FrameworkSummary> list() {
		return this.frameworks.all()
			.stream()
			.map((f) -> new FrameworkSummary(f.id(), f.version(), f.title(), f.source(), f.allNodes().size(),
					f.allCriteria().size()))
			.toList();
	}

	/** One framework with its scales and whole tree. */
	@GetMapping("/{id}")
	@RequiresPermission(MaturityPermissions.READ)
	Framework get(@PathVariable String id) {
		return this.frameworks.find(id)
			.orElseThrow(() -> TianshuException.notFound("maturity.framework.not-found", "No framework " + id));
	}

	record FrameworkSummary(String id, String version, LocalizedText title, String source, int nodes, int criteria) {
	}

}
