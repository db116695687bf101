package io.tianshu.cmdb.model;

import java.sql.Timestamp;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import io.tianshu.cmdb.CiModel;
import io.tianshu.cmdb.ModelChange;
import io.tianshu.cmdb.ModelDraft;
import io.tianshu.cmdb.ModelId;
import io.tianshu.cmdb.RelationDefinition;
import io.tianshu.platform.Audit;
import io.tianshu.platform.AuditEntry;
import io.tianshu.platform.TianshuException;

import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Previews and applies whole model definitions (attributes, identification rules and the
 * relation definitions whose source the model is), one new version per changed model, as
 * a bundle import or a restore needs them. The caller holds the transaction and checks
 * permissions.
 */
@Component
class ModelChangeSets {

	private final ModelCatalog catalog;

	private final ModelConformance conformance;

	private final JdbcClient jdbc;

	private final Audit audit;

	private final Clock clock;

	ModelChangeSets(ModelCatalog catalog, ModelConformance conformance, JdbcClient jdbc, Audit audit, Clock clock) {
		this.catalog = catalog;
		this.conformance = conformance;
		this.jdbc = jdbc;
		this.audit = audit;
		this.clock = clock;
	}

	/**
	 * A model as it should be: its draft (code set) and its relation definitions (source
	 * = the model); a definition's id is kept when given and free.
	 */
	record Target(ModelDraft draft, List<RelationDefinition> relations) {
	}

	/** The classified changes that saving {@code target} would make. */
	ModelPreview preview(Target target, Set<String> extraGroups, Set<String> extraModels) {
		ModelDraft draft = this.catalog.validated(target.draft(), extraGroups, extraModels, "");
		CiModel current = this.catalog.find(draft.code()).orElse(null);
		if (current == null) {
			CiModel candidate = candidate(null, draft, target.relations());
			List<PreviewChange> changes = List.of(new PreviewChange("model", ModelChange.Kind.ADDED, null, null,
					"model " + draft.code() + " added (" + candidate.attributes().size() + " attributes, "
							+ candidate.relations().size() + " relation definitions)",
					false, null));
			return new ModelPreview(draft.code(), ModelPreview.Action.ADDED, 0, changes, CiImpact.none(), false);
		}
		CiModel candidate = candidate(current, draft, target.relations());
		List<ModelChange> changes = ModelDiffs.between(this.catalog.roundTrip(current),
				this.catalog.roundTrip(candidate));
		boolean attributesChange = changes.stream()
			.anyMatch((c) -> c.path().startsWith("attributes.") || c.path().startsWith("identificationRules."));
		CiImpact impact = attributesChange ? this.conformance.assess(candidate) : CiImpact.none();
		List<PreviewChange> classified = ModelChangeRules.classify(changes, impact, relationsInUse(current));
		return new ModelPreview(current.code(),
				changes.isEmpty() ? ModelPreview.Action.UNCHANGED : ModelPreview.Action.CHANGED, current.version(),
				classified, impact, classified.stream().anyMatch(PreviewChange::destructive));
	}

	/**
	 * Saves every target: new models first (so definitions and references between them
	 * resolve), then definitions, then one version per model that changed, its audit
	 * record and the migration or flagging of its CIs. {@code action} names the audit
	 * action of changed models, {@code note} ends each version summary.
	 */
	Map<String, CiModel> apply(List<Target> targets, Set<String> extraGroups, String action, String note) {
		Set<String> codes = new java.util.HashSet<>();
		targets.forEach((t) -> codes.add(t.draft().code()));
		Map<String, CiModel> before = new LinkedHashMap<>();
		Map<String, ModelDraft> drafts = new LinkedHashMap<>();
		for (Target target : targets) {
			ModelDraft draft = this.catalog.validated(target.draft(), extraGroups, codes, "");
			drafts.put(draft.code(), draft);
			if (this.catalog.find(draft.code()).isPresent()) {
				before.put(draft.code(), this.catalog.lockedModel(draft.code()));
			}
		}
		Timestamp now = Timestamp.from(this.clock.instant());
		for (ModelDraft draft : drafts.values()) {
			CiModel old = before.get(draft.code());
			if (old == null) {
				this.jdbc.sql("""
						INSERT INTO cmdb.model (id, code, name, name_en, group_code, description, owner_team_id,
						  built_in, version, definition, created_at, updated_at)
						VALUES (?, ?, ?, ?, ?, ?, ?, FALSE, 1, ?::jsonb, ?, ?)""")
					.params(UUID.randomUUID(), draft.code(), draft.name(), draft.nameEn(), draft.group(),
							draft.description(), draft.ownerTeamId(), this.catalog.definitionJson(draft), now, now)
					.update();
			}
			else {
				this.jdbc.sql("""
						UPDATE cmdb.model SET name = ?, name_en = ?, group_code = ?, description = ?,
						  owner_team_id = ?, definition = ?::jsonb WHERE code = ?""")
					.params(draft.name(), draft.nameEn(), draft.group(), draft.description(), draft.ownerTeamId(),
							this.catalog.definitionJson(draft), draft.code())
					.update();
			}
		}
		for (Target target : targets) {
			syncDefinitions(target.draft().code(), target.relations());
		}
		Map<String, CiModel> saved = new LinkedHashMap<>();
		for (String code : drafts.keySet()) {
			CiModel old = before.get(code);
			if (old == null) {
				CiModel created = this.catalog.find(code).orElseThrow();
				this.catalog.storeVersion(created, "model created" + note);
				this.audit
					.record(AuditEntry.success("cmdb.model.created", "cmdb-model", code).withChange(null, created));
				saved.put(code, created);
				continue;
			}
			CiModel current = this.catalog.find(code).orElseThrow();
			List<ModelChange> changes = ModelDiffs.between(this.catalog.roundTrip(old),
					this.catalog.roundTrip(current));
			if (changes.isEmpty()) {
				saved.put(code, old);
				continue;
			}
			this.jdbc.sql("UPDATE cmdb.model SET version = version + 1, updated_at = ? WHERE code = ?")
				.params(now, code)
				.update();
			CiModel after = this.catalog.find(code).orElseThrow();
			String summary = ModelDiffs.summary(changes);
			this.catalog.storeVersion(after, summary + note);
			CiImpact impact = this.conformance.apply(old, after);
			this.audit.record(AuditEntry.success(action, "cmdb-model", code)
				.withChange(old, after)
				.withDetail(summary + note + ModelCatalog.impactNote(impact)));
			saved.put(code, after);
		}
		return saved;
	}

