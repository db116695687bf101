package io.tianshu.cmdb.transfer;

import java.math.BigDecimal;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;

import io.tianshu.cmdb.AttributeDefinition;
import io.tianshu.cmdb.AttributeType;
import io.tianshu.cmdb.CiChanged;
import io.tianshu.cmdb.CiHistoryEntry.FieldChange;
import io.tianshu.cmdb.CiId;
import io.tianshu.cmdb.CiModel;
import io.tianshu.cmdb.CmdbPermissions;
import io.tianshu.cmdb.LifecycleState;
import io.tianshu.cmdb.ci.CiRegistry;
import io.tianshu.cmdb.model.AttributeValues;
import io.tianshu.cmdb.query.CiScopes;
import io.tianshu.platform.FieldViolation;
import io.tianshu.platform.PermissionScope;
import io.tianshu.platform.TimeOrderedUuid;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Plans and writes a CI import of one model. Planning reads the whole file, converts and
 * validates every row in memory against the model (the same rules as a single write:
 * {@link AttributeValues}, required attributes, references, unique values and
 * identities), matches rows to existing CIs by {@code id} or by the model's
 * identification rules, and finds rows of the file that share an identity. Writing
 * inserts and updates in multi-row statements, one history entry per CI.
 */
@Component
class CiImports {

	private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() {
	};

	static final String ID = "id";

	static final String NAME = "name";

	static final String STATE = "state";

	static final String OWNER = "owner";

	private static final int NAME_MAX = 200;

	private static final BulkSql.Param<UUID> UUIDS = new BulkSql.Param<>((u) -> u);

	private final JdbcTemplate jdbc;

	private final BulkSql bulk;

	private final JsonMapper json;

	private final Clock clock;

	private final CiScopes scopes;

	CiImports(JdbcTemplate jdbc, JsonMapper json, Clock clock, CiScopes scopes) {
		this.jdbc = jdbc;
		this.bulk = new BulkSql(jdbc);
		this.json = json;
		this.clock = clock;
		this.scopes = scopes;
	}

	enum Action {

		CREATE, UPDATE, UNCHANGED

	}

	/** A row that can be applied. */
	record Planned(int row, Action action, UUID id, String name, LifecycleState state, UUID owner,
			Map<String, Object> attributes, int version, Map<String, FieldChange> diff, Map<String, String> keys,
			Instant createdAt) {
	}

	/** The outcome of planning a file. */
	record Plan(TableFile.Source source, ImportReport report, List<Planned> rows) {

		List<Planned> valid() {
			return this.rows;
		}

	}

	/** The fields a file of the model may have, for the header row. */
	static List<Columns.Field> fields(CiModel model) {
		List<Columns.Field> fields = new ArrayList<>();
		fields.add(new Columns.Field(ID, List.of("ID", "标识", "配置项ID"), false));
		fields.add(new Columns.Field(NAME, List.of("名称", "Name", "配置项名称"), true));
		fields.add(new Columns.Field(STATE, List.of("状态", "State", "生命周期", "生命周期状态"), false));
		fields.add(new Columns.Field(OWNER, List.of("负责团队", "Owner", "ownerTeamId", "数据管理员团队"), false));
		Set<String> reserved = Set.of(ID, NAME, STATE, OWNER);
		for (AttributeDefinition attribute : model.attributes()) {
			String code = reserved.contains(attribute.code()) ? "attributes." + attribute.code() : attribute.code();
			fields.add(new Columns.Field(code, List.of(attribute.name(), "attributes." + attribute.code()),
					attribute.required() && attribute.defaultValue() == null));
		}
		return fields;
	}

	private static String attributeCode(String field) {
		return field.startsWith("attributes.") ? field.substring("attributes.".length()) : field;
	}

	/** A converted row before it is matched. */
	private static final class Draft {

		final int row;

		UUID id;

		String name;

		LifecycleState state;

		boolean ownerGiven;

		UUID owner;

		final Map<String, Object> values = new LinkedHashMap<>();

		Map<String, String> rowKeys = Map.of();

		UUID target;

		Draft(int row) {
			this.row = row;
		}

	}

