package io.tianshu.cmdb.model;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Collectors;

import io.tianshu.cmdb.AttributeDefinition;
import io.tianshu.cmdb.Cardinality;
import io.tianshu.cmdb.CiModel;
import io.tianshu.cmdb.CiModels;
import io.tianshu.cmdb.CmdbPermissions;
import io.tianshu.cmdb.DeleteBehaviour;
import io.tianshu.cmdb.IdentificationRule;
import io.tianshu.cmdb.ModelChange;
import io.tianshu.cmdb.ModelDiff;
import io.tianshu.cmdb.ModelDraft;
import io.tianshu.cmdb.ModelGroup;
import io.tianshu.cmdb.ModelId;
import io.tianshu.cmdb.ModelVersion;
import io.tianshu.cmdb.RelationDefinition;
import io.tianshu.cmdb.RelationType;
import io.tianshu.platform.Audit;
import io.tianshu.platform.AuditEntry;
import io.tianshu.platform.Authorization;
import io.tianshu.platform.FieldViolation;
import io.tianshu.platform.TianshuException;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Models, groups, relation types and definitions in schema {@code cmdb}. Every change of
 * a model or of a relation definition whose source it is stores a version snapshot; a
 * save that changes nothing stores none.
 */
@Service
public class ModelCatalog implements CiModels {

	private static final String MODEL_COLUMNS = """
			id, code, name, name_en, group_code, description, owner_team_id, built_in, version,
			definition::text AS definition, updated_at""";

	private final JdbcClient jdbc;

	private final JsonMapper json;

	private final Authorization authorization;

	private final Audit audit;

	private final Clock clock;

	private final ModelConformance conformance;

	ModelCatalog(JdbcClient jdbc, JsonMapper json, Authorization authorization, Audit audit, Clock clock,
			ModelConformance conformance) {
		this.jdbc = jdbc;
		this.json = json;
		this.authorization = authorization;
		this.audit = audit;
		this.clock = clock;
		this.conformance = conformance;
	}

	@Override
	@Transactional(readOnly = true)
	public List<ModelGroup> groups() {
		this.authorization.require(CmdbPermissions.MODEL_READ);
		return this.jdbc.sql("SELECT code, name, name_en, sort_order FROM cmdb.model_group ORDER BY sort_order, code")
			.query((rs, n) -> new ModelGroup(rs.getString(1), rs.getString(2), rs.getString(3), rs.getInt(4)))
			.list();
	}

	@Override
	@Transactional
	public ModelGroup createGroup(ModelGroup group) {
		this.authorization.require(CmdbPermissions.MODEL_WRITE);
		List<FieldViolation> violations = new ArrayList<>();
		String code = strip(group.code());
		if (code == null || !ModelRules.CODE.matcher(code).matches()) {
			violations.add(new FieldViolation("code", "cmdb.group.code-invalid",
					"code must be lower case letters, digits and _, starting with a letter"));
		}
		if (strip(group.name()) == null) {
			violations.add(new FieldViolation("name", "cmdb.group.required", "name is required"));
		}
		if (!violations.isEmpty()) {
			throw TianshuException.invalid("The model group is invalid", violations);
		}
		ModelGroup cleaned = new ModelGroup(code, strip(group.name()),
				(strip(group.nameEn()) != null) ? strip(group.nameEn()) : strip(group.name()), group.sortOrder());
		int inserted = this.jdbc.sql("""
				INSERT INTO cmdb.model_group (code, name, name_en, sort_order) VALUES (?, ?, ?, ?)
				ON CONFLICT DO NOTHING""").params(code, cleaned.name(), cleaned.nameEn(), cleaned.sortOrder()).update();
		if (inserted == 0) {
			throw TianshuException.conflict("cmdb.group.code-taken", "A model group " + code + " exists",
					Map.of("code", code));
		}
		this.audit.record(AuditEntry.success("cmdb.group.created", "cmdb-model-group", code).withChange(null, cleaned));
		return cleaned;
	}

