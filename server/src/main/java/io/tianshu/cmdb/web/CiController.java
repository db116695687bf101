package io.tianshu.cmdb.web;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.tianshu.cmdb.BusinessView;
import io.tianshu.cmdb.CiDraft;
import io.tianshu.cmdb.CiHistoryEntry;
import io.tianshu.cmdb.CiId;
import io.tianshu.cmdb.CiRelations;
import io.tianshu.cmdb.CiSearch;
import io.tianshu.cmdb.CmdbPermissions;
import io.tianshu.cmdb.ConfigurationItem;
import io.tianshu.cmdb.ConfigurationItems;
import io.tianshu.cmdb.LifecycleState;
import io.tianshu.cmdb.Relation;
import io.tianshu.cmdb.RelationHistoryEntry;
import io.tianshu.cmdb.RelationId;
import io.tianshu.cmdb.Topology;
import io.tianshu.cmdb.TopologyGraph;
import io.tianshu.cmdb.web.Requests.CiBody;
import io.tianshu.cmdb.web.Requests.RelationBody;
import io.tianshu.cmdb.web.Requests.StateBody;
import io.tianshu.platform.CursorPage;
import io.tianshu.platform.RequiresPermission;

import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code /api/v1/cmdb}: configuration items, their history, relations and topology
 * (资源数据管理). {@code X-Change-Source} (API, CONSOLE, TICKET) names where a change comes
 * from.
 */
@RestController
@RequestMapping("/api/v1/cmdb")
class CiController {

	private final ConfigurationItems items;

	private final CiRelations relations;

	private final Topology topology;

	CiController(ConfigurationItems items, CiRelations relations, Topology topology) {
		this.items = items;
		this.relations = relations;
		this.topology = topology;
	}

	@PostMapping("/cis")
	@ResponseStatus(HttpStatus.CREATED)
	@RequiresPermission(CmdbPermissions.CI_WRITE)
	ConfigurationItem create(@RequestBody CiBody body,
			@RequestHeader(name = Requests.SOURCE_HEADER, required = false) String source) {
		return this.items.create(draft(body), Requests.source(source));
	}

	/**
	 * Search: {@code q} (the filter language, {@code docs/cmdb-filter-language.md}; 422
	 * with {@code params.position} on error), {@code model}, {@code name} (prefix),
	 * {@code state}, {@code a.<attribute>=value} (equal) or {@code a.<attribute>=value*}
	 * (prefix), {@code cursor}, {@code limit}; all must hold.
	 */
	@GetMapping("/cis")
	@RequiresPermission(CmdbPermissions.CI_READ)
	CursorPage<ConfigurationItem> search(@RequestParam Map<String, String> query) {
		Map<String, String> equals = new LinkedHashMap<>();
		Map<String, String> prefixes = new LinkedHashMap<>();
		for (var entry : query.entrySet()) {
			if (entry.getKey().startsWith("a.") && entry.getKey().length() > 2) {
				String code = entry.getKey().substring(2);
				String value = entry.getValue();
				if (value.endsWith("*")) {
					prefixes.put(code, value.substring(0, value.length() - 1));
				}
				else {
					equals.put(code, value);
				}
			}
		}
		int limit = 50;
		if (query.get("limit") != null) {
			try {
				limit = Integer.parseInt(query.get("limit").strip());
			}
			catch (NumberFormatException ex) {
				limit = -1;
			}
		}
		return this.items.search(new CiSearch(query.get("model"), query.get("name"),
				Requests.enumValue(LifecycleState.class, query.get("state"), "state", false), equals, prefixes,
				query.get("cursor"), limit, query.get("q")));
	}

	/**
	 * The filter search for filters too long for a URL: {@code q}, {@code cursor},
	 * {@code limit}, {@code model}.
	 */
	@PostMapping("/cis/search")
	@RequiresPermission(CmdbPermissions.CI_READ)
	CursorPage<ConfigurationItem> searchByFilter(@RequestBody SearchBody body) {
		return this.items.search(new CiSearch(body.model(), null, null, Map.of(), Map.of(), body.cursor(),
				(body.limit() != null) ? body.limit() : 50, body.q()));
	}

	record SearchBody(String q, String cursor, Integer limit, String model) {
	}

	@GetMapping("/cis/{id}")
	@RequiresPermission(CmdbPermissions.CI_READ)
	ConfigurationItem get(@PathVariable UUID id, @RequestParam(required = false) String asOf) {
		return (asOf != null) ? this.items.asOf(new CiId(id), Requests.instant(asOf, "asOf"))
				: this.items.get(new CiId(id));
	}