	Plan plan(CiModel model, byte[] bytes, String fileName, String charset, boolean lock) {
		Collected collected = new Collected(fields(model), ID);
		TableFile.Source source = TableFile.read(bytes, fileName, charset, collected);
		if (collected.columns == null) {
			throw ImportFileException.of("cmdb.import.empty", "The file has no header row");
		}
		if (collected.rows.isEmpty()) {
			throw ImportFileException.of("cmdb.import.no-rows", "The file has a header row but no data rows");
		}
		Columns columns = collected.columns;
		ReportBuilder report = new ReportBuilder(columns);
		CellValues cells = new CellValues(this.json, this.clock.getZone());
		List<Draft> drafts = new ArrayList<>(collected.rows.size());
		for (RawRow raw : collected.rows) {
			drafts.add(convert(model, columns, cells, raw, report));
		}
		drafts.removeIf((d) -> report.invalid(d.row));
		inFileDuplicates(model, drafts, report);
		drafts.removeIf((d) -> report.invalid(d.row));
		match(model, drafts, report);
		drafts.removeIf((d) -> report.invalid(d.row));
		Map<UUID, Existing> existing = load(model, drafts, lock);
		List<Planned> planned = merge(model, columns, drafts, existing, report);
		checkScope(model, columns, planned, report);
		planned.removeIf((p) -> report.invalid(p.row()));
		checkReferences(model, planned, report);
		checkKeys(model, planned, report);
		planned.removeIf((p) -> report.invalid(p.row()));
		int create = 0;
		int update = 0;
		int unchanged = 0;
		for (Planned p : planned) {
			switch (p.action()) {
				case CREATE -> create++;
				case UPDATE -> update++;
				case UNCHANGED -> unchanged++;
			}
		}
		return new Plan(source, report.build(collected.rows.size(), create, update, unchanged), planned);
	}

	/** A data row as read. */
	record RawRow(int row, List<Cell> cells) {
	}

	/** Resolves the header and keeps the rows, refusing files over the row limit. */
	static final class Collected implements TableReader {

		private final List<Columns.Field> fields;

		private final String waivedBy;

		Columns columns;

		final List<RawRow> rows = new ArrayList<>();

		Collected(List<Columns.Field> fields, String waivedBy) {
			this.fields = fields;
			this.waivedBy = waivedBy;
		}

		@Override
		public void header(List<Cell> cells) {
			this.columns = Columns.resolve(cells, this.fields, this.waivedBy);
		}

		@Override
		public void row(int row, List<Cell> cells) {
			if (this.rows.size() >= TransferLimits.MAX_ROWS) {
				throw ImportFileException.of("cmdb.import.too-many-rows",
						"The file has more than " + TransferLimits.MAX_ROWS + " data rows; split it into several files",
						Map.of("maxRows", TransferLimits.MAX_ROWS));
			}
			this.rows.add(new RawRow(row, cells));
		}

	}

	private Draft convert(CiModel model, Columns columns, CellValues cells, RawRow raw, ReportBuilder report) {
		Draft draft = new Draft(raw.row());
		Set<Integer> used = new HashSet<>();
		List<FieldViolation> violations = new ArrayList<>();
		for (Columns.Column column : columns.list()) {
			used.add(column.index());
			Cell cell = (column.index() < raw.cells().size()) ? raw.cells().get(column.index()) : Cell.EMPTY;
			String field = column.field();
			if (cell.kind() == Cell.Kind.FORMULA || cell.kind() == Cell.Kind.ERROR) {
				violations.clear();
				cells.value(AttributeDefinition.of(field, field, AttributeType.STRING), cell, field, violations);
				violations.forEach((v) -> report.error(raw.row(), field, v.code(), v.message()));
				continue;
			}
			switch (field) {
				case ID -> draft.id = id(cell, raw.row(), report);
				case NAME -> draft.name = cell.text().strip();
				case STATE -> draft.state = state(cell, raw.row(), report);
				case OWNER -> {
					draft.ownerGiven = true;
					draft.owner = owner(cell, raw.row(), report);
				}
				default -> {
					AttributeDefinition attribute = model.attribute(attributeCode(field)).orElseThrow();
					violations.clear();
					Object value = cells.value(attribute, cell, field, violations);
					if (value != null) {
						// stored form (lower-case CIDR, UTC instants) so that keys and
						// diffs compare
						value = AttributeValues.check(attribute, value, field, violations);
					}
					for (FieldViolation v : violations) {
						report.error(raw.row(), field, v.code(), v.message());
					}
					if (violations.isEmpty()) {
						draft.values.put(attribute.code(), value);
					}
				}
			}
		}
		for (int i = 0; i < raw.cells().size(); i++) {
			if (!used.contains(i) && !raw.cells().get(i).blank()) {
				report.orphanCell(raw.row(), i);
			}
		}
		return draft;
	}

