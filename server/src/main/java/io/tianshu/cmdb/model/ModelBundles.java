package io.tianshu.cmdb.model;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

import io.tianshu.cmdb.AttributeDefinition;
import io.tianshu.cmdb.AttributeType;
import io.tianshu.cmdb.Cardinality;
import io.tianshu.cmdb.CiModel;
import io.tianshu.cmdb.CmdbPermissions;
import io.tianshu.cmdb.DeleteBehaviour;
import io.tianshu.cmdb.ModelDraft;
import io.tianshu.cmdb.ModelGroup;
import io.tianshu.cmdb.RelationDefinition;
import io.tianshu.cmdb.RelationType;
import io.tianshu.cmdb.model.BundlePreview.ItemPreview;
import io.tianshu.cmdb.model.ModelBundle.BundleAttribute;
import io.tianshu.cmdb.model.ModelBundle.BundleModel;
import io.tianshu.cmdb.model.ModelBundle.BundleModelGroup;
import io.tianshu.cmdb.model.ModelBundle.BundleRelationDefinition;
import io.tianshu.cmdb.model.ModelBundle.BundleRelationType;
import io.tianshu.cmdb.model.ModelChangeSets.Target;
import io.tianshu.cmdb.model.ModelPreview.Action;
import io.tianshu.platform.Audit;
import io.tianshu.platform.AuditEntry;
import io.tianshu.platform.Authorization;
import io.tianshu.platform.FieldViolation;
import io.tianshu.platform.TianshuException;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Model bundles (模型包导入导出), previews of model changes and restores of earlier model
 * versions. Export and previews need {@link CmdbPermissions#MODEL_READ}; import and
 * restore {@link CmdbPermissions#MODEL_WRITE}, apply everything in one transaction, and
 * refuse destructive changes (409 {@code cmdb.bundle.destructive} /
 * {@code cmdb.model.destructive} with the list in {@code params.destructiveChanges})
 * unless {@code allowDestructive} is set. Every import and restore is audited, refused
 * ones too.
 */
@Service
public class ModelBundles {

	/** The largest bundle file read. */
	public static final int MAX_BYTES = 10 * 1024 * 1024;

	private final ModelCatalog catalog;

	private final ModelChangeSets changeSets;

	private final JdbcClient jdbc;

	private final JsonMapper json;

	private final Authorization authorization;

	private final Audit audit;

	private final java.time.Clock clock;

	private final TransactionTemplate tx;

	ModelBundles(ModelCatalog catalog, ModelChangeSets changeSets, JdbcClient jdbc, JsonMapper json,
			Authorization authorization, Audit audit, java.time.Clock clock, PlatformTransactionManager transactions) {
		this.catalog = catalog;
		this.changeSets = changeSets;
		this.jdbc = jdbc;
		this.json = json;
		this.authorization = authorization;
		this.audit = audit;
		this.clock = clock;
		this.tx = new TransactionTemplate(transactions);
	}

	/**
	 * The bundle of the models with these codes (all models when empty), the relation
	 * definitions whose source they are, the relation types those use (all types for a
	 * full export) and their groups; 422 naming an unknown code.
	 */
	@Transactional(readOnly = true)
	public ModelBundle export(List<String> codes) {
		this.authorization.require(CmdbPermissions.MODEL_READ);
		List<CiModel> models = new ArrayList<>();
		if (codes == null || codes.isEmpty()) {
			models.addAll(this.catalog.list(null));
		}
		else {
			for (String code : new LinkedHashSet<>(codes)) {
				models.add(this.catalog.find(code)
					.orElseThrow(() -> TianshuException.invalidField("models", "cmdb.bundle.unknown-model",
							"no model " + code)));
			}
		}
		List<BundleRelationDefinition> definitions = new ArrayList<>();
		Set<String> usedTypes = new TreeSet<>();
		for (CiModel model : models) {
			for (RelationDefinition r : model.relations()) {
				definitions.add(new BundleRelationDefinition(r.sourceModel(), r.targetModel(), r.type(),
						r.cardinality().name(), r.deleteBehaviour().name()));
				usedTypes.add(r.type());
			}
		}
		boolean all = codes == null || codes.isEmpty();
		List<BundleRelationType> types = this.catalog.relationTypes()
			.stream()
			.filter((t) -> all || usedTypes.contains(t.code()))
			.map((t) -> new BundleRelationType(t.code(), t.forwardLabel(), t.reverseLabel(), t.acyclic()))
			.toList();
		Set<String> usedGroups = new HashSet<>();
		models.forEach((m) -> usedGroups.add(m.group()));
		List<BundleModelGroup> groups = this.catalog.groups()
			.stream()
			.filter((g) -> usedGroups.contains(g.code()))
			.map((g) -> new BundleModelGroup(g.code(), g.name(), g.nameEn(), g.sortOrder()))
			.toList();
		List<BundleModel> bundled = models.stream()
			.map((m) -> new BundleModel(m.code(), m.name(), m.nameEn(), m.group(), m.description(),
					m.attributes().stream().map(ModelBundles::bundled).toList(), m.identificationRules()))
			.toList();
		return new ModelBundle(ModelBundle.FORMAT_VERSION, this.clock.instant(),
				this.authorization.currentActor().name(), groups, types, bundled, definitions);
	}

	private static BundleAttribute bundled(AttributeDefinition a) {
		return new BundleAttribute(a.code(), a.name(), a.type().name(), a.required(), a.unique(), a.regex(), a.min(),
				a.max(), a.enumValues(), a.defaultValue(), a.helpText(), a.group(), a.referenceModel(),
				(a.itemType() != null) ? a.itemType().name() : null);
	}

	/** The bundle in an uploaded file; 422 when it is not JSON or not a bundle. */
	public ModelBundle read(byte[] content) {
		if (content == null || content.length == 0) {
			throw TianshuException.invalidField("file", "cmdb.bundle.empty", "the bundle file is empty");
		}
		if (content.length > MAX_BYTES) {
			throw TianshuException.invalidField("file", "cmdb.bundle.too-large",
					"the bundle file is larger than " + MAX_BYTES / 1024 / 1024 + " MiB");
		}
		JsonNode node;
		try {
			node = this.json.readTree(content);
		}
		catch (JacksonException ex) {
			throw TianshuException.invalidField("file", "cmdb.bundle.malformed",
					"the bundle is not valid JSON: " + ex.getOriginalMessage() + ((ex.getLocation() != null) ? " (line "
							+ ex.getLocation().getLineNr() + ", column " + ex.getLocation().getColumnNr() + ")" : ""));
		}
		return read(node);
	}

	/**
	 * The bundle in a JSON tree: the format version is checked first, so a bundle of
	 * another format is refused as such (422 {@code cmdb.bundle.format-version}).
	 */
	public ModelBundle read(JsonNode node) {
		if (node == null || !node.isObject()) {
			throw TianshuException.invalidField("file", "cmdb.bundle.malformed",
					"a bundle is a JSON object with formatVersion, models, relationTypes and relationDefinitions");
		}
		JsonNode version = node.get("formatVersion");
		if (version == null || version.isNull()) {
			throw TianshuException.invalidField("formatVersion", "cmdb.bundle.format-version",
					"formatVersion is required (" + ModelBundle.FORMAT_VERSION + ")");
		}
		if (!version.isIntegralNumber() || version.asInt() != ModelBundle.FORMAT_VERSION) {
			throw new TianshuException(io.tianshu.platform.ProblemKind.INVALID, "cmdb.bundle.format-version",
					"Unsupported bundle formatVersion " + version + "; this Tianshu reads "
							+ ModelBundle.FORMAT_VERSION,
					Map.of("formatVersion", version.toString(), "supported", ModelBundle.FORMAT_VERSION),
					List.of(new FieldViolation("formatVersion", "cmdb.bundle.format-version",
							"unsupported formatVersion " + version + " (supported: " + ModelBundle.FORMAT_VERSION
									+ ")")));
		}
		try {
			return this.json.treeToValue(node, ModelBundle.class);
		}
		catch (JacksonException ex) {
			String field = path(ex);
			throw TianshuException.invalidField(field.isEmpty() ? "file" : field, "cmdb.bundle.invalid",
					"the bundle does not have the expected shape"
							+ (field.isEmpty() ? "" : " at " + field + ": " + ex.getOriginalMessage()));
		}
	}

	private static String path(JacksonException ex) {
		StringBuilder path = new StringBuilder();
		for (JacksonException.Reference reference : ex.getPath()) {
			if (reference.getPropertyName() != null) {
				if (!path.isEmpty()) {
					path.append('.');
				}
				path.append(reference.getPropertyName());
			}
			else if (reference.getIndex() >= 0) {
				path.append('[').append(reference.getIndex()).append(']');
			}
		}
		return path.toString();
	}

	/**
	 * What importing the bundle would change; 422 with field errors when it is invalid.
	 */
	@Transactional(readOnly = true)
	public BundlePreview preview(ModelBundle bundle) {
		this.authorization.require(CmdbPermissions.MODEL_READ);
		return preview(parse(bundle));
	}

	/**
	 * Imports the bundle in one transaction; every changed model gets a new version and
	 * its CIs are migrated or flagged.
	 */
	public BundleImportResult importBundle(ModelBundle bundle, boolean allowDestructive) {
		this.authorization.require(CmdbPermissions.MODEL_WRITE);
		try {
			return this.tx.execute((status) -> {
				Parsed parsed = parse(bundle);
				BundlePreview preview = preview(parsed);
				if (preview.destructive() && !allowDestructive) {
					throw TianshuException.conflict("cmdb.bundle.destructive",
							"The bundle makes " + preview.destructiveChanges().size()
									+ " destructive changes; import with allowDestructive=true to apply them: "
									+ String.join("; ", preview.destructiveChanges()),
							Map.of("destructiveChanges", preview.destructiveChanges()));
				}
				applyGroups(parsed.groups());
				applyTypes(parsed.types());
				Set<String> groupCodes = new HashSet<>();
				parsed.groups().forEach((g) -> groupCodes.add(g.code()));
				Map<String, CiModel> saved = this.changeSets.apply(parsed.targets(), groupCodes, "cmdb.model.updated",
						" (bundle import)");
				Map<String, Integer> versions = new TreeMap<>();
				saved.forEach((code, model) -> versions.put(code, model.version()));
				this.audit.record(AuditEntry.success("cmdb.bundle.imported", "cmdb-bundle", null)
					.withChange(null, versions)
					.withDetail(summary(preview) + (allowDestructive ? " (destructive changes allowed)" : "")));
				return new BundleImportResult(preview, versions);
			});
		}
		catch (TianshuException ex) {
			this.audit.record(AuditEntry.failure("cmdb.bundle.imported", "cmdb-bundle", null,
					ex.code() + ": " + abbreviate(ex.getMessage())));
			throw ex;
		}
	}

	/** What saving {@code draft} as model {@code code} (a PUT) would change. */
	@Transactional(readOnly = true)
	public ModelPreview previewEdit(String code, ModelDraft draft) {
		this.authorization.require(CmdbPermissions.MODEL_READ);
		CiModel current = this.catalog.find(code)
			.orElseThrow(() -> TianshuException.notFound("cmdb.model.not-found", "No model " + code));
		if (draft.code() != null && !draft.code().strip().equals(code)) {
			throw TianshuException.invalidField("code", "cmdb.model.code-immutable",
					"the code of a model cannot change");
		}
		return this.changeSets.preview(
				new Target(
						new ModelDraft(code, draft.name(), draft.nameEn(), draft.group(), draft.description(),
								draft.ownerTeamId(), draft.attributes(), draft.identificationRules()),
						current.relations()),
				Set.of(), Set.of());
	}

	/**
	 * What restoring {@code version} of the model would change (the current version
	 * becomes the "from" side).
	 */
	@Transactional(readOnly = true)
	public ModelPreview previewRestore(String code, int version) {
		this.authorization.require(CmdbPermissions.MODEL_READ);
		return this.changeSets.preview(restoreTarget(code, version), Set.of(), Set.of());
	}

	/**
	 * Restores an earlier version as a new version equal to it (history is never
	 * rewritten); the current model when it already equals that version.
	 */
	public CiModel restore(String code, int version, boolean allowDestructive) {
		this.authorization.require(CmdbPermissions.MODEL_WRITE);
		try {
			return this.tx.execute((status) -> {
				CiModel current = this.catalog.lockedModel(code);
				Target target = restoreTarget(code, version);
				ModelPreview preview = this.changeSets.preview(target, Set.of(), Set.of());
				if (preview.action() == Action.UNCHANGED) {
					return current;
				}
				if (preview.destructive() && !allowDestructive) {
					List<String> destructive = preview.changes()
						.stream()
						.filter(PreviewChange::destructive)
						.map(PreviewChange::text)
						.toList();
					throw TianshuException.conflict("cmdb.model.destructive",
							"Restoring version " + version + " makes " + destructive.size()
									+ " destructive changes; restore with allowDestructive=true to apply them: "
									+ String.join("; ", destructive),
							Map.of("destructiveChanges", destructive, "version", version));
				}
				return this.changeSets
					.apply(List.of(target), Set.of(), "cmdb.model.restored", " (restored from version " + version + ")")
					.get(code);
			});
		}
		catch (TianshuException ex) {
			this.audit.record(AuditEntry.failure("cmdb.model.restored", "cmdb-model", code,
					ex.code() + ": " + abbreviate(ex.getMessage())));
			throw ex;
		}
	}

	private Target restoreTarget(String code, int version) {
		CiModel old = this.catalog.snapshot(code, version);
		return new Target(new ModelDraft(code, old.name(), old.nameEn(), old.group(), old.description(),
				old.ownerTeamId(), old.attributes(), old.identificationRules()), old.relations());
	}

	private record Parsed(List<ModelGroup> groups, List<RelationType> types, List<Target> targets) {
	}

	private Parsed parse(ModelBundle bundle) {
		if (bundle.formatVersion() == null || bundle.formatVersion() != ModelBundle.FORMAT_VERSION) {
			throw TianshuException.invalidField("formatVersion", "cmdb.bundle.format-version",
					"unsupported formatVersion " + bundle.formatVersion() + " (supported: " + ModelBundle.FORMAT_VERSION
							+ ")");
		}
		List<FieldViolation> violations = new ArrayList<>();
		List<ModelGroup> groups = new ArrayList<>();
		Set<String> groupCodes = new HashSet<>();
		List<BundleModelGroup> givenGroups = orEmpty(bundle.modelGroups());
		for (int i = 0; i < givenGroups.size(); i++) {
			String field = "modelGroups[" + i + "]";
			BundleModelGroup g = givenGroups.get(i);
			if (g == null || ModelCatalog.strip(g.code()) == null
					|| !ModelRules.CODE.matcher(g.code().strip()).matches()) {
				violations.add(new FieldViolation(field + ".code", "cmdb.group.code-invalid",
						"code must be lower case letters, digits and _, starting with a letter"));
				continue;
			}
			String code = g.code().strip();
			if (!groupCodes.add(code)) {
				violations.add(new FieldViolation(field + ".code", "cmdb.bundle.duplicate",
						"model group " + code + " is in the bundle twice"));
			}
			if (ModelCatalog.strip(g.name()) == null) {
				violations.add(new FieldViolation(field + ".name", "cmdb.group.required", "name is required"));
			}
			String name = ModelCatalog.strip(g.name());
			groups.add(new ModelGroup(code, name, (ModelCatalog.strip(g.nameEn()) != null) ? g.nameEn().strip() : name,
					(g.sortOrder() != null) ? g.sortOrder() : 100));
		}
		List<RelationType> types = new ArrayList<>();
		Set<String> typeCodes = new HashSet<>();
		List<BundleRelationType> givenTypes = orEmpty(bundle.relationTypes());
		for (int i = 0; i < givenTypes.size(); i++) {
			String field = "relationTypes[" + i + "]";
			BundleRelationType t = givenTypes.get(i);
			if (t == null || ModelCatalog.strip(t.code()) == null
					|| !ModelRules.CODE.matcher(t.code().strip()).matches()) {
				violations.add(new FieldViolation(field + ".code", "cmdb.relation-type.code-invalid",
						"code must be lower case letters, digits and _, starting with a letter"));
				continue;
			}
			String code = t.code().strip();
			if (!typeCodes.add(code)) {
				violations.add(new FieldViolation(field + ".code", "cmdb.bundle.duplicate",
						"relation type " + code + " is in the bundle twice"));
			}
			if (ModelCatalog.strip(t.forwardLabel()) == null) {
				violations.add(new FieldViolation(field + ".forwardLabel", "cmdb.relation-type.required",
						"forwardLabel is required"));
			}
			if (ModelCatalog.strip(t.reverseLabel()) == null) {
				violations.add(new FieldViolation(field + ".reverseLabel", "cmdb.relation-type.required",
						"reverseLabel is required"));
			}
			types.add(new RelationType(code, ModelCatalog.strip(t.forwardLabel()), ModelCatalog.strip(t.reverseLabel()),
					Boolean.TRUE.equals(t.acyclic()), false));
		}
		List<BundleModel> givenModels = orEmpty(bundle.models());
		Set<String> modelCodes = new LinkedHashSet<>();
		for (BundleModel m : givenModels) {
			if (m != null && ModelCatalog.strip(m.code()) != null) {
				modelCodes.add(m.code().strip());
			}
		}
		Map<String, ModelDraft> drafts = new LinkedHashMap<>();
		Set<String> seen = new HashSet<>();
		for (int i = 0; i < givenModels.size(); i++) {
			String field = "models[" + i + "]";
			BundleModel m = givenModels.get(i);
			if (m == null) {
				violations.add(new FieldViolation(field, "cmdb.model.required", "model must not be null"));
				continue;
			}
			ModelDraft draft = draft(m, field, violations);
			if (draft.code() != null && !seen.add(draft.code().strip())) {
				violations.add(new FieldViolation(field + ".code", "cmdb.bundle.duplicate",
						"model " + draft.code() + " is in the bundle twice"));
			}
			List<FieldViolation> found = new ArrayList<>();
			ModelDraft checked = this.catalog.check(draft, groupCodes, modelCodes, found);
			for (FieldViolation v : found) {
				String at = field + "." + v.field();
				// a type already refused above is not reported again as missing
				if (violations.stream().noneMatch((known) -> at.equals(known.field()))) {
					violations.add(new FieldViolation(at, v.code(), v.message()));
				}
			}
			if (checked.code() != null) {
				drafts.put(checked.code(), draft);
			}
		}
		Map<String, List<RelationDefinition>> relations = new LinkedHashMap<>();
		drafts.keySet().forEach((code) -> relations.put(code, new ArrayList<>()));
		Set<String> definitionKeys = new HashSet<>();
		List<BundleRelationDefinition> givenDefinitions = orEmpty(bundle.relationDefinitions());
		for (int i = 0; i < givenDefinitions.size(); i++) {
			String field = "relationDefinitions[" + i + "]";
			BundleRelationDefinition d = givenDefinitions.get(i);
			if (d == null) {
				violations
					.add(new FieldViolation(field, "cmdb.relation-definition.required", "definition must not be null"));
				continue;
			}
			int before = violations.size();
			String source = ModelCatalog.strip(d.sourceModel());
			String target = ModelCatalog.strip(d.targetModel());
			String type = ModelCatalog.strip(d.type());
			if (source == null || !drafts.containsKey(source)) {
				violations.add(new FieldViolation(field + ".sourceModel", "cmdb.bundle.source-not-bundled",
						"the source model " + source + " of a definition must be a model of the bundle"));
			}
			if (target == null || (!modelCodes.contains(target) && this.catalog.find(target).isEmpty())) {
				violations.add(new FieldViolation(field + ".targetModel", "cmdb.bundle.unknown-model",
						"no model " + target + " in the bundle or here"));
			}
			if (type == null || (!typeCodes.contains(type) && this.catalog.findRelationType(type).isEmpty())) {
				violations.add(new FieldViolation(field + ".type", "cmdb.bundle.unknown-relation-type",
						"no relation type " + type + " in the bundle or here"));
			}
			Cardinality cardinality = constant(Cardinality.class, d.cardinality(), field + ".cardinality", violations);
			DeleteBehaviour behaviour = constant(DeleteBehaviour.class, d.deleteBehaviour(), field + ".deleteBehaviour",
					violations);
			if (violations.size() > before) {
				continue;
			}
			if (!definitionKeys.add(source + " " + type + "->" + target)) {
				violations.add(new FieldViolation(field, "cmdb.bundle.duplicate",
						"definition " + source + " " + type + "->" + target + " is in the bundle twice"));
				continue;
			}
			relations.get(source).add(new RelationDefinition(null, source, target, type, cardinality, behaviour));
		}
		if (!violations.isEmpty()) {
			throw TianshuException.invalid("The bundle is invalid", violations);
		}
		List<Target> targets = new ArrayList<>();
		drafts.forEach((code, draft) -> targets.add(new Target(draft, relations.get(code))));
		return new Parsed(groups, types, targets);
	}

	private ModelDraft draft(BundleModel m, String field, List<FieldViolation> violations) {
		List<AttributeDefinition> attributes = new ArrayList<>();
		List<BundleAttribute> given = orEmpty(m.attributes());
		for (int j = 0; j < given.size(); j++) {
			BundleAttribute a = given.get(j);
			if (a == null) {
				attributes.add(null);
				continue;
			}
			String at = field + ".attributes[" + j + "]";
			AttributeType type = attributeType(a.type(), at + ".type", true, violations);
			AttributeType itemType = attributeType(a.itemType(), at + ".itemType", false, violations);
			attributes.add(new AttributeDefinition(a.code(), a.name(), type, Boolean.TRUE.equals(a.required()),
					Boolean.TRUE.equals(a.unique()), a.regex(), a.min(), a.max(), a.enumValues(), a.defaultValue(),
					a.helpText(), a.group(), a.referenceModel(), itemType));
		}
		String code = ModelCatalog.strip(m.code());
		// owner teams are environment-specific: an import keeps the owner the model has
		// here
		java.util.UUID owner = (code != null) ? this.catalog.find(code).map(CiModel::ownerTeamId).orElse(null) : null;
		return new ModelDraft(code, m.name(), m.nameEn(), m.group(), m.description(), owner, attributes,
				m.identificationRules());
	}

	private static AttributeType attributeType(String text, String field, boolean required,
			List<FieldViolation> violations) {
		if (text == null || text.isBlank()) {
			if (required) {
				violations.add(new FieldViolation(field, "cmdb.model.required", "type is required"));
			}
			return null;
		}
		try {
			return AttributeType.valueOf(text.strip().toUpperCase(Locale.ROOT));
		}
		catch (IllegalArgumentException ex) {
			violations.add(new FieldViolation(field, "cmdb.model.attribute.type-unknown",
					"type must be one of " + List.of(AttributeType.values()).toString().toLowerCase(Locale.ROOT)));
			return null;
		}
	}

	private static <E extends Enum<E>> E constant(Class<E> type, String text, String field,
			List<FieldViolation> violations) {
		if (text == null || text.isBlank()) {
			violations.add(new FieldViolation(field, "cmdb.relation-definition.required",
					field.substring(field.lastIndexOf('.') + 1) + " is required"));
			return null;
		}
		try {
			return Enum.valueOf(type, text.strip().toUpperCase(Locale.ROOT));
		}
		catch (IllegalArgumentException ex) {
			violations.add(new FieldViolation(field, "cmdb.value-invalid",
					"must be one of " + List.of(type.getEnumConstants())));
			return null;
		}
	}

	private BundlePreview preview(Parsed parsed) {
		List<String> destructive = new ArrayList<>();
		List<ItemPreview> groups = new ArrayList<>();
		Map<String, ModelGroup> existingGroups = new LinkedHashMap<>();
		groupsHere().forEach((g) -> existingGroups.put(g.code(), g));
		for (ModelGroup g : parsed.groups()) {
			ModelGroup old = existingGroups.get(g.code());
			if (old == null) {
				groups
					.add(new ItemPreview(g.code(), Action.ADDED, List.of("model group " + g.code() + " added"), false));
				continue;
			}
			List<String> changes = new ArrayList<>();
			field(changes, "name", old.name(), g.name());
			field(changes, "nameEn", old.nameEn(), g.nameEn());
			field(changes, "sortOrder", old.sortOrder(), g.sortOrder());
			groups
				.add(new ItemPreview(g.code(), changes.isEmpty() ? Action.UNCHANGED : Action.CHANGED, changes, false));
		}
		List<ItemPreview> types = new ArrayList<>();
		for (RelationType t : parsed.types()) {
			RelationType old = this.catalog.findRelationType(t.code()).orElse(null);
			if (old == null) {
				types.add(new ItemPreview(t.code(), Action.ADDED, List.of("relation type " + t.code() + " added"),
						false));
				continue;
			}
			List<String> changes = new ArrayList<>();
			field(changes, "forwardLabel", old.forwardLabel(), t.forwardLabel());
			field(changes, "reverseLabel", old.reverseLabel(), t.reverseLabel());
			field(changes, "acyclic", old.acyclic(), t.acyclic());
			boolean narrowed = !old.acyclic() && t.acyclic();
			if (narrowed) {
				destructive.add("relation type " + t.code() + ": acyclic false → true (existing cycles stay)");
			}
			types.add(new ItemPreview(t.code(), changes.isEmpty() ? Action.UNCHANGED : Action.CHANGED, changes,
					narrowed));
		}
		Set<String> groupCodes = new HashSet<>();
		parsed.groups().forEach((g) -> groupCodes.add(g.code()));
		Set<String> modelCodes = new HashSet<>();
		parsed.targets().forEach((t) -> modelCodes.add(t.draft().code()));
		List<ModelPreview> models = new ArrayList<>();
		for (Target target : parsed.targets()) {
			ModelPreview preview = this.changeSets.preview(target, groupCodes, modelCodes);
			models.add(preview);
			preview.changes()
				.stream()
				.filter(PreviewChange::destructive)
				.forEach((c) -> destructive.add(preview.code() + ": " + c.text()));
		}
		return new BundlePreview(ModelBundle.FORMAT_VERSION, groups, types, models, !destructive.isEmpty(),
				destructive);
	}

	private static void field(List<String> changes, String name, Object from, Object to) {
		if (!Objects.equals(from, to)) {
			changes.add(name + ": " + from + " → " + to);
		}
	}

	private void applyGroups(List<ModelGroup> groups) {
		for (ModelGroup g : groups) {
			ModelGroup old = groupsHere().stream().filter((e) -> e.code().equals(g.code())).findFirst().orElse(null);
			if (old == null) {
				this.jdbc.sql("INSERT INTO cmdb.model_group (code, name, name_en, sort_order) VALUES (?, ?, ?, ?)")
					.params(g.code(), g.name(), g.nameEn(), g.sortOrder())
					.update();
				this.audit
					.record(AuditEntry.success("cmdb.group.created", "cmdb-model-group", g.code()).withChange(null, g));
			}
			else if (!old.equals(g)) {
				this.jdbc.sql("UPDATE cmdb.model_group SET name = ?, name_en = ?, sort_order = ? WHERE code = ?")
					.params(g.name(), g.nameEn(), g.sortOrder(), g.code())
					.update();
				this.audit
					.record(AuditEntry.success("cmdb.group.changed", "cmdb-model-group", g.code()).withChange(old, g));
			}
		}
	}

	private void applyTypes(List<RelationType> types) {
		for (RelationType t : types) {
			RelationType old = this.catalog.findRelationType(t.code()).orElse(null);
			if (old == null) {
				this.jdbc.sql("""
						INSERT INTO cmdb.relation_type (code, forward_label, reverse_label, acyclic, built_in)
						VALUES (?, ?, ?, ?, FALSE)""")
					.params(t.code(), t.forwardLabel(), t.reverseLabel(), t.acyclic())
					.update();
				this.audit.record(AuditEntry.success("cmdb.relation-type.created", "cmdb-relation-type", t.code())
					.withChange(null, t));
			}
			else if (!old.forwardLabel().equals(t.forwardLabel()) || !old.reverseLabel().equals(t.reverseLabel())
					|| old.acyclic() != t.acyclic()) {
				this.jdbc.sql("""
						UPDATE cmdb.relation_type SET forward_label = ?, reverse_label = ?, acyclic = ?
						WHERE code = ?""").params(t.forwardLabel(), t.reverseLabel(), t.acyclic(), t.code()).update();
				this.audit.record(AuditEntry.success("cmdb.relation-type.changed", "cmdb-relation-type", t.code())
					.withChange(old, new RelationType(t.code(), t.forwardLabel(), t.reverseLabel(), t.acyclic(),
							old.builtIn())));
			}
		}
	}

	/** The groups, without a second permission check (a writer may import). */
	private List<ModelGroup> groupsHere() {
		return this.jdbc.sql("SELECT code, name, name_en, sort_order FROM cmdb.model_group ORDER BY sort_order, code")
			.query((rs, n) -> new ModelGroup(rs.getString(1), rs.getString(2), rs.getString(3), rs.getInt(4)))
			.list();
	}

	private static String summary(BundlePreview preview) {
		long added = preview.models().stream().filter((m) -> m.action() == Action.ADDED).count();
		long changed = preview.models().stream().filter((m) -> m.action() == Action.CHANGED).count();
		return "bundle imported: " + added + " models added, " + changed + " changed, "
				+ (preview.models().size() - added - changed) + " unchanged; "
				+ preview.relationTypes().stream().filter((t) -> t.action() != Action.UNCHANGED).count()
				+ " relation types added or changed; " + preview.destructiveChanges().size() + " destructive changes";
	}

	private static String abbreviate(String text) {
		return (text != null && text.length() > 500) ? text.substring(0, 497) + "..." : text;
	}

	private static <T> List<T> orEmpty(List<T> list) {
		return (list != null) ? list : List.of();
	}

}