	@PutMapping("/cis/{id}")
	@RequiresPermission(CmdbPermissions.CI_WRITE)
	ConfigurationItem update(@PathVariable UUID id, @RequestBody CiBody body,
			@RequestHeader(name = Requests.SOURCE_HEADER, required = false) String source) {
		return this.items.update(new CiId(id), draft(body), Requests.source(source));
	}

	@PostMapping("/cis/{id}/state")
	@RequiresPermission(CmdbPermissions.CI_WRITE)
	ConfigurationItem changeState(@PathVariable UUID id, @RequestBody StateBody body,
			@RequestHeader(name = Requests.SOURCE_HEADER, required = false) String source) {
		return this.items.changeState(new CiId(id),
				Requests.enumValue(LifecycleState.class, body.state(), "state", true), Requests.source(source));
	}

	@PostMapping("/cis/{id}/retire")
	@RequiresPermission(CmdbPermissions.CI_WRITE)
	ConfigurationItem retire(@PathVariable UUID id,
			@RequestHeader(name = Requests.SOURCE_HEADER, required = false) String source) {
		return this.items.retire(new CiId(id), Requests.source(source));
	}

	@GetMapping("/cis/{id}/history")
	@RequiresPermission(CmdbPermissions.CI_READ)
	List<CiHistoryEntry> history(@PathVariable UUID id) {
		return this.items.history(new CiId(id));
	}

	@GetMapping("/cis/{id}/relations")
	@RequiresPermission(CmdbPermissions.CI_READ)
	List<Relation> relationsOf(@PathVariable UUID id) {
		return this.relations.of(new CiId(id));
	}

	@GetMapping("/cis/{id}/relation-history")
	@RequiresPermission(CmdbPermissions.CI_READ)
	List<RelationHistoryEntry> relationHistory(@PathVariable UUID id) {
		return this.relations.history(new CiId(id));
	}

	/**
	 * {@code direction} DOWNSTREAM (default) or UPSTREAM, {@code depth} 1–10,
	 * {@code types} comma-separated.
	 */
	@GetMapping("/cis/{id}/impact")
	@RequiresPermission(CmdbPermissions.CI_READ)
	TopologyGraph impact(@PathVariable UUID id, @RequestParam(required = false) String direction,
			@RequestParam(defaultValue = "3") int depth, @RequestParam(required = false) String types) {
		Topology.Direction d = Requests.enumValue(Topology.Direction.class, direction, "direction", false);
		return this.topology.impact(new CiId(id), (d != null) ? d : Topology.Direction.DOWNSTREAM, depth,
				Requests.types(types));
	}

	@GetMapping("/topology/path")
	@RequiresPermission(CmdbPermissions.CI_READ)
	TopologyGraph path(@RequestParam UUID from, @RequestParam UUID to, @RequestParam(defaultValue = "6") int maxDepth,
			@RequestParam(required = false) String types) {
		return this.topology.path(new CiId(from), new CiId(to), maxDepth, Requests.types(types));
	}

	/** The business view (业务视图) of a business system as layered nodes and edges. */
	@GetMapping("/business-systems/{id}/view")
	@RequiresPermission(CmdbPermissions.CI_READ)
	BusinessView businessView(@PathVariable UUID id) {
		return this.topology.businessView(new CiId(id));
	}

	@PostMapping("/relations")
	@ResponseStatus(HttpStatus.CREATED)
	@RequiresPermission(CmdbPermissions.RELATION_WRITE)
	Relation createRelation(@RequestBody RelationBody body,
			@RequestHeader(name = Requests.SOURCE_HEADER, required = false) String source) {
		return this.relations.create(body.type(), (body.sourceId() != null) ? new CiId(body.sourceId()) : null,
				(body.targetId() != null) ? new CiId(body.targetId()) : null, Requests.source(source));
	}

	@GetMapping("/relations/{id}")
	@RequiresPermission(CmdbPermissions.CI_READ)
	Relation relation(@PathVariable UUID id) {
		return this.relations.get(new RelationId(id));
	}

	@DeleteMapping("/relations/{id}")
	@ResponseStatus(HttpStatus.NO_CONTENT)
	@RequiresPermission(CmdbPermissions.RELATION_WRITE)
	void deleteRelation(@PathVariable UUID id,
			@RequestHeader(name = Requests.SOURCE_HEADER, required = false) String source) {
		this.relations.delete(new RelationId(id), Requests.source(source));
	}

	private static CiDraft draft(CiBody body) {
		return new CiDraft(body.model(), body.name(),
				Requests.enumValue(LifecycleState.class, body.state(), "state", false), body.ownerTeamId(),
				body.attributes());
	}

}