	private static UUID id(Cell cell, int row, ReportBuilder report) {
		if (cell.blank()) {
			return null;
		}
		try {
			return UUID.fromString(cell.text().strip());
		}
		catch (IllegalArgumentException ex) {
			report.error(row, ID, "cmdb.import.id-invalid",
					"'" + CellValues.abbreviate(cell.text()) + "' is not a CI id (UUID); leave it empty to create");
			return null;
		}
	}

	private static UUID owner(Cell cell, int row, ReportBuilder report) {
		if (cell.blank()) {
			return null;
		}
		try {
			return UUID.fromString(cell.text().strip());
		}
		catch (IllegalArgumentException ex) {
			report.error(row, OWNER, "cmdb.import.owner-invalid",
					"'" + CellValues.abbreviate(cell.text()) + "' is not a team id (UUID)");
			return null;
		}
	}

	static LifecycleState state(String text) {
		String t = text.strip();
		return switch (t) {
			case "规划中", "规划" -> LifecycleState.PLANNED;
			case "使用中", "在用", "运行中" -> LifecycleState.IN_USE;
			case "维护中", "维护" -> LifecycleState.MAINTENANCE;
			case "已下线", "下线", "已退役" -> LifecycleState.RETIRED;
			default -> {
				try {
					yield LifecycleState.valueOf(t.toUpperCase(Locale.ROOT).replace(' ', '_').replace('-', '_'));
				}
				catch (IllegalArgumentException ex) {
					yield null;
				}
			}
		};
	}

	private static LifecycleState state(Cell cell, int row, ReportBuilder report) {
		if (cell.blank()) {
			return null;
		}
		LifecycleState state = state(cell.text());
		if (state == null) {
			report.error(row, STATE, "cmdb.import.state-invalid", "'" + CellValues.abbreviate(cell.text())
					+ "' is not a lifecycle state (PLANNED 规划中, IN_USE 使用中, MAINTENANCE 维护中)");
		}
		else if (state == LifecycleState.RETIRED) {
			report.error(row, STATE, "cmdb.import.state-retired",
					"an import does not retire CIs (retiring applies delete behaviours); retire them in the console or API");
			return null;
		}
		return state;
	}

	/** Rows of the file that name the same CI by id, identity or unique value. */
	private static void inFileDuplicates(CiModel model, List<Draft> drafts, ReportBuilder report) {
		Map<String, List<Integer>> seen = new LinkedHashMap<>();
		for (Draft draft : drafts) {
			if (draft.id != null) {
				seen.computeIfAbsent("id\u0000" + draft.id, (k) -> new ArrayList<>()).add(draft.row);
			}
		}
		for (Draft draft : drafts) {
			Map<String, Object> given = new HashMap<>();
			draft.values.forEach((k, v) -> {
				if (v != null) {
					given.put(k, v);
				}
			});
			draft.rowKeys = given.isEmpty() ? Map.of() : CiRegistry.keys(model, given);
			for (var key : draft.rowKeys.entrySet()) {
				seen.computeIfAbsent(key.getKey() + "\u0000" + key.getValue(), (k) -> new ArrayList<>()).add(draft.row);
			}
		}
		duplicates(seen, report);
	}

	private static void duplicates(Map<String, List<Integer>> seen, ReportBuilder report) {
		for (var entry : seen.entrySet()) {
			List<Integer> rows = entry.getValue();
			if (rows.size() < 2) {
				continue;
			}
			String[] key = entry.getKey().split("\u0000", 2);
			report.duplicate(key[0], key[1], rows);
			String what = switch (key[0].substring(0,
					key[0].indexOf(':') < 0 ? key[0].length() : key[0].indexOf(':'))) {
				case "identity" -> "the same identity (rule " + key[0].substring(9) + " = " + key[1] + ")";
				case "unique" -> "the same unique " + key[0].substring(7) + " (" + key[1] + ")";
				case "id" -> "the same id " + key[1];
				default -> "the same CI " + key[1];
			};
			for (int row : rows) {
				List<Integer> others = rows.stream().filter((r) -> r != row).toList();
				report.error(row, null, "cmdb.import.duplicate-in-file",
						"row " + row + " has " + what + " as row" + ((others.size() > 1) ? "s " : " ") + others);
			}
		}
	}