	@Override
	@Transactional(readOnly = true)
	public List<CiModel> list(String group) {
		this.authorization.require(CmdbPermissions.MODEL_READ);
		Map<String, List<RelationDefinition>> relations = allDefinitions().stream()
			.collect(Collectors.groupingBy(RelationDefinition::sourceModel));
		String sql = "SELECT " + MODEL_COLUMNS + " FROM cmdb.model"
				+ ((group != null) ? " WHERE group_code = :group" : "") + " ORDER BY group_code, code";
		var statement = this.jdbc.sql(sql);
		if (group != null) {
			statement = statement.param("group", group);
		}
		return statement.query((rs, n) -> row(rs, relations.getOrDefault(rs.getString("code"), List.of()))).list();
	}

	@Override
	@Transactional(readOnly = true)
	public CiModel get(String code) {
		this.authorization.require(CmdbPermissions.MODEL_READ);
		return find(code).orElseThrow(() -> notFound(code));
	}

	/** The model without a permission check, for the CMDB's own use. */
	public Optional<CiModel> find(String code) {
		if (code == null) {
			return Optional.empty();
		}
		List<RelationDefinition> relations = definitionsFrom(code);
		return this.jdbc.sql("SELECT " + MODEL_COLUMNS + " FROM cmdb.model WHERE code = ?")
			.param(code)
			.query((rs, n) -> row(rs, relations))
			.optional();
	}

	@Override
	@Transactional
	public CiModel create(ModelDraft draft) {
		this.authorization.require(CmdbPermissions.MODEL_WRITE);
		return create(draft, false);
	}

	/** Creates a model; {@code builtIn} marks the ones Tianshu ships. */
	@Transactional
	public CiModel create(ModelDraft draft, boolean builtIn) {
		ModelDraft checked = validated(draft);
		UUID id = UUID.randomUUID();
		Timestamp now = Timestamp.from(this.clock.instant());
		try {
			this.jdbc.sql("""
					INSERT INTO cmdb.model (id, code, name, name_en, group_code, description, owner_team_id, built_in,
					  version, definition, created_at, updated_at)
					VALUES (?, ?, ?, ?, ?, ?, ?, ?, 1, ?::jsonb, ?, ?)""")
				.params(id, checked.code(), checked.name(), checked.nameEn(), checked.group(), checked.description(),
						checked.ownerTeamId(), builtIn, definitionJson(checked), now, now)
				.update();
		}
		catch (DuplicateKeyException ex) {
			throw TianshuException.conflict("cmdb.model.code-taken", "A model " + checked.code() + " exists",
					Map.of("code", checked.code()));
		}
		CiModel model = find(checked.code()).orElseThrow();
		storeVersion(model, "model created");
		this.audit.record(AuditEntry.success("cmdb.model.created", "cmdb-model", model.code()).withChange(null, model));
		return model;
	}

	@Override
	@Transactional
	public CiModel update(String code, ModelDraft draft) {
		this.authorization.require(CmdbPermissions.MODEL_WRITE);
		CiModel before = lockedModel(code);
		if (draft.code() != null && !draft.code().strip().equals(code)) {
			throw TianshuException.invalidField("code", "cmdb.model.code-immutable",
					"the code of a model cannot change");
		}
		ModelDraft checked = validated(new ModelDraft(code, draft.name(), draft.nameEn(), draft.group(),
				draft.description(), draft.ownerTeamId(), draft.attributes(), draft.identificationRules()));
		CiModel candidate = new CiModel(before.id(), code, checked.name(), checked.nameEn(), checked.group(),
				checked.description(), checked.ownerTeamId(), before.builtIn(), before.version(), checked.attributes(),
				checked.identificationRules(), before.relations(), before.updatedAt());
		List<ModelChange> changes = ModelDiffs.between(roundTrip(before), roundTrip(candidate));
		if (changes.isEmpty()) {
			return before;
		}
		this.jdbc.sql("""
				UPDATE cmdb.model SET name = ?, name_en = ?, group_code = ?, description = ?, owner_team_id = ?,
				  definition = ?::jsonb, version = version + 1, updated_at = ?
				WHERE code = ?""")
			.params(checked.name(), checked.nameEn(), checked.group(), checked.description(), checked.ownerTeamId(),
					definitionJson(checked), Timestamp.from(this.clock.instant()), code)
			.update();
		CiModel model = find(code).orElseThrow();
		storeVersion(model, ModelDiffs.summary(changes));
		CiImpact impact = this.conformance.apply(before, model);
		this.audit.record(AuditEntry.success("cmdb.model.updated", "cmdb-model", code)
			.withChange(before, model)
			.withDetail(ModelDiffs.summary(changes) + impactNote(impact)));
		return model;
	}

