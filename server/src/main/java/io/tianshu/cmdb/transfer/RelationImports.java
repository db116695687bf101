package io.tianshu.cmdb.transfer;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import io.tianshu.cmdb.AttributeDefinition;
import io.tianshu.cmdb.CiModel;
import io.tianshu.cmdb.CmdbPermissions;
import io.tianshu.cmdb.IdentificationRule;
import io.tianshu.cmdb.LifecycleState;
import io.tianshu.cmdb.RelationDefinition;
import io.tianshu.cmdb.RelationId;
import io.tianshu.cmdb.RelationType;
import io.tianshu.cmdb.model.AttributeValues;
import io.tianshu.cmdb.model.ModelCatalog;
import io.tianshu.cmdb.query.CiScopes;
import io.tianshu.platform.FieldViolation;
import io.tianshu.platform.PermissionScope;
import io.tianshu.platform.TimeOrderedUuid;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Plans and writes a relation import: one relation per row, columns {@code type},
 * {@code source_model}, {@code source}, {@code target_model}, {@code target}. A CI is
 * named by its id or by the values of one of its model's identification rules (several
 * attributes separated by {@code |}). Rows are checked as a single write is: the
 * definition must exist, no self-relations, cardinalities hold with the relations that
 * exist and the other rows, and no row closes a cycle of an acyclic type. A relation that
 * exists already is unchanged.
 */
@Component
class RelationImports {

	static final String TYPE = "type";

	static final String SOURCE_MODEL = "source_model";

	static final String SOURCE = "source";

	static final String TARGET_MODEL = "target_model";

	static final String TARGET = "target";

	private static final List<Columns.Field> FIELDS = List.of(
			new Columns.Field(TYPE, List.of("关系类型", "Type", "relation_type"), true),
			new Columns.Field(SOURCE_MODEL, List.of("源模型", "Source model"), true),
			new Columns.Field(SOURCE, List.of("源配置项", "源", "Source"), true),
			new Columns.Field(TARGET_MODEL, List.of("目标模型", "Target model"), true),
			new Columns.Field(TARGET, List.of("目标配置项", "目标", "Target"), true));

	private final JdbcTemplate jdbc;

	private final BulkSql bulk;

	private final ModelCatalog models;

	private final JsonMapper json;

	private final Clock clock;

	private final CiScopes scopes;

	RelationImports(JdbcTemplate jdbc, ModelCatalog models, JsonMapper json, Clock clock, CiScopes scopes) {
		this.jdbc = jdbc;
		this.bulk = new BulkSql(jdbc);
		this.models = models;
		this.json = json;
		this.clock = clock;
		this.scopes = scopes;
	}

	/** A row that can be applied; {@code exists} rows are unchanged. */
	record Planned(int row, UUID id, RelationDefinition definition, UUID source, UUID target, boolean exists) {
	}

	record Plan(TableFile.Source source, ImportReport report, List<Planned> rows) {

		List<Planned> valid() {
			return this.rows.stream().filter((p) -> !p.exists()).toList();
		}

	}

	private static final class Draft {

		final int row;

		String type;

		String sourceModel;

		String sourceText;

		String targetModel;

		String targetText;

		RelationDefinition definition;

		UUID source;

		UUID target;

		Draft(int row) {
			this.row = row;
		}

	}

	/**
	 * One relation import applies at a time, so two of them cannot together break a
	 * cardinality; held until the transaction ends.
	 */
	void lock() {
		this.jdbc.queryForList("SELECT pg_advisory_xact_lock(hashtext('cmdb.relation-import'))");
	}