	/** The existing CI each row updates, by id or by identification rules. */
	private void match(CiModel model, List<Draft> drafts, ReportBuilder report) {
		Map<String, UUID> holders = holders(model,
				drafts.stream().flatMap((d) -> d.rowKeys.entrySet().stream()).toList());
		Set<UUID> ids = new HashSet<>();
		drafts.forEach((d) -> {
			if (d.id != null) {
				ids.add(d.id);
			}
		});
		Map<UUID, String[]> byId = new HashMap<>();
		this.bulk.query(
				"SELECT c.id, c.model_code, c.state FROM unnest(?::uuid[]) AS f(id) JOIN cmdb.ci c ON c.id = f.id",
				List.copyOf(ids),
				(rs) -> byId.put(rs.getObject(1, UUID.class), new String[] { rs.getString(2), rs.getString(3) }),
				UUIDS);
		Map<UUID, List<Integer>> targets = new LinkedHashMap<>();
		for (Draft draft : drafts) {
			Set<UUID> matched = new TreeSet<>();
			List<String> by = new ArrayList<>();
			for (var key : draft.rowKeys.entrySet()) {
				UUID holder = holders.get(key.getKey() + "\u0000" + key.getValue());
				if (holder != null && key.getKey().startsWith("identity:")) {
					matched.add(holder);
					by.add(key.getKey().substring(9) + " → " + holder);
				}
			}
			if (draft.id != null) {
				String[] found = byId.get(draft.id);
				if (found == null || !found[0].equals(model.code())) {
					report.error(draft.row, ID, "cmdb.import.id-unknown",
							"no " + model.code() + " CI has the id " + draft.id);
					continue;
				}
				if (LifecycleState.RETIRED.name().equals(found[1])) {
					report.error(draft.row, ID, "cmdb.ci.retired", "CI " + draft.id + " is retired and cannot change");
					continue;
				}
				matched.remove(draft.id);
				if (!matched.isEmpty()) {
					report.error(draft.row, null, "cmdb.ci.duplicate-identity",
							"the row's identity belongs to another " + model.code() + ": " + by);
					continue;
				}
				draft.target = draft.id;
			}
			else if (matched.size() > 1) {
				report.error(draft.row, null, "cmdb.import.identity-ambiguous",
						"the row matches several existing " + model.code() + " CIs by different rules: " + by);
				continue;
			}
			else if (matched.size() == 1) {
				draft.target = matched.iterator().next();
			}
			if (draft.target != null) {
				targets.computeIfAbsent(draft.target, (k) -> new ArrayList<>()).add(draft.row);
			}
		}
		Map<String, List<Integer>> same = new LinkedHashMap<>();
		targets.forEach((id, rows) -> same.put("ci\u0000" + id, rows));
		duplicates(same, report);
	}

	/** Holder CI of each key, as {@code name \0 value → ci id}. */
	private Map<String, UUID> holders(CiModel model, List<Map.Entry<String, String>> keys) {
		Map<String, UUID> holders = new HashMap<>();
		Map<String, Map.Entry<String, String>> unique = new LinkedHashMap<>();
		keys.forEach((k) -> unique.putIfAbsent(k.getKey() + "\u0000" + k.getValue(), k));
		List<Map.Entry<String, String>> distinct = List.copyOf(unique.values());
		this.bulk.query("""
				SELECT k.key_name, k.key_value, k.ci_id FROM unnest(?::text[], ?::text[]) AS f(n, v)
				JOIN cmdb.ci_key k ON k.model_code = ?::text AND k.key_name = f.n AND k.key_value = f.v""", distinct,
				(rs) -> holders.put(rs.getString(1) + "\u0000" + rs.getString(2), rs.getObject(3, UUID.class)),
				new BulkSql.Param<Map.Entry<String, String>>(Map.Entry::getKey),
				new BulkSql.Param<Map.Entry<String, String>>(Map.Entry::getValue), model.code());
		return holders;
	}

	/** An existing CI as stored. */
	record Existing(UUID id, String name, LifecycleState state, UUID owner, Map<String, Object> attributes, int version,
			Instant createdAt) {
	}

	private Map<UUID, Existing> load(CiModel model, List<Draft> drafts, boolean lock) {
		List<UUID> ids = drafts.stream().map((d) -> d.target).filter(Objects::nonNull).distinct().sorted().toList();
		Map<UUID, Existing> existing = new HashMap<>();
		this.bulk.query("""
				SELECT c.id, c.name, c.state, c.owner_team_id, c.attributes::text, c.version, c.created_at
				FROM cmdb.ci c WHERE c.id = ANY (?::uuid[]) ORDER BY c.id""" + (lock ? " FOR UPDATE" : ""), ids,
				(rs) -> existing.put(rs.getObject(1, UUID.class), new Existing(rs.getObject(1, UUID.class),
						rs.getString(2), LifecycleState.valueOf(rs.getString(3)), rs.getObject(4, UUID.class),
						this.json.readValue(rs.getString(5), MAP), rs.getInt(6), rs.getTimestamp(7).toInstant())),
				UUIDS);
		return existing;
	}