	@Override
	@Transactional(readOnly = true)
	public List<ModelVersion> versions(String code) {
		this.authorization.require(CmdbPermissions.MODEL_READ);
		CiModel model = find(code).orElseThrow(() -> notFound(code));
		return this.jdbc.sql("""
				SELECT version, summary, actor, created_at FROM cmdb.model_version
				WHERE model_id = ? ORDER BY version DESC""")
			.param(model.id().value())
			.query((rs, n) -> new ModelVersion(rs.getInt(1), rs.getString(2), rs.getString(3),
					rs.getTimestamp(4).toInstant()))
			.list();
	}

	@Override
	@Transactional(readOnly = true)
	public CiModel version(String code, int version) {
		this.authorization.require(CmdbPermissions.MODEL_READ);
		return snapshot(code, version);
	}

	@Override
	@Transactional(readOnly = true)
	public ModelDiff diff(String code, int fromVersion, int toVersion) {
		this.authorization.require(CmdbPermissions.MODEL_READ);
		CiModel from = snapshot(code, fromVersion);
		CiModel to = snapshot(code, toVersion);
		return new ModelDiff(code, fromVersion, toVersion, ModelDiffs.between(from, to));
	}

	/** A note for the audit detail on what a model change did to the model's CIs. */
	static String impactNote(CiImpact impact) {
		return (impact.migrated() == 0 && impact.flagged() == 0) ? ""
				: " (CIs: " + impact.migrated() + " migrated, " + impact.flagged() + " flagged)";
	}

	CiModel snapshot(String code, int version) {
		CiModel model = find(code).orElseThrow(() -> notFound(code));
		return this.jdbc.sql("SELECT snapshot::text FROM cmdb.model_version WHERE model_id = ? AND version = ?")
			.params(model.id().value(), version)
			.query(String.class)
			.optional()
			.map((text) -> this.json.readValue(text, CiModel.class))
			.orElseThrow(() -> TianshuException.notFound("cmdb.model.version-not-found",
					"Model " + code + " has no version " + version));
	}

	@Override
	@Transactional(readOnly = true)
	public List<RelationType> relationTypes() {
		this.authorization.require(CmdbPermissions.MODEL_READ);
		return this.jdbc
			.sql("SELECT code, forward_label, reverse_label, acyclic, built_in FROM cmdb.relation_type ORDER BY code")
			.query(ModelCatalog::relationType)
			.list();
	}

	/** The relation type without a permission check. */
	public Optional<RelationType> findRelationType(String code) {
		return this.jdbc
			.sql("SELECT code, forward_label, reverse_label, acyclic, built_in FROM cmdb.relation_type"
					+ " WHERE code = ?")
			.param(code)
			.query(ModelCatalog::relationType)
			.optional();
	}

	@Override
	@Transactional
	public RelationType createRelationType(RelationType type) {
		this.authorization.require(CmdbPermissions.MODEL_WRITE);
		return createRelationType(type, false);
	}