	Plan plan(byte[] content, String fileName, String charset) {
		CiImports.Collected collected = new CiImports.Collected(FIELDS, null);
		TableFile.Source source = TableFile.read(content, fileName, charset, collected);
		if (collected.columns == null) {
			throw ImportFileException.of("cmdb.import.empty", "The file has no header row");
		}
		if (collected.rows.isEmpty()) {
			throw ImportFileException.of("cmdb.import.no-rows", "The file has a header row but no data rows");
		}
		Columns columns = collected.columns;
		ReportBuilder report = new ReportBuilder(columns);
		Map<String, Optional<CiModel>> modelCache = new HashMap<>();
		Map<String, Optional<RelationType>> typeCache = new HashMap<>();
		Map<String, RelationDefinition> definitions = new HashMap<>();
		for (RelationDefinition d : this.models.definitionsById().values()) {
			definitions.put(d.sourceModel() + "\u0000" + d.type() + "\u0000" + d.targetModel(), d);
		}
		List<Draft> drafts = new ArrayList<>();
		for (CiImports.RawRow raw : collected.rows) {
			Draft draft = new Draft(raw.row());
			for (Columns.Column column : columns.list()) {
				Cell cell = (column.index() < raw.cells().size()) ? raw.cells().get(column.index()) : Cell.EMPTY;
				if (cell.kind() == Cell.Kind.FORMULA || cell.kind() == Cell.Kind.ERROR) {
					report.error(raw.row(), column.field(),
							(cell.kind() == Cell.Kind.FORMULA) ? "cmdb.import.formula" : "cmdb.import.cell-error",
							(cell.kind() == Cell.Kind.FORMULA)
									? "the cell holds a formula; copy the column and paste it as values"
									: "the cell holds the Excel error " + cell.text());
					continue;
				}
				String text = cell.text().strip();
				if (text.isEmpty()) {
					report.error(raw.row(), column.field(), "cmdb.import.required", column.field() + " is required");
					continue;
				}
				switch (column.field()) {
					case TYPE -> draft.type = text;
					case SOURCE_MODEL -> draft.sourceModel = text;
					case SOURCE -> draft.sourceText = text;
					case TARGET_MODEL -> draft.targetModel = text;
					default -> draft.targetText = text;
				}
			}
			for (int i = columns.width(); i < raw.cells().size(); i++) {
				if (!raw.cells().get(i).blank()) {
					report.orphanCell(raw.row(), i);
				}
			}
			if (report.invalid(raw.row())) {
				continue;
			}
			Optional<RelationType> type = typeCache.computeIfAbsent(draft.type, this.models::findRelationType);
			if (type.isEmpty()) {
				report.error(raw.row(), TYPE, "cmdb.relation.unknown-type", "no relation type " + draft.type);
			}
			for (String[] end : new String[][] { { SOURCE_MODEL, draft.sourceModel },
					{ TARGET_MODEL, draft.targetModel } }) {
				if (modelCache.computeIfAbsent(end[1], this.models::find).isEmpty()) {
					report.error(raw.row(), end[0], "cmdb.ci.unknown-model", "no model " + end[1]);
				}
			}
			if (report.invalid(raw.row())) {
				continue;
			}
			draft.definition = definitions
				.get(draft.sourceModel + "\u0000" + draft.type + "\u0000" + draft.targetModel);
			if (draft.definition == null) {
				report.error(raw.row(), TYPE, "cmdb.relation.not-defined",
						draft.sourceModel + " " + draft.type + " " + draft.targetModel + " is not a defined relation");
				continue;
			}
			drafts.add(draft);
		}
		resolve(drafts, modelCache, report);
		drafts.removeIf((d) -> report.invalid(d.row));
		hideInvisible(drafts, report);
		drafts.removeIf((d) -> report.invalid(d.row));
		List<Planned> planned = check(drafts, typeCache, report);
		planned.removeIf((p) -> report.invalid(p.row()));
		int create = (int) planned.stream().filter((p) -> !p.exists()).count();
		return new Plan(source, report.build(collected.rows.size(), create, 0, planned.size() - create), planned);
	}

	/** A CI reference of a row: by id, or a key of the model's identification rules. */
	private record Ref(String model, String keyName, String keyValue) {
	}