	private List<Planned> merge(CiModel model, Columns columns, List<Draft> drafts, Map<UUID, Existing> existing,
			ReportBuilder report) {
		List<Planned> planned = new ArrayList<>(drafts.size());
		for (Draft draft : drafts) {
			Existing before = (draft.target != null) ? existing.get(draft.target) : null;
			if (draft.target != null && (before == null || before.state() == LifecycleState.RETIRED)) {
				report.error(draft.row, null, "cmdb.import.target-changed",
						"the CI " + draft.target + " was retired or removed meanwhile");
				continue;
			}
			int errors = report.invalidCount();
			boolean create = before == null;
			Map<String, Object> attributes = create ? new TreeMap<>() : new TreeMap<>(before.attributes());
			for (var value : draft.values.entrySet()) {
				if (value.getValue() == null) {
					attributes.remove(value.getKey());
				}
				else {
					attributes.put(value.getKey(), value.getValue());
				}
			}
			for (AttributeDefinition attribute : model.attributes()) {
				String field = columns.has(attribute.code()) ? attribute.code() : "attributes." + attribute.code();
				if (!columns.has(field)) {
					field = null;
				}
				if (create && attributes.get(attribute.code()) == null && attribute.defaultValue() != null) {
					List<FieldViolation> violations = new ArrayList<>();
					Object value = AttributeValues.check(attribute, attribute.defaultValue(), attribute.code(),
							violations);
					if (value != null) {
						attributes.put(attribute.code(), value);
					}
				}
				if (attribute.required() && attributes.get(attribute.code()) == null) {
					report.error(draft.row, field, "cmdb.ci.attribute.required",
							attribute.code() + " (" + attribute.name() + ") is required");
				}
			}
			String name = (draft.name != null) ? draft.name : (create ? "" : before.name());
			if (name.isEmpty() || name.length() > NAME_MAX) {
				report.error(draft.row, NAME, "cmdb.ci.name-invalid", "name must be 1–200 characters");
			}
			LifecycleState state;
			if (create) {
				state = (draft.state != null) ? draft.state : LifecycleState.PLANNED;
			}
			else {
				state = (draft.state != null) ? draft.state : before.state();
				if (state != before.state() && !before.state().canMoveTo(state)) {
					report.error(draft.row, STATE, "cmdb.ci.state-transition", "the CI cannot move from "
							+ before.state() + " to " + state + "; allowed: " + before.state().next());
				}
			}
			UUID owner = draft.ownerGiven ? draft.owner : (create ? null : before.owner());
			if (report.invalidCount() != errors) {
				continue;
			}
			Map<String, String> keys = CiRegistry.keys(model, attributes);
			if (create) {
				UUID id = TimeOrderedUuid.next();
				planned.add(new Planned(draft.row, Action.CREATE, id, name, state, owner, attributes, 1,
						diff(null, name, state, owner, attributes), keys, null));
			}
			else {
				Map<String, FieldChange> diff = diff(before, name, state, owner, attributes);
				planned.add(new Planned(draft.row, diff.isEmpty() ? Action.UNCHANGED : Action.UPDATE, before.id(), name,
						state, owner, attributes, before.version() + (diff.isEmpty() ? 0 : 1), diff, keys,
						before.createdAt()));
			}
		}
		return planned;
	}