	@Transactional
	public RelationType createRelationType(RelationType type, boolean builtIn) {
		List<FieldViolation> violations = new ArrayList<>();
		String code = strip(type.code());
		if (code == null || !ModelRules.CODE.matcher(code).matches()) {
			violations.add(new FieldViolation("code", "cmdb.relation-type.code-invalid",
					"code must be lower case letters, digits and _, starting with a letter"));
		}
		if (strip(type.forwardLabel()) == null) {
			violations
				.add(new FieldViolation("forwardLabel", "cmdb.relation-type.required", "forwardLabel is required"));
		}
		if (strip(type.reverseLabel()) == null) {
			violations
				.add(new FieldViolation("reverseLabel", "cmdb.relation-type.required", "reverseLabel is required"));
		}
		if (!violations.isEmpty()) {
			throw TianshuException.invalid("The relation type is invalid", violations);
		}
		RelationType cleaned = new RelationType(code, strip(type.forwardLabel()), strip(type.reverseLabel()),
				type.acyclic(), builtIn);
		int inserted = this.jdbc.sql("""
				INSERT INTO cmdb.relation_type (code, forward_label, reverse_label, acyclic, built_in)
				VALUES (?, ?, ?, ?, ?) ON CONFLICT DO NOTHING""")
			.params(code, cleaned.forwardLabel(), cleaned.reverseLabel(), cleaned.acyclic(), builtIn)
			.update();
		if (inserted == 0) {
			throw TianshuException.conflict("cmdb.relation-type.code-taken", "A relation type " + code + " exists",
					Map.of("code", code));
		}
		this.audit.record(
				AuditEntry.success("cmdb.relation-type.created", "cmdb-relation-type", code).withChange(null, cleaned));
		return cleaned;
	}

	@Override
	@Transactional(readOnly = true)
	public List<RelationDefinition> relationDefinitions() {
		this.authorization.require(CmdbPermissions.MODEL_READ);
		return allDefinitions();
	}

	/**
	 * The definition for a relation between CIs of two models, without a permission
	 * check.
	 */
	public Optional<RelationDefinition> findDefinition(String sourceModel, String targetModel, String type) {
		return this.jdbc.sql("""
				SELECT id, source_model, target_model, type_code, cardinality, delete_behaviour
				FROM cmdb.relation_definition WHERE source_model = ? AND target_model = ? AND type_code = ?""")
			.params(sourceModel, targetModel, type)
			.query(ModelCatalog::definition)
			.optional();
	}

	/** Definitions by id, without a permission check. */
	public Map<UUID, RelationDefinition> definitionsById() {
		return allDefinitions().stream().collect(Collectors.toMap(RelationDefinition::id, (d) -> d));
	}

	@Override
	@Transactional
	public RelationDefinition defineRelation(RelationDefinition definition) {
		this.authorization.require(CmdbPermissions.MODEL_WRITE);
		List<FieldViolation> violations = new ArrayList<>();
		if (definition.sourceModel() == null || find(definition.sourceModel()).isEmpty()) {
			violations.add(new FieldViolation("sourceModel", "cmdb.relation-definition.unknown-model",
					"no model " + definition.sourceModel()));
		}
		if (definition.targetModel() == null || find(definition.targetModel()).isEmpty()) {
			violations.add(new FieldViolation("targetModel", "cmdb.relation-definition.unknown-model",
					"no model " + definition.targetModel()));
		}
		if (definition.type() == null || findRelationType(definition.type()).isEmpty()) {
			violations.add(new FieldViolation("type", "cmdb.relation-definition.unknown-type",
					"no relation type " + definition.type()));
		}
		if (definition.cardinality() == null) {
			violations.add(new FieldViolation("cardinality", "cmdb.relation-definition.required",
					"cardinality is required (ONE_TO_ONE, ONE_TO_MANY, MANY_TO_MANY)"));
		}
		if (definition.deleteBehaviour() == null) {
			violations.add(new FieldViolation("deleteBehaviour", "cmdb.relation-definition.required",
					"deleteBehaviour is required (CASCADE, BLOCK, DETACH)"));
		}
		if (!violations.isEmpty()) {
			throw TianshuException.invalid("The relation definition is invalid", violations);
		}
		CiModel before = lockedModel(definition.sourceModel());
		RelationDefinition stored = new RelationDefinition(UUID.randomUUID(), definition.sourceModel(),
				definition.targetModel(), definition.type(), definition.cardinality(), definition.deleteBehaviour());
		try {
			this.jdbc.sql("""
					INSERT INTO cmdb.relation_definition (id, source_model, target_model, type_code, cardinality,
					  delete_behaviour) VALUES (?, ?, ?, ?, ?, ?)""")
				.params(stored.id(), stored.sourceModel(), stored.targetModel(), stored.type(),
						stored.cardinality().name(), stored.deleteBehaviour().name())
				.update();
		}
		catch (DuplicateKeyException ex) {
			throw TianshuException.conflict("cmdb.relation-definition.exists",
					"Models " + stored.sourceModel() + " and " + stored.targetModel() + " already have a "
							+ stored.type() + " definition",
					Map.of("sourceModel", stored.sourceModel(), "targetModel", stored.targetModel(), "type",
							stored.type()));
		}
		bumpVersion(before);
		this.audit.record(AuditEntry
			.success("cmdb.relation-definition.created", "cmdb-relation-definition", stored.id().toString())
			.withChange(null, stored));
		return stored;
	}

