package io.tianshu.maturity.framework;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import io.tianshu.maturity.Criterion;
import io.tianshu.maturity.Framework;
import io.tianshu.maturity.FrameworkNode;
import io.tianshu.maturity.Frameworks;
import io.tianshu.maturity.Level;
import io.tianshu.maturity.LocalizedText;
import io.tianshu.maturity.Scale;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.dataformat.yaml.YAMLMapper;

import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;
import org.springframework.stereotype.Component;

/**
 * Loads every {@code classpath:maturity/frameworks/*.yaml} once at start-up and validates
 * it ({@link #validate}); a fault stops the start with the file and the fault named.
 */
@Component
class FrameworkCatalog implements Frameworks {

	static final String LOCATION = "classpath*:maturity/frameworks/*.yaml";

	private final List<Framework> frameworks;

	private final Map<String, FrameworkNode> nodes = new LinkedHashMap<>();

	private final Map<String, Criterion> criteria = new LinkedHashMap<>();

	FrameworkCatalog() throws IOException {
		this(load(new PathMatchingResourcePatternResolver().getResources(LOCATION)));
	}

	FrameworkCatalog(List<Framework> frameworks) {
		this.frameworks = frameworks.stream().sorted(Comparator.comparing(Framework::id)).toList();
		for (Framework framework : this.frameworks) {
			for (FrameworkNode node : framework.allNodes()) {
				this.nodes.put(node.id(), node);
				node.levels().forEach((l) -> l.criteria().forEach((c) -> this.criteria.put(c.id(), c)));
			}
		}
	}

	static List<Framework> load(Resource[] resources) throws IOException {
		YAMLMapper yaml = YAMLMapper.builder().enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).build();
		List<Framework> loaded = new ArrayList<>();
		Resource[] sorted = resources.clone();
		Arrays.sort(sorted, Comparator.comparing(Resource::getFilename, Comparator.nullsFirst(String::compareTo)));
		for (Resource resource : sorted) {
			Framework framework;
			try (InputStream in = resource.getInputStream()) {
				framework = yaml.readValue(in, Framework.class);
			}
			catch (RuntimeException ex) {
				throw new InvalidFrameworkException(resource.getFilename() + ": " + ex.getMessage());
			}
			loaded.add(framework);
		}
		validate(loaded, (sorted.length > 0) ? Arrays.stream(sorted).map(Resource::getFilename).toList() : List.of());
		return loaded;
	}

	/**
	 * Checks what scoring relies on: unique, prefixed ids; every graded node's levels run
	 * from 1 to its scale's highest level; no level without criteria unless it repeats a
	 * lower one; both languages present everywhere.
	 */
	static void validate(List<Framework> frameworks, List<String> files) {
		Set<String> frameworkIds = new HashSet<>();
		Set<String> ids = new HashSet<>();
		for (int i = 0; i < frameworks.size(); i++) {
			Framework framework = frameworks.get(i);
			String where = (i < files.size()) ? files.get(i) : ("framework " + framework.id());
			require(notBlank(framework.id()), where, "framework id is missing");
			require(frameworkIds.add(framework.id()), where, "framework id " + framework.id() + " is used twice");
			require(notBlank(framework.version()), where, "version is missing");
			text(framework.title(), where, "title");
			Set<String> scaleIds = new HashSet<>();
			for (Scale scale : framework.scales()) {
				require(scaleIds.add(scale.id()), where, "scale " + scale.id() + " is defined twice");
				text(scale.name(), where, "scale " + scale.id());
				require(!scale.levels().isEmpty(), where, "scale " + scale.id() + " has no levels");
				for (int n = 0; n < scale.levels().size(); n++) {
					require(scale.levels().get(n).level() == n + 1, where,
							"scale " + scale.id() + " levels must be numbered 1.." + scale.levels().size());
					text(scale.levels().get(n).name(), where, "scale " + scale.id() + " level " + (n + 1));
				}
			}
			require(!framework.nodes().isEmpty(), where, "framework has no nodes");
			for (FrameworkNode node : framework.nodes()) {
				validateNode(framework, node, null, ids, where);
			}
		}
	}

	private static void validateNode(Framework framework, FrameworkNode node, String inheritedScale, Set<String> ids,
			String where) {
		require(notBlank(node.id()), where, "a node has no id");
		String at = where + " node " + node.id();
		require(node.id().startsWith(framework.id() + "."), at, "node ids start with the framework id and a dot");
		require(ids.add(node.id()), at, "id is used twice");
		require(notBlank(node.kind()), at, "kind is missing");
		require(notBlank(node.clause()), at, "clause is missing");
		text(node.name(), at, "name");
		require(!(node.graded() && !node.children().isEmpty()), at, "a node has either levels or children, not both");
		String scaleId = (node.scale() != null) ? node.scale() : inheritedScale;
		if (node.graded()) {
			require(scaleId != null, at, "no scale (set scale here or on a parent)");
			Scale scale = framework.scale(scaleId)
				.orElseThrow(() -> new InvalidFrameworkException(at + ": unknown scale " + scaleId));
			require(node.levels().size() == scale.maxLevel(), at,
					"has " + node.levels().size() + " levels, scale " + scaleId + " has " + scale.maxLevel());
			for (int n = 0; n < node.levels().size(); n++) {
				Level level = node.levels().get(n);
				String lat = at + " level " + (n + 1);
				require(level.level() == n + 1, lat, "levels must be numbered 1.." + scale.maxLevel() + " in order");
				if (level.criteria().isEmpty()) {
					require(level.sameAs() != null && level.sameAs() >= 1 && level.sameAs() < level.level(), lat,
							"has no criteria and does not say which lower level it repeats (sameAs)");
				}
				for (Criterion criterion : level.criteria()) {
					require(notBlank(criterion.id()), lat, "a criterion has no id");
					String cat = lat + " criterion " + criterion.id();
					require(criterion.id().startsWith(node.id() + ".L" + level.level() + "."), cat,
							"criterion ids are <nodeId>.L<level>.<point>");
					require(ids.add(criterion.id()), cat, "id is used twice");
					require(notBlank(criterion.point()), cat, "point is missing");
					require(notBlank(criterion.clause()), cat, "clause is missing");
					text(criterion.summary(), cat, "summary");
				}
			}
		}
		for (FrameworkNode child : node.children()) {
			validateNode(framework, child, scaleId, ids, where);
		}
	}

	private static void text(LocalizedText text, String where, String what) {
		require(text != null && notBlank(text.zh()) && notBlank(text.en()), where, what + " needs both zh and en text");
	}

	private static boolean notBlank(String value) {
		return value != null && !value.isBlank();
	}

	private static void require(boolean condition, String where, String fault) {
		if (!condition) {
			throw new InvalidFrameworkException(where + ": " + fault);
		}
	}

	@Override
	public List<Framework> all() {
		return this.frameworks;
	}

	@Override
	public Optional<Framework> find(String id) {
		return this.frameworks.stream().filter((f) -> f.id().equals(id)).findFirst();
	}

	@Override
	public Optional<FrameworkNode> node(String nodeId) {
		return Optional.ofNullable(this.nodes.get(nodeId));
	}

	@Override
	public Optional<Criterion> criterion(String criterionId) {
		return Optional.ofNullable(this.criteria.get(criterionId));
	}

	/** A framework data file that does not hold what scoring relies on. */
	static final class InvalidFrameworkException extends IllegalStateException {

		InvalidFrameworkException(String message) {
			super("Invalid maturity framework data: " + message);
		}

	}

}
