package io.tianshu.cmdb.model;

import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;

import io.tianshu.cmdb.AttributeDefinition;
import io.tianshu.cmdb.ChangeSource;
import io.tianshu.cmdb.CiChanged;
import io.tianshu.cmdb.CiHistoryEntry.FieldChange;
import io.tianshu.cmdb.CiId;
import io.tianshu.cmdb.CiModel;
import io.tianshu.cmdb.CmdbPermissions;
import io.tianshu.cmdb.IdentificationRule;
import io.tianshu.cmdb.model.CiMigrations.Finding;
import io.tianshu.cmdb.model.CiMigrations.Outcome;
import io.tianshu.platform.Authorization;
import io.tianshu.platform.CursorPage;
import io.tianshu.platform.TianshuException;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Keeps existing CIs consistent with their model after a model change: migrates what can
 * be migrated (with a CI history entry of source {@link ChangeSource#MODEL}), re-claims
 * unique values and identities when the key rules or values changed, and stores a flag
 * ({@code cmdb.ci_nonconformity}) for each CI that still breaks a rule. Runs in the
 * transaction of the model change.
 */
@Service
public class ModelConformance {

	private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() {
	};

	private final JdbcClient jdbc;

	private final JsonMapper json;

	private final Authorization authorization;

	private final ApplicationEventPublisher events;

	private final Clock clock;

	ModelConformance(JdbcClient jdbc, JsonMapper json, Authorization authorization, ApplicationEventPublisher events,
			Clock clock) {
		this.jdbc = jdbc;
		this.json = json;
		this.authorization = authorization;
		this.events = events;
		this.clock = clock;
	}

	/** What changing the model to {@code model} would do, without writing anything. */
	CiImpact assess(CiModel model) {
		return evaluate(model, liveCis(model.code())).impact();
	}

	/**
	 * Migrates and flags the live CIs of {@code after}, the model as just saved;
	 * {@code before} is how it was (it decides whether keys are re-claimed).
	 */
	CiImpact apply(CiModel before, CiModel after) {
		boolean keysChanged = !keySignature(before).equals(keySignature(after));
		boolean attributesChanged = !this.json.writeValueAsString(before.attributes())
			.equals(this.json.writeValueAsString(after.attributes()));
		boolean hasFlags = this.jdbc.sql("SELECT count(*) FROM cmdb.ci_nonconformity WHERE model_code = ?")
			.param(after.code())
			.query(Integer.class)
			.single() > 0;
		if (!keysChanged && !attributesChanged && !hasFlags) {
			return CiImpact.none();
		}
		List<LiveCi> cis = liveCis(after.code());
		Evaluation evaluation = evaluate(after, cis);
		Instant now = this.clock.instant();
		String actor = ChangeContext.actor(this.authorization);
		for (LiveCi ci : cis) {
			Outcome outcome = evaluation.outcomes().get(ci.id());
			if (outcome.migrated()) {
				migrate(ci, outcome, now, actor);
			}
		}
		if (keysChanged || evaluation.impact().migrated() > 0) {
			reclaimKeys(after, cis, evaluation);
		}
		replaceFlags(after, evaluation, now);
		return evaluation.impact();
	}

	/**
	 * Re-checks a flagged CI after it changed outside a model change: a retired CI loses
	 * its flags; an edited one keeps only those it still earns. An edit went through the
	 * full CI validation and claimed its keys, so its duplicate flags no longer hold.
	 */
	void recheck(CiChanged change, java.util.function.Supplier<CiModel> currentModel) {
		if (change.source() == ChangeSource.MODEL
				|| (change.kind() != CiChanged.Kind.UPDATED && change.kind() != CiChanged.Kind.RETIRED)) {
			return;
		}
		List<StoredFlag> flags = this.jdbc.sql("SELECT id, attribute, code FROM cmdb.ci_nonconformity WHERE ci_id = ?")
			.param(change.ci().value())
			.query((rs, n) -> new StoredFlag(rs.getLong(1), rs.getString(2), rs.getString(3)))
			.list();
		if (flags.isEmpty()) {
			return;
		}
		CiModel model = (change.kind() == CiChanged.Kind.RETIRED) ? null : currentModel.get();
		Map<String, Object> attributes = (model == null) ? null
				: this.jdbc.sql("SELECT attributes::text FROM cmdb.ci WHERE id = ? AND state <> 'RETIRED'")
					.param(change.ci().value())
					.query(String.class)
					.optional()
					.map((text) -> this.json.readValue(text, MAP))
					.orElse(null);
		for (long stale : stale(model, attributes, flags)) {
			this.jdbc.sql("DELETE FROM cmdb.ci_nonconformity WHERE id = ?").param(stale).update();
		}
	}

	/**
	 * The flags among {@code flags} that a CI with the attributes no longer earns under
	 * the model: all of them when there are no attributes (retired) or no model.
	 */
	private static List<Long> stale(CiModel model, Map<String, Object> attributes, List<StoredFlag> flags) {
		Set<String> keep = new HashSet<>();
		if (model != null && attributes != null) {
			for (Finding finding : CiMigrations.plan(model, attributes).findings()) {
				keep.add(finding.attribute() + "\u0000" + finding.code());
			}
		}
		List<Long> stale = new ArrayList<>();
		for (StoredFlag flag : flags) {
			if (!keep.contains(flag.attribute() + "\u0000" + flag.code())) {
				stale.add(flag.id());
			}
		}
		return stale;
	}

	/**
	 * {@link #recheck} for the CIs a bulk import changed, in a few statements however
	 * many they are: one query per chunk finds the flagged ones among them with their
	 * attributes, one statement removes the flags they no longer earn. An import checks
	 * every value it writes against the current model, so it adds no flag; a value it
	 * leaves as it was (no column for it in the file) keeps its flag.
	 */
	void recheckImported(List<CiId> changed, java.util.function.Supplier<CiModel> currentModel) {
		List<Long> stale = new ArrayList<>();
		CiModel model = null;
		for (int from = 0; from < changed.size(); from += RECHECK_CHUNK) {
			UUID[] chunk = changed.subList(from, Math.min(changed.size(), from + RECHECK_CHUNK))
				.stream()
				.map(CiId::value)
				.toArray(UUID[]::new);
			Map<UUID, List<StoredFlag>> flags = new LinkedHashMap<>();
			Map<UUID, Map<String, Object>> attributes = new HashMap<>();
			this.jdbc.sql("""
					SELECT f.id, f.attribute, f.code, f.ci_id, c.attributes::text, c.state
					FROM cmdb.ci_nonconformity f JOIN cmdb.ci c ON c.id = f.ci_id
					WHERE f.ci_id = ANY (?::uuid[])""").param(chunk).query((rs) -> {
				UUID ci = rs.getObject(4, UUID.class);
				flags.computeIfAbsent(ci, (k) -> new ArrayList<>())
					.add(new StoredFlag(rs.getLong(1), rs.getString(2), rs.getString(3)));
				if (!"RETIRED".equals(rs.getString(6)) && !attributes.containsKey(ci)) {
					attributes.put(ci, this.json.readValue(rs.getString(5), MAP));
				}
			});
			if (flags.isEmpty()) {
				continue;
			}
			if (model == null) {
				model = currentModel.get();
			}
			for (var entry : flags.entrySet()) {
				stale.addAll(stale(model, attributes.get(entry.getKey()), entry.getValue()));
			}
		}
		if (!stale.isEmpty()) {
			this.jdbc.sql("DELETE FROM cmdb.ci_nonconformity WHERE id = ANY (?::bigint[])")
				.param(stale.toArray(Long[]::new))
				.update();
		}
	}

	/** CIs whose flags one query of {@link #recheckImported} reads. */
	private static final int RECHECK_CHUNK = 10_000;

	private record StoredFlag(long id, String attribute, String code) {
	}

	/**
	 * The flags of a model's CIs, oldest first; needs {@link CmdbPermissions#MODEL_READ}.
	 */
	@Transactional(readOnly = true)
	public CursorPage<CiNonconformity> ofModel(String model, String cursor, int limit) {
		this.authorization.require(CmdbPermissions.MODEL_READ);
		if (limit < 1 || limit > 500) {
			throw TianshuException.invalidField("limit", "cmdb.search.limit-invalid", "limit must be 1–500");
		}
		long after = 0;
		if (cursor != null && !cursor.isBlank()) {
			try {
				after = Long.parseLong(new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8));
			}
			catch (IllegalArgumentException ex) {
				throw TianshuException.invalidField("cursor", "cmdb.search.cursor-invalid", "the cursor is not valid");
			}
		}
		List<CiNonconformity> items = new ArrayList<>(
				this.jdbc.sql(SELECT_FLAGS + " WHERE f.model_code = ? AND f.id > ? ORDER BY f.id LIMIT " + (limit + 1))
					.params(model, after)
					.query(ModelConformance::flag)
					.list());
		String next = null;
		if (items.size() > limit) {
			items = new ArrayList<>(items.subList(0, limit));
			next = Base64.getUrlEncoder()
				.withoutPadding()
				.encodeToString(Long.toString(items.get(limit - 1).id()).getBytes(StandardCharsets.UTF_8));
		}
		return new CursorPage<>(items, next);
	}

	/** The flags of one CI; needs {@link CmdbPermissions#CI_READ}. */
	@Transactional(readOnly = true)
	public List<CiNonconformity> ofCi(CiId id) {
		this.authorization.require(CmdbPermissions.CI_READ);
		if (this.jdbc.sql("SELECT count(*) FROM cmdb.ci WHERE id = ?")
			.param(id.value())
			.query(Integer.class)
			.single() == 0) {
			throw TianshuException.notFound("cmdb.ci.not-found", "No configuration item " + id);
		}
		return this.jdbc.sql(SELECT_FLAGS + " WHERE f.ci_id = ? ORDER BY f.id")
			.param(id.value())
			.query(ModelConformance::flag)
			.list();
	}

	private static final String SELECT_FLAGS = """
			SELECT f.id, f.ci_id, c.name, f.model_code, f.model_version, f.attribute, f.code, f.message, f.flagged_at
			FROM cmdb.ci_nonconformity f JOIN cmdb.ci c ON c.id = f.ci_id""";

	private static CiNonconformity flag(java.sql.ResultSet rs, int n) throws java.sql.SQLException {
		return new CiNonconformity(rs.getLong(1), rs.getObject(2, UUID.class), rs.getString(3), rs.getString(4),
				rs.getInt(5), rs.getString(6), rs.getString(7), rs.getString(8), rs.getTimestamp(9).toInstant());
	}

	private Evaluation evaluate(CiModel model, List<LiveCi> cis) {
		Map<UUID, Outcome> outcomes = new LinkedHashMap<>();
		Map<UUID, List<Finding>> findings = new LinkedHashMap<>();
		Map<String, UUID> claimed = new HashMap<>();
		Set<UUID> losers = new HashSet<>();
		for (LiveCi ci : cis) {
			Outcome outcome = CiMigrations.plan(model, ci.attributes());
			outcomes.put(ci.id(), outcome);
			List<Finding> all = new ArrayList<>(outcome.findings());
			for (var key : CiKeys.of(model, outcome.attributes()).entrySet()) {
				UUID holder = claimed.putIfAbsent(key.getKey() + "\u0000" + key.getValue(), ci.id());
				if (holder != null) {
					losers.add(ci.id());
					boolean unique = key.getKey().startsWith("unique:");
					String what = key.getKey().substring(key.getKey().indexOf(':') + 1);
					all.add(unique
							? new Finding(what, "cmdb.ci.duplicate-value",
									"another " + model.code() + " has the same " + what + " (" + holder + ")")
							: new Finding("identificationRules." + what, "cmdb.ci.duplicate-identity", "another "
									+ model.code() + " has the same identity by rule " + what + " (" + holder + ")"));
				}
			}
			if (!all.isEmpty()) {
				findings.put(ci.id(), all);
			}
		}
		Map<String, Integer> byAttribute = new TreeMap<>();
		for (List<Finding> list : findings.values()) {
			list.stream()
				.map(Finding::attribute)
				.distinct()
				.forEach((attribute) -> byAttribute.merge(attribute, 1, Integer::sum));
		}
		int migrated = (int) outcomes.values().stream().filter(Outcome::migrated).count();
		return new Evaluation(outcomes, findings, claimed,
				new CiImpact(cis.size(), migrated, findings.size(), byAttribute));
	}

	private void migrate(LiveCi ci, Outcome outcome, Instant now, String actor) {
		int version = ci.version() + 1;
		this.jdbc.sql("UPDATE cmdb.ci SET attributes = ?::jsonb, version = ?, updated_at = ? WHERE id = ?")
			.params(this.json.writeValueAsString(outcome.attributes()), version, Timestamp.from(now), ci.id())
			.update();
		Map<String, FieldChange> diff = outcome.diff();
		this.jdbc.sql("""
				INSERT INTO cmdb.ci_history (ci_id, version, change, diff, actor, source, request_id, changed_at)
				VALUES (?, ?, ?, ?::jsonb, ?, ?, ?, ?)""")
			.params(ci.id(), version, CiChanged.Kind.UPDATED.name(), this.json.writeValueAsString(diff), actor,
					ChangeSource.MODEL.name(), ChangeContext.requestId(), Timestamp.from(now))
			.update();
		this.events.publishEvent(
				new CiChanged(new CiId(ci.id()), ci.model(), CiChanged.Kind.UPDATED, version, ChangeSource.MODEL, now));
	}

	private void reclaimKeys(CiModel model, List<LiveCi> cis, Evaluation evaluation) {
		this.jdbc.sql("DELETE FROM cmdb.ci_key WHERE model_code = ?").param(model.code()).update();
		List<String> names = new ArrayList<>();
		List<String> values = new ArrayList<>();
		List<UUID> holders = new ArrayList<>();
		for (var claim : evaluation.claimed().entrySet()) {
			int split = claim.getKey().indexOf('\u0000');
			names.add(claim.getKey().substring(0, split));
			values.add(claim.getKey().substring(split + 1));
			holders.add(claim.getValue());
			if (names.size() == 1000) {
				insertKeys(model.code(), names, values, holders);
			}
		}
		insertKeys(model.code(), names, values, holders);
	}

	private void insertKeys(String model, List<String> names, List<String> values, List<UUID> holders) {
		if (names.isEmpty()) {
			return;
		}
		this.jdbc.sql("""
				INSERT INTO cmdb.ci_key (model_code, key_name, key_value, ci_id)
				SELECT ?, n, v, h FROM unnest(?::text[], ?::text[], ?::uuid[]) AS k(n, v, h)""")
			.params(model, names.toArray(String[]::new), values.toArray(String[]::new), holders.toArray(UUID[]::new))
			.update();
		names.clear();
		values.clear();
		holders.clear();
	}

	private void replaceFlags(CiModel model, Evaluation evaluation, Instant now) {
		Map<String, Long> existing = new HashMap<>();
		this.jdbc.sql("SELECT id, ci_id, attribute, code FROM cmdb.ci_nonconformity WHERE model_code = ?")
			.param(model.code())
			.query((rs, n) -> existing.put(
					rs.getObject(2, UUID.class) + "\u0000" + rs.getString(3) + "\u0000" + rs.getString(4),
					rs.getLong(1)))
			.list();
		Set<String> wanted = new HashSet<>();
		for (var entry : evaluation.findings().entrySet()) {
			for (Finding finding : entry.getValue()) {
				String key = entry.getKey() + "\u0000" + finding.attribute() + "\u0000" + finding.code();
				if (!wanted.add(key)) {
					continue;
				}
				Long id = existing.get(key);
				if (id != null) {
					this.jdbc.sql("UPDATE cmdb.ci_nonconformity SET message = ? WHERE id = ?")
						.params(finding.message(), id)
						.update();
				}
				else {
					this.jdbc.sql("""
							INSERT INTO cmdb.ci_nonconformity (ci_id, model_code, model_version, attribute, code,
							  message, flagged_at) VALUES (?, ?, ?, ?, ?, ?, ?)""")
						.params(entry.getKey(), model.code(), model.version(), finding.attribute(), finding.code(),
								finding.message(), Timestamp.from(now))
						.update();
				}
			}
		}
		for (var entry : existing.entrySet()) {
			if (!wanted.contains(entry.getKey())) {
				this.jdbc.sql("DELETE FROM cmdb.ci_nonconformity WHERE id = ?").param(entry.getValue()).update();
			}
		}
	}

	private List<LiveCi> liveCis(String model) {
		return this.jdbc.sql("""
				SELECT id, name, version, attributes::text FROM cmdb.ci
				WHERE model_code = ? AND state <> 'RETIRED' ORDER BY created_at, id""")
			.param(model)
			.query((rs, n) -> new LiveCi(rs.getObject(1, UUID.class), rs.getString(2), rs.getInt(3),
					this.json.readValue(rs.getString(4), MAP), model))
			.list();
	}

	/** What decides the keys CIs claim: unique attributes and identification rules. */
	private static String keySignature(CiModel model) {
		StringBuilder signature = new StringBuilder();
		for (AttributeDefinition attribute : model.attributes()) {
			if (attribute.unique()) {
				signature.append("u:").append(attribute.code()).append(':').append(attribute.type()).append(';');
			}
		}
		for (IdentificationRule rule : model.identificationRules()) {
			signature.append("i:").append(rule.name()).append('=').append(rule.attributes()).append(';');
		}
		return signature.toString();
	}

	private record LiveCi(UUID id, String name, int version, Map<String, Object> attributes, String model) {
	}

	private record Evaluation(Map<UUID, Outcome> outcomes, Map<UUID, List<Finding>> findings, Map<String, UUID> claimed,
			CiImpact impact) {
	}

}