	@Override
	@Transactional
	public void removeRelationDefinition(UUID id) {
		this.authorization.require(CmdbPermissions.MODEL_WRITE);
		RelationDefinition definition = allDefinitions().stream()
			.filter((d) -> d.id().equals(id))
			.findFirst()
			.orElseThrow(() -> TianshuException.notFound("cmdb.relation-definition.not-found",
					"No relation definition " + id));
		CiModel before = lockedModel(definition.sourceModel());
		try {
			this.jdbc.sql("DELETE FROM cmdb.relation_definition WHERE id = ?").param(id).update();
		}
		catch (DataIntegrityViolationException ex) {
			throw TianshuException.conflict("cmdb.relation-definition.in-use",
					"Relations use this definition; delete them first");
		}
		bumpVersion(before);
		this.audit
			.record(AuditEntry.success("cmdb.relation-definition.deleted", "cmdb-relation-definition", id.toString())
				.withChange(definition, null));
	}

	private void bumpVersion(CiModel before) {
		this.jdbc.sql("UPDATE cmdb.model SET version = version + 1, updated_at = ? WHERE code = ?")
			.params(Timestamp.from(this.clock.instant()), before.code())
			.update();
		CiModel after = find(before.code()).orElseThrow();
		storeVersion(after, ModelDiffs.summary(ModelDiffs.between(roundTrip(before), roundTrip(after))));
	}

	CiModel lockedModel(String code) {
		// the row lock orders concurrent changes of one model, so versions never clash
		this.jdbc.sql("SELECT id FROM cmdb.model WHERE code = ? FOR UPDATE")
			.param(code)
			.query(UUID.class)
			.optional()
			.orElseThrow(() -> notFound(code));
		return find(code).orElseThrow();
	}

	void storeVersion(CiModel model, String summary) {
		this.jdbc.sql("""
				INSERT INTO cmdb.model_version (model_id, version, snapshot, summary, actor, created_at)
				VALUES (?, ?, ?::jsonb, ?, ?, ?)""")
			.params(model.id().value(), model.version(), this.json.writeValueAsString(model), summary,
					this.authorization.currentActor().name(), Timestamp.from(this.clock.instant()))
			.update();
	}

	/**
	 * Compares like with like: both sides in the form they have after a JSON round trip.
	 */
	CiModel roundTrip(CiModel model) {
		return this.json.readValue(this.json.writeValueAsString(model), CiModel.class);
	}

	private ModelDraft validated(ModelDraft draft) {
		return validated(draft, java.util.Set.of(), java.util.Set.of(), "");
	}