	private void resolve(List<Draft> drafts, Map<String, Optional<CiModel>> models, ReportBuilder report) {
		CellValues cells = new CellValues(this.json, this.clock.getZone());
		Map<Draft, List<Ref>> sourceRefs = new HashMap<>();
		Map<Draft, List<Ref>> targetRefs = new HashMap<>();
		Set<Ref> all = new HashSet<>();
		Set<UUID> ids = new HashSet<>();
		for (Draft d : drafts) {
			List<Ref> s = refs(models.get(d.sourceModel).orElseThrow(), d.sourceText, cells);
			List<Ref> t = refs(models.get(d.targetModel).orElseThrow(), d.targetText, cells);
			sourceRefs.put(d, s);
			targetRefs.put(d, t);
			all.addAll(s);
			all.addAll(t);
			uuid(d.sourceText).ifPresent(ids::add);
			uuid(d.targetText).ifPresent(ids::add);
		}
		Map<Ref, UUID> holders = new HashMap<>();
		this.bulk.query(
				"""
						SELECT k.model_code, k.key_name, k.key_value, k.ci_id FROM unnest(?::text[], ?::text[], ?::text[]) AS f(m, n, v)
						JOIN cmdb.ci_key k ON k.model_code = f.m AND k.key_name = f.n AND k.key_value = f.v""",
				List.copyOf(all),
				(rs) -> holders.put(new Ref(rs.getString(1), rs.getString(2), rs.getString(3)),
						rs.getObject(4, UUID.class)),
				new BulkSql.Param<Ref>(Ref::model), new BulkSql.Param<Ref>(Ref::keyName),
				new BulkSql.Param<Ref>(Ref::keyValue));
		Map<UUID, String[]> byId = new HashMap<>();
		this.bulk.query(
				"SELECT c.id, c.model_code, c.state FROM unnest(?::uuid[]) AS f(id) JOIN cmdb.ci c ON c.id = f.id",
				List.copyOf(ids),
				(rs) -> byId.put(rs.getObject(1, UUID.class), new String[] { rs.getString(2), rs.getString(3) }),
				new BulkSql.Param<UUID>((u) -> u));
		for (Draft d : drafts) {
			d.source = end(d, SOURCE, d.sourceModel, d.sourceText, sourceRefs.get(d), holders, byId, report);
			d.target = end(d, TARGET, d.targetModel, d.targetText, targetRefs.get(d), holders, byId, report);
			if (d.source != null && d.source.equals(d.target)) {
				report.error(d.row, TARGET, "cmdb.relation.self", "a CI cannot be related to itself");
			}
		}
	}

	private static UUID end(Draft d, String field, String model, String text, List<Ref> refs, Map<Ref, UUID> holders,
			Map<UUID, String[]> byId, ReportBuilder report) {
		Optional<UUID> id = uuid(text);
		if (id.isPresent()) {
			String[] found = byId.get(id.get());
			if (found == null || !found[0].equals(model)) {
				report.error(d.row, field, "cmdb.import.ci-not-found", "no " + model + " CI has the id " + text);
				return null;
			}
			if (LifecycleState.RETIRED.name().equals(found[1])) {
				report.error(d.row, field, "cmdb.relation.ci-retired", "CI " + text + " is retired");
				return null;
			}
			return id.get();
		}
		for (Ref ref : refs) {
			UUID holder = holders.get(ref);
			if (holder != null) {
				return holder;
			}
		}
		report.error(d.row, field, "cmdb.import.ci-not-found", "no live " + model + " CI is identified by '"
				+ CellValues.abbreviate(text) + "' (an id or the values of an identification rule)");
		return null;
	}

	private static Optional<UUID> uuid(String text) {
		if (text.length() != 36) {
			return Optional.empty();
		}
		try {
			return Optional.of(UUID.fromString(text));
		}
		catch (IllegalArgumentException ex) {
			return Optional.empty();
		}
	}

	private static List<Ref> refs(CiModel model, String text, CellValues cells) {
		List<Ref> refs = new ArrayList<>();
		for (IdentificationRule rule : model.identificationRules()) {
			String[] parts = (rule.attributes().size() == 1) ? new String[] { text }
					: text.split("\\|", rule.attributes().size());
			if (parts.length != rule.attributes().size()) {
				continue;
			}
			List<String> key = new ArrayList<>();
			for (int i = 0; i < parts.length; i++) {
				AttributeDefinition attribute = model.attribute(rule.attributes().get(i)).orElse(null);
				if (attribute == null) {
					key = null;
					break;
				}
				List<FieldViolation> violations = new ArrayList<>();
				Object value = cells.value(attribute, Cell.text(parts[i].strip()), attribute.code(), violations);
				value = (value != null) ? AttributeValues.check(attribute.withRegex(null).withRange(null, null), value,
						attribute.code(), violations) : null;
				if (value == null) {
					key = null;
					break;
				}
				key.add(AttributeValues.keyText(value));
			}
			if (key != null) {
				refs.add(new Ref(model.code(), "identity:" + rule.name(), String.join(",", key)));
			}
		}
		return refs;
	}