	/**
	 * The caller's {@code cmdb.ci.write} scope, as for a single write: a row may update
	 * only a CI the scope covers (as the CI is now, whatever the row changes), and create
	 * only a CI that {@link CiScopes#creatable} allows (its {@code environment} after
	 * defaults), and may not leave the CI outside the scope (judged with the row's name
	 * and attributes). A row that changes nothing writes nothing and passes when the
	 * caller may at least read the CI. Out-of-scope rows are {@code cmdb.scope.denied}; a
	 * CI the caller cannot read is not named.
	 */
	private void checkScope(CiModel model, Columns columns, List<Planned> planned, ReportBuilder report) {
		PermissionScope write = this.scopes.of(CmdbPermissions.CI_WRITE);
		if (write.everywhere()) {
			return;
		}
		List<UUID> existing = planned.stream().filter((p) -> p.action() != Action.CREATE).map(Planned::id).toList();
		Set<UUID> changeable = this.scopes.covered(existing, write);
		Set<UUID> visible = this.scopes.covered(existing.stream().filter((id) -> !changeable.contains(id)).toList(),
				this.scopes.of(CmdbPermissions.CI_READ));
		String environment = columns.has("environment") ? "environment"
				: (columns.has("attributes.environment") ? "attributes.environment" : null);
		for (Planned p : planned) {
			if (p.action() == Action.CREATE) {
				if (!CiScopes.creatable(model.code(), p.attributes(), write)) {
					report.error(p.row(), environment, "cmdb.scope.denied",
							"your roles are limited to " + areas(write)
									+ "; a new CI belongs to no business system until it is related, so a row"
									+ " may create one only in an environment a role limited to that environment alone"
									+ " allows (this row's environment: "
									+ Objects.toString(p.attributes().get("environment"), "none") + ")");
				}
			}
			else if (!changeable.contains(p.id()) && (p.action() == Action.UPDATE || !visible.contains(p.id()))) {
				report.error(p.row(), null, "cmdb.scope.denied",
						(visible.contains(p.id()) ? "CI " + p.id() : "the CI this row identifies")
								+ " is outside the business systems and environments your roles allow you to change");
			}
		}
		// as for a single update: a row may not move a CI out of the scope (say, to an
		// environment the caller's roles do not reach)
		List<Planned> updates = planned.stream()
			.filter((p) -> p.action() == Action.UPDATE && changeable.contains(p.id()))
			.toList();
		Set<UUID> stays = this.scopes.coveredAfter(
				updates.stream().map((p) -> new CiScopes.Changed(p.id(), p.name(), p.attributes())).toList(), write);
		for (Planned p : updates) {
			if (!stays.contains(p.id())) {
				report.error(p.row(), environment, "cmdb.scope.denied",
						"this row would move CI " + p.id()
								+ " out of the business systems and environments your roles allow you to change ("
								+ areas(write) + "; this row's environment: "
								+ Objects.toString(p.attributes().get("environment"), "none") + ")");
			}
		}
	}

	static String areas(PermissionScope scope) {
		return scope.areas()
			.stream()
			.map(PermissionScope.Area::toString)
			.sorted()
			.collect(java.util.stream.Collectors.joining(", ", "[", "]"));
	}

	private static Map<String, FieldChange> diff(Existing before, String name, LifecycleState state, UUID owner,
			Map<String, Object> attributes) {
		Map<String, FieldChange> diff = new LinkedHashMap<>();
		put(diff, "name", (before != null) ? before.name() : null, name);
		put(diff, "state", (before != null) ? before.state().name() : null, state.name());
		put(diff, "ownerTeamId", (before != null && before.owner() != null) ? before.owner().toString() : null,
				(owner != null) ? owner.toString() : null);
		Map<String, Object> old = (before != null) ? before.attributes() : Map.of();
		Set<String> codes = new TreeSet<>(old.keySet());
		codes.addAll(attributes.keySet());
		for (String code : codes) {
			put(diff, "attributes." + code, old.get(code), attributes.get(code));
		}
		return diff;
	}

	private static void put(Map<String, FieldChange> diff, String field, Object from, Object to) {
		if (!same(from, to)) {
			diff.put(field, new FieldChange(from, to));
		}
	}

	/** JSON equality: 8 (Long) equals 8 (Integer), 1.50 equals 1.5. */
	static boolean same(Object a, Object b) {
		if (a instanceof Number x && b instanceof Number y) {
			return new BigDecimal(x.toString()).compareTo(new BigDecimal(y.toString())) == 0;
		}
		if (a instanceof List<?> x && b instanceof List<?> y) {
			if (x.size() != y.size()) {
				return false;
			}
			for (int i = 0; i < x.size(); i++) {
				if (!same(x.get(i), y.get(i))) {
					return false;
				}
			}
			return true;
		}
		if (a instanceof Map<?, ?> x && b instanceof Map<?, ?> y) {
			if (!x.keySet().equals(y.keySet())) {
				return false;
			}
			for (Object key : x.keySet()) {
				if (!same(x.get(key), y.get(key))) {
					return false;
				}
			}
			return true;
		}
		return Objects.equals(a, b);
	}