	/**
	 * The checked draft, or 422 with field errors under {@code prefix}; groups and models
	 * in {@code extraGroups}/{@code extraModels} count as existing (a bundle creates
	 * them).
	 */
	ModelDraft validated(ModelDraft draft, java.util.Set<String> extraGroups, java.util.Set<String> extraModels,
			String prefix) {
		List<FieldViolation> found = new ArrayList<>();
		ModelDraft checked = check(draft, extraGroups, extraModels, found);
		if (!found.isEmpty()) {
			throw TianshuException.invalid("The model is invalid",
					found.stream().map((v) -> new FieldViolation(prefix + v.field(), v.code(), v.message())).toList());
		}
		return checked;
	}

	/** Adds a violation for everything wrong with the draft; answers it cleaned. */
	ModelDraft check(ModelDraft draft, java.util.Set<String> extraGroups, java.util.Set<String> extraModels,
			List<FieldViolation> violations) {
		ModelDraft checked = ModelRules.check(draft, violations);
		if (checked.group() != null && !extraGroups.contains(checked.group())
				&& this.jdbc.sql("SELECT count(*) FROM cmdb.model_group WHERE code = ?")
					.param(checked.group())
					.query(Integer.class)
					.single() == 0) {
			violations
				.add(new FieldViolation("group", "cmdb.model.unknown-group", "no model group " + checked.group()));
		}
		for (int i = 0; i < checked.attributes().size(); i++) {
			String referenced = checked.attributes().get(i).referenceModel();
			if (referenced != null && !referenced.equals(checked.code()) && !extraModels.contains(referenced)
					&& find(referenced).isEmpty()) {
				violations.add(new FieldViolation("attributes[" + i + "].referenceModel",
						"cmdb.model.attribute.unknown-model", "no model " + referenced));
			}
		}
		return checked;
	}

	String definitionJson(ModelDraft draft) {
		return this.json.writeValueAsString(new Definition(draft.attributes(), draft.identificationRules()));
	}

	List<RelationDefinition> allDefinitions() {
		return this.jdbc.sql("""
				SELECT id, source_model, target_model, type_code, cardinality, delete_behaviour
				FROM cmdb.relation_definition ORDER BY source_model, type_code, target_model""")
			.query(ModelCatalog::definition)
			.list();
	}

	private List<RelationDefinition> definitionsFrom(String code) {
		return this.jdbc.sql("""
				SELECT id, source_model, target_model, type_code, cardinality, delete_behaviour
				FROM cmdb.relation_definition WHERE source_model = ? ORDER BY type_code, target_model""")
			.param(code)
			.query(ModelCatalog::definition)
			.list();
	}

	private static RelationDefinition definition(ResultSet rs, int n) throws SQLException {
		return new RelationDefinition(rs.getObject(1, UUID.class), rs.getString(2), rs.getString(3), rs.getString(4),
				Cardinality.valueOf(rs.getString(5)), DeleteBehaviour.valueOf(rs.getString(6)));
	}

	private static RelationType relationType(ResultSet rs, int n) throws SQLException {
		return new RelationType(rs.getString(1), rs.getString(2), rs.getString(3), rs.getBoolean(4), rs.getBoolean(5));
	}

	private CiModel row(ResultSet rs, List<RelationDefinition> relations) throws SQLException {
		Definition definition = this.json.readValue(rs.getString("definition"), Definition.class);
		return new CiModel(new ModelId(rs.getObject("id", UUID.class)), rs.getString("code"), rs.getString("name"),
				rs.getString("name_en"), rs.getString("group_code"), rs.getString("description"),
				rs.getObject("owner_team_id", UUID.class), rs.getBoolean("built_in"), rs.getInt("version"),
				definition.attributes(), definition.identificationRules(), relations,
				rs.getTimestamp("updated_at").toInstant());
	}

	static String strip(String value) {
		return (value == null || value.isBlank()) ? null : value.strip();
	}

	private static TianshuException notFound(String code) {
		return TianshuException.notFound("cmdb.model.not-found", "No model " + code);
	}

	/** The JSONB {@code definition} column. */
	record Definition(List<AttributeDefinition> attributes, List<IdentificationRule> identificationRules) {
	}

}