	private List<Planned> check(List<Draft> drafts, Map<String, Optional<RelationType>> types, ReportBuilder report) {
		// duplicates in the file
		Map<String, List<Integer>> seen = new LinkedHashMap<>();
		for (Draft d : drafts) {
			seen.computeIfAbsent(d.type + " " + d.source + " " + d.target, (k) -> new ArrayList<>()).add(d.row);
		}
		for (var entry : seen.entrySet()) {
			if (entry.getValue().size() > 1) {
				report.duplicate("relation", entry.getKey(), entry.getValue());
				for (int row : entry.getValue()) {
					report.error(row, null, "cmdb.import.duplicate-in-file",
							"row " + row + " repeats the relation of rows " + entry.getValue());
				}
			}
		}
		drafts.removeIf((d) -> report.invalid(d.row));
		// relations that exist already
		Set<String> existing = new HashSet<>();
		this.bulk.query("""
				SELECT r.type_code, r.source_id, r.target_id FROM unnest(?::text[], ?::uuid[], ?::uuid[]) AS f(t, s, d)
				JOIN cmdb.relation r ON r.type_code = f.t AND r.source_id = f.s AND r.target_id = f.d""", drafts,
				(rs) -> existing
					.add(rs.getString(1) + " " + rs.getObject(2, UUID.class) + " " + rs.getObject(3, UUID.class)),
				new BulkSql.Param<Draft>((d) -> d.type), new BulkSql.Param<Draft>((d) -> d.source),
				new BulkSql.Param<Draft>((d) -> d.target));
		List<Draft> fresh = new ArrayList<>(
				drafts.stream().filter((d) -> !existing.contains(d.type + " " + d.source + " " + d.target)).toList());
		checkScope(fresh, report);
		fresh.removeIf((d) -> report.invalid(d.row));
		drafts.removeIf((d) -> report.invalid(d.row));
		cardinality(fresh, true, report);
		cardinality(fresh, false, report);
		cycles(fresh, types, report);
		List<Planned> planned = new ArrayList<>();
		for (Draft d : drafts) {
			boolean exists = existing.contains(d.type + " " + d.source + " " + d.target);
			planned.add(new Planned(d.row, exists ? null : TimeOrderedUuid.next(), d.definition, d.source, d.target,
					exists));
		}
		return planned;
	}

	/**
	 * A CI the caller may not read ({@code cmdb.ci.read} scope) is not found, as a single
	 * relation write answers 404 for it.
	 */
	private void hideInvisible(List<Draft> drafts, ReportBuilder report) {
		PermissionScope read = this.scopes.of(CmdbPermissions.CI_READ);
		if (read.everywhere()) {
			return;
		}
		Set<UUID> ends = new HashSet<>();
		drafts.forEach((d) -> {
			ends.add(d.source);
			ends.add(d.target);
		});
		Set<UUID> visible = this.scopes.covered(ends, read);
		for (Draft d : drafts) {
			if (!visible.contains(d.source)) {
				notFound(d, SOURCE, d.sourceModel, d.sourceText, report);
			}
			if (!visible.contains(d.target)) {
				notFound(d, TARGET, d.targetModel, d.targetText, report);
			}
		}
	}

	private static void notFound(Draft d, String field, String model, String text, ReportBuilder report) {
		report.error(d.row, field, "cmdb.import.ci-not-found",
				uuid(text).isPresent() ? "no " + model + " CI has the id " + text
						: "no live " + model + " CI is identified by '" + CellValues.abbreviate(text)
								+ "' (an id or the values of an identification rule)");
	}