	private void checkReferences(CiModel model, List<Planned> planned, ReportBuilder report) {
		List<AttributeDefinition> references = model.attributes()
			.stream()
			.filter((a) -> a.type() == AttributeType.REFERENCE)
			.toList();
		if (references.isEmpty()) {
			return;
		}
		Set<UUID> ids = new HashSet<>();
		for (Planned p : planned) {
			for (AttributeDefinition a : references) {
				Object value = p.attributes().get(a.code());
				if (value instanceof String s) {
					ids.add(UUID.fromString(s));
				}
			}
		}
		Map<UUID, String> models = new HashMap<>();
		this.bulk.query("""
				SELECT c.id, c.model_code FROM unnest(?::uuid[]) AS f(id) JOIN cmdb.ci c ON c.id = f.id
				WHERE c.state <> 'RETIRED'""", List.copyOf(ids),
				(rs) -> models.put(rs.getObject(1, UUID.class), rs.getString(2)), UUIDS);
		for (Planned p : planned) {
			if (p.action() == Action.UNCHANGED) {
				continue;
			}
			for (AttributeDefinition a : references) {
				if (p.attributes().get(a.code()) instanceof String s) {
					String target = models.get(UUID.fromString(s));
					if (target == null) {
						report.error(p.row(), a.code(), "cmdb.ci.attribute.reference-not-found", "no live CI " + s);
					}
					else if (a.referenceModel() != null && !a.referenceModel().equals(target)) {
						report.error(p.row(), a.code(), "cmdb.ci.attribute.reference-model",
								"CI " + s + " is a " + target + ", not a " + a.referenceModel());
					}
				}
			}
		}
	}

	/** Unique values and identities: not shared by two rows, nor held by another CI. */
	private void checkKeys(CiModel model, List<Planned> planned, ReportBuilder report) {
		Map<String, List<Integer>> seen = new LinkedHashMap<>();
		List<Map.Entry<String, String>> all = new ArrayList<>();
		for (Planned p : planned) {
			for (var key : p.keys().entrySet()) {
				seen.computeIfAbsent(key.getKey() + "\u0000" + key.getValue(), (k) -> new ArrayList<>()).add(p.row());
				all.add(key);
			}
		}
		duplicates(seen, report);
		Map<String, UUID> holders = holders(model, all);
		for (Planned p : planned) {
			for (var key : p.keys().entrySet()) {
				UUID holder = holders.get(key.getKey() + "\u0000" + key.getValue());
				if (holder != null && !holder.equals(p.id())) {
					boolean unique = key.getKey().startsWith("unique:");
					String what = key.getKey().substring(key.getKey().indexOf(':') + 1);
					report.error(p.row(), unique ? what : null,
							unique ? "cmdb.ci.duplicate-value" : "cmdb.ci.duplicate-identity",
							unique ? "another " + model.code() + " has the same " + what + " (" + holder + ")"
									: "another " + model.code() + " has the same identity by rule " + what + " ("
											+ holder + ")");
				}
			}
		}
	}

	/**
	 * Locks the CIs a reused plan updates or found unchanged and checks that none changed
	 * since it was made (same version, still live).
	 */
	boolean stillCurrent(Plan plan) {
		Map<UUID, Integer> expected = new HashMap<>();
		for (Planned p : plan.rows()) {
			if (p.action() != Action.CREATE) {
				expected.put(p.id(), (p.action() == Action.UPDATE) ? p.version() - 1 : p.version());
			}
		}
		Map<UUID, Integer> found = new HashMap<>();
		this.bulk.query("""
				SELECT c.id, c.version FROM cmdb.ci c WHERE c.id = ANY (?::uuid[]) AND c.state <> 'RETIRED'
				ORDER BY c.id FOR UPDATE""", expected.keySet().stream().sorted().toList(),
				(rs) -> found.put(rs.getObject(1, UUID.class), rs.getInt(2)), UUIDS);
		return found.equals(expected);
	}

	/** What {@link #write} did. */
	record Written(List<CiId> created, List<CiId> updated, int unchanged) {
	}