	/** The candidate model: the draft with the current ids of definitions kept by key. */
	private CiModel candidate(CiModel current, ModelDraft draft, List<RelationDefinition> relations) {
		Map<String, RelationDefinition> existing = new HashMap<>();
		if (current != null) {
			current.relations().forEach((r) -> existing.put(key(r), r));
		}
		List<RelationDefinition> withIds = new ArrayList<>();
		for (RelationDefinition r : relations) {
			RelationDefinition old = existing.get(key(r));
			UUID id = (old != null) ? old.id() : (r.id() != null) ? r.id() : UUID.randomUUID();
			withIds.add(new RelationDefinition(id, draft.code(), r.targetModel(), r.type(), r.cardinality(),
					r.deleteBehaviour()));
		}
		return new CiModel((current != null) ? current.id() : ModelId.random(), draft.code(), draft.name(),
				draft.nameEn(), draft.group(), draft.description(), draft.ownerTeamId(),
				current != null && current.builtIn(), (current != null) ? current.version() : 0, draft.attributes(),
				draft.identificationRules(), withIds, this.clock.instant());
	}

	private void syncDefinitions(String source, List<RelationDefinition> wanted) {
		Map<String, RelationDefinition> existing = new LinkedHashMap<>();
		this.catalog.allDefinitions()
			.stream()
			.filter((d) -> d.sourceModel().equals(source))
			.forEach((d) -> existing.put(key(d), d));
		Set<String> keep = new java.util.HashSet<>();
		for (RelationDefinition r : wanted) {
			String key = key(r);
			keep.add(key);
			RelationDefinition old = existing.get(key);
			if (old == null) {
				UUID id = (r.id() != null && this.jdbc.sql("SELECT count(*) FROM cmdb.relation_definition WHERE id = ?")
					.param(r.id())
					.query(Integer.class)
					.single() == 0) ? r.id() : UUID.randomUUID();
				RelationDefinition stored = new RelationDefinition(id, source, r.targetModel(), r.type(),
						r.cardinality(), r.deleteBehaviour());
				this.jdbc.sql("""
						INSERT INTO cmdb.relation_definition (id, source_model, target_model, type_code, cardinality,
						  delete_behaviour) VALUES (?, ?, ?, ?, ?, ?)""")
					.params(id, source, r.targetModel(), r.type(), r.cardinality().name(), r.deleteBehaviour().name())
					.update();
				this.audit.record(AuditEntry
					.success("cmdb.relation-definition.created", "cmdb-relation-definition", id.toString())
					.withChange(null, stored));
			}
			else if (old.cardinality() != r.cardinality() || old.deleteBehaviour() != r.deleteBehaviour()) {
				this.jdbc.sql("UPDATE cmdb.relation_definition SET cardinality = ?, delete_behaviour = ? WHERE id = ?")
					.params(r.cardinality().name(), r.deleteBehaviour().name(), old.id())
					.update();
				this.audit.record(AuditEntry
					.success("cmdb.relation-definition.changed", "cmdb-relation-definition", old.id().toString())
					.withChange(old, new RelationDefinition(old.id(), source, r.targetModel(), r.type(),
							r.cardinality(), r.deleteBehaviour())));
			}
		}
		for (var entry : existing.entrySet()) {
			if (keep.contains(entry.getKey())) {
				continue;
			}
			RelationDefinition old = entry.getValue();
			int used = this.jdbc.sql("SELECT count(*) FROM cmdb.relation WHERE definition_id = ?")
				.param(old.id())
				.query(Integer.class)
				.single();
			if (used > 0) {
				throw TianshuException.conflict("cmdb.relation-definition.in-use",
						"Relation definition " + source + " " + entry.getKey() + " is used by " + used
								+ " relations; delete them first",
						Map.of("sourceModel", source, "definition", entry.getKey(), "relations", used));
			}
			try {
				this.jdbc.sql("DELETE FROM cmdb.relation_definition WHERE id = ?").param(old.id()).update();
			}
			catch (DataIntegrityViolationException ex) {
				throw TianshuException.conflict("cmdb.relation-definition.in-use",
						"Relations use this definition; delete them first");
			}
			this.audit.record(AuditEntry
				.success("cmdb.relation-definition.deleted", "cmdb-relation-definition", old.id().toString())
				.withChange(old, null));
		}
	}

	/** Relations per definition key of the model's definitions. */
	private Map<String, Integer> relationsInUse(CiModel model) {
		Map<String, Integer> used = new HashMap<>();
		for (RelationDefinition r : model.relations()) {
			used.put(key(r),
					this.jdbc.sql("SELECT count(*) FROM cmdb.relation WHERE definition_id = ?")
						.param(r.id())
						.query(Integer.class)
						.single());
		}
		return used;
	}

	static String key(RelationDefinition r) {
		return r.type() + "->" + r.targetModel();
	}

}