	/**
	 * A new relation needs both ends within the caller's {@code cmdb.relation.write}
	 * scope, as a single write does; a relation that exists already writes nothing.
	 */
	private void checkScope(List<Draft> fresh, ReportBuilder report) {
		PermissionScope write = this.scopes.of(CmdbPermissions.RELATION_WRITE);
		if (write.everywhere()) {
			return;
		}
		Set<UUID> ends = new HashSet<>();
		fresh.forEach((d) -> {
			ends.add(d.source);
			ends.add(d.target);
		});
		Set<UUID> changeable = this.scopes.covered(ends, write);
		for (Draft d : fresh) {
			if (!changeable.contains(d.source)) {
				report.error(d.row, SOURCE, "cmdb.scope.denied", "the source CI " + d.source
						+ " is outside the business systems and environments your roles allow you to relate");
			}
			if (!changeable.contains(d.target)) {
				report.error(d.row, TARGET, "cmdb.scope.denied", "the target CI " + d.target
						+ " is outside the business systems and environments your roles allow you to relate");
			}
		}
	}

	/** Single-target (per source) or single-source (per target) definitions. */
	private void cardinality(List<Draft> fresh, boolean perSource, ReportBuilder report) {
		List<Draft> limited = fresh.stream()
			.filter((d) -> perSource ? d.definition.cardinality().singleTarget()
					: d.definition.cardinality().singleSource())
			.toList();
		if (limited.isEmpty()) {
			return;
		}
		Map<String, Integer> counts = new HashMap<>();
		String end = perSource ? "source_id" : "target_id";
		this.bulk.query("""
				SELECT f.d, f.e, count(r.id) FROM (SELECT DISTINCT d, e FROM unnest(?::uuid[], ?::uuid[]) AS u(d, e)) f
				JOIN cmdb.relation r ON r.definition_id = f.d AND r.%s = f.e GROUP BY f.d, f.e""".formatted(end),
				limited,
				(rs) -> counts.put(rs.getObject(1, UUID.class) + " " + rs.getObject(2, UUID.class), rs.getInt(3)),
				new BulkSql.Param<Draft>((d) -> d.definition.id()),
				new BulkSql.Param<Draft>((d) -> perSource ? d.source : d.target));
		Map<String, List<Draft>> byEnd = new LinkedHashMap<>();
		for (Draft d : limited) {
			byEnd.computeIfAbsent(d.definition.id() + " " + (perSource ? d.source : d.target), (k) -> new ArrayList<>())
				.add(d);
		}
		for (var entry : byEnd.entrySet()) {
			int existing = counts.getOrDefault(entry.getKey(), 0);
			if (existing + entry.getValue().size() <= 1) {
				continue;
			}
			for (Draft d : entry.getValue()) {
				RelationDefinition def = d.definition;
				report.error(d.row, perSource ? SOURCE : TARGET, "cmdb.relation.cardinality",
						perSource
								? "a " + def.sourceModel() + " has at most one " + def.type() + " " + def.targetModel()
										+ " (" + def.cardinality() + "); " + existing + " exist and "
										+ entry.getValue().size() + " rows add one"
								: "a " + def.targetModel() + " has at most one " + def.sourceModel() + " that "
										+ def.type() + " it (" + def.cardinality() + "); " + existing + " exist and "
										+ entry.getValue().size() + " rows add one");
			}
		}
	}

	/** New relations of an acyclic type that lie on a cycle with the existing ones. */
	private void cycles(List<Draft> fresh, Map<String, Optional<RelationType>> types, ReportBuilder report) {
		Map<String, List<Draft>> byType = new LinkedHashMap<>();
		for (Draft d : fresh) {
			if (types.get(d.type).map(RelationType::acyclic).orElse(false)) {
				byType.computeIfAbsent(d.type, (k) -> new ArrayList<>()).add(d);
			}
		}
		for (var entry : byType.entrySet()) {
			Map<UUID, List<UUID>> graph = new HashMap<>();
			this.jdbc.query("SELECT source_id, target_id FROM cmdb.relation WHERE type_code = ?", (rs) -> {
				graph.computeIfAbsent(rs.getObject(1, UUID.class), (k) -> new ArrayList<>())
					.add(rs.getObject(2, UUID.class));
			}, entry.getKey());
			for (Draft d : entry.getValue()) {
				graph.computeIfAbsent(d.source, (k) -> new ArrayList<>()).add(d.target);
			}
			Map<UUID, Integer> component = components(graph);
			Map<Integer, Integer> sizes = new HashMap<>();
			component.values().forEach((c) -> sizes.merge(c, 1, Integer::sum));
			for (Draft d : entry.getValue()) {
				Integer c = component.get(d.source);
				if (c != null && c.equals(component.get(d.target)) && sizes.get(c) > 1) {
					report.error(d.row, TARGET, "cmdb.relation.cycle", "the relation would make a " + d.type
							+ " cycle: " + d.targetText + " already leads to " + d.sourceText);
				}
			}
		}
	}