	/**
	 * Writes the planned rows in multi-row statements: CIs, their keys and one history
	 * entry each. A key claimed meanwhile by a concurrent writer fails the whole import
	 * (the caller's transaction rolls back).
	 */
	Written write(CiModel model, List<Planned> rows, String actor, String requestId, String source, Instant now) {
		List<Planned> creates = rows.stream().filter((p) -> p.action() == Action.CREATE).toList();
		List<Planned> updates = rows.stream().filter((p) -> p.action() == Action.UPDATE).toList();
		Timestamp at = Timestamp.from(now);
		BulkSql.Param<Planned> ids = new BulkSql.Param<>(Planned::id);
		BulkSql.Param<Planned> names = new BulkSql.Param<>(Planned::name);
		BulkSql.Param<Planned> states = new BulkSql.Param<>((p) -> p.state().name());
		BulkSql.Param<Planned> owners = new BulkSql.Param<>(Planned::owner);
		BulkSql.Param<Planned> documents = new BulkSql.Param<>((p) -> this.json.writeValueAsString(p.attributes()));
		BulkSql.Param<Planned> versions = new BulkSql.Param<>(Planned::version);
		this.bulk
			.update("""
					INSERT INTO cmdb.ci (id, model_code, name, state, owner_team_id, attributes, version, created_at,
					  updated_at)
					SELECT u.id, ?::text, u.name, u.state, u.owner, u.attributes::jsonb, 1, ?::timestamptz, ?::timestamptz
					FROM unnest(?::uuid[], ?::text[], ?::text[], ?::uuid[], ?::text[]) AS u(id, name, state, owner, attributes)""",
					creates, model.code(), at, at, ids, names, states, owners, documents);
		this.bulk.update("""
				UPDATE cmdb.ci c SET name = u.name, state = u.state, owner_team_id = u.owner,
				  attributes = u.attributes::jsonb, version = u.version, updated_at = ?::timestamptz
				FROM unnest(?::uuid[], ?::text[], ?::text[], ?::uuid[], ?::text[], ?::int4[])
				  AS u(id, name, state, owner, attributes, version)
				WHERE c.id = u.id""", updates, at, ids, names, states, owners, documents, versions);
		this.bulk.update("DELETE FROM cmdb.ci_key WHERE ci_id = ANY (?::uuid[])", updates, ids);
		List<Map.Entry<UUID, Map.Entry<String, String>>> keys = new ArrayList<>();
		for (Planned p : creates) {
			p.keys().entrySet().forEach((k) -> keys.add(Map.entry(p.id(), k)));
		}
		for (Planned p : updates) {
			p.keys().entrySet().forEach((k) -> keys.add(Map.entry(p.id(), k)));
		}
		try {
			this.bulk.update("""
					INSERT INTO cmdb.ci_key (model_code, key_name, key_value, ci_id)
					SELECT ?::text, u.n, u.v, u.c FROM unnest(?::text[], ?::text[], ?::uuid[]) AS u(n, v, c)""", keys,
					model.code(),
					new BulkSql.Param<Map.Entry<UUID, Map.Entry<String, String>>>((e) -> e.getValue().getKey()),
					new BulkSql.Param<Map.Entry<UUID, Map.Entry<String, String>>>((e) -> e.getValue().getValue()),
					new BulkSql.Param<Map.Entry<UUID, Map.Entry<String, String>>>(Map.Entry::getKey));
		}
		catch (DuplicateKeyException ex) {
			throw io.tianshu.platform.TianshuException.conflict("cmdb.import.concurrent-change",
					"Another change claimed a unique value or identity of this import meanwhile; run the dry run again");
		}
		List<Planned> changed = new ArrayList<>(creates);
		changed.addAll(updates);
		this.bulk.update("""
				INSERT INTO cmdb.ci_history (ci_id, version, change, diff, actor, source, request_id, changed_at)
				SELECT u.id, u.version, u.change, u.diff::jsonb, ?::text, ?::text, ?::text, ?::timestamptz
				FROM unnest(?::uuid[], ?::int4[], ?::text[], ?::text[]) AS u(id, version, change, diff)""", changed,
				actor, source, requestId, at, ids, versions, new BulkSql.Param<Planned>((p) -> kind(p).name()),
				new BulkSql.Param<Planned>((p) -> this.json.writeValueAsString(p.diff())));
		return new Written(creates.stream().map((p) -> new CiId(p.id())).toList(),
				updates.stream().map((p) -> new CiId(p.id())).toList(), rows.size() - creates.size() - updates.size());
	}

	private static CiChanged.Kind kind(Planned p) {
		if (p.action() == Action.CREATE) {
			return CiChanged.Kind.CREATED;
		}
		return (p.diff().size() == 1 && p.diff().containsKey("state")) ? CiChanged.Kind.STATE_CHANGED
				: CiChanged.Kind.UPDATED;
	}

}