	/** Strongly connected components (Tarjan, iterative): node → component number. */
	static Map<UUID, Integer> components(Map<UUID, List<UUID>> graph) {
		Map<UUID, Integer> index = new HashMap<>();
		Map<UUID, Integer> low = new HashMap<>();
		Map<UUID, Integer> component = new HashMap<>();
		Deque<UUID> stack = new ArrayDeque<>();
		Set<UUID> onStack = new HashSet<>();
		int[] counter = { 0, 0 };
		Set<UUID> nodes = new HashSet<>(graph.keySet());
		graph.values().forEach(nodes::addAll);
		for (UUID root : nodes) {
			if (index.containsKey(root)) {
				continue;
			}
			Deque<Object[]> work = new ArrayDeque<>();
			work.push(new Object[] { root, 0 });
			index.put(root, counter[0]);
			low.put(root, counter[0]++);
			stack.push(root);
			onStack.add(root);
			while (!work.isEmpty()) {
				Object[] frame = work.peek();
				UUID node = (UUID) frame[0];
				int next = (int) frame[1];
				List<UUID> edges = graph.getOrDefault(node, List.of());
				if (next < edges.size()) {
					frame[1] = next + 1;
					UUID to = edges.get(next);
					if (!index.containsKey(to)) {
						index.put(to, counter[0]);
						low.put(to, counter[0]++);
						stack.push(to);
						onStack.add(to);
						work.push(new Object[] { to, 0 });
					}
					else if (onStack.contains(to)) {
						low.put(node, Math.min(low.get(node), index.get(to)));
					}
					continue;
				}
				work.pop();
				if (!work.isEmpty()) {
					UUID parent = (UUID) work.peek()[0];
					low.put(parent, Math.min(low.get(parent), low.get(node)));
				}
				if (low.get(node).equals(index.get(node))) {
					int c = counter[1]++;
					UUID member;
					do {
						member = stack.pop();
						onStack.remove(member);
						component.put(member, c);
					}
					while (!member.equals(node));
				}
			}
		}
		return component;
	}

	/** Inserts the relations and their history; returns their ids. */
	List<RelationId> write(List<Planned> rows, String actor, String requestId, String source, Instant now) {
		Timestamp at = Timestamp.from(now);
		BulkSql.Param<Planned> ids = new BulkSql.Param<>(Planned::id);
		BulkSql.Param<Planned> types = new BulkSql.Param<>((p) -> p.definition().type());
		BulkSql.Param<Planned> sources = new BulkSql.Param<>(Planned::source);
		BulkSql.Param<Planned> targets = new BulkSql.Param<>(Planned::target);
		try {
			this.bulk.update("""
					INSERT INTO cmdb.relation (id, type_code, source_id, target_id, definition_id, created_at)
					SELECT u.id, u.t, u.s, u.d, u.def, ?::timestamptz
					FROM unnest(?::uuid[], ?::text[], ?::uuid[], ?::uuid[], ?::uuid[]) AS u(id, t, s, d, def)""", rows,
					at, ids, types, sources, targets, new BulkSql.Param<Planned>((p) -> p.definition().id()));
		}
		catch (DuplicateKeyException ex) {
			throw io.tianshu.platform.TianshuException.conflict("cmdb.import.concurrent-change",
					"Another change created one of these relations meanwhile; run the dry run again");
		}
		this.bulk.update("""
				INSERT INTO cmdb.relation_history (relation_id, change, type_code, source_id, target_id, actor, source,
				  request_id, changed_at)
				SELECT u.id, 'CREATED', u.t, u.s, u.d, ?::text, ?::text, ?::text, ?::timestamptz
				FROM unnest(?::uuid[], ?::text[], ?::uuid[], ?::uuid[]) AS u(id, t, s, d)""", rows, actor, source,
				requestId, at, ids, types, sources, targets);
		return rows.stream().map((p) -> new RelationId(p.id())).toList();
	}

}
