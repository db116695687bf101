package io.tianshu.cmdb.relation;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.tianshu.cmdb.ChangeSource;
import io.tianshu.cmdb.CiId;
import io.tianshu.cmdb.CiRelations;
import io.tianshu.cmdb.CmdbPermissions;
import io.tianshu.cmdb.LifecycleState;
import io.tianshu.cmdb.Relation;
import io.tianshu.cmdb.RelationChanged;
import io.tianshu.cmdb.RelationDefinition;
import io.tianshu.cmdb.RelationHistoryEntry;
import io.tianshu.cmdb.RelationId;
import io.tianshu.cmdb.RelationType;
import io.tianshu.cmdb.model.ChangeContext;
import io.tianshu.cmdb.model.ModelCatalog;
import io.tianshu.cmdb.query.CiScopes;
import io.tianshu.platform.Audit;
import io.tianshu.platform.AuditEntry;
import io.tianshu.platform.Authorization;
import io.tianshu.platform.FieldViolation;
import io.tianshu.platform.TianshuException;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Relations in {@code cmdb.relation} with their append-only history. Both CIs are locked
 * (in id order) while a relation is checked and written, so concurrent writers cannot
 * together break a cardinality.
 */
@Service
public class RelationRegistry implements CiRelations {

	private final JdbcClient jdbc;

	private final ModelCatalog models;

	private final Authorization authorization;

	private final Audit audit;

	private final ApplicationEventPublisher events;

	private final Clock clock;

	private final CiScopes scopes;

	RelationRegistry(JdbcClient jdbc, ModelCatalog models, Authorization authorization, Audit audit,
			ApplicationEventPublisher events, Clock clock, CiScopes scopes) {
		this.jdbc = jdbc;
		this.models = models;
		this.authorization = authorization;
		this.audit = audit;
		this.events = events;
		this.clock = clock;
		this.scopes = scopes;
	}

	@Override
	@Transactional
	public Relation create(String type, CiId source, CiId target, ChangeSource changeSource) {
		this.authorization.require(CmdbPermissions.RELATION_WRITE);
		List<FieldViolation> violations = new ArrayList<>();
		RelationType relationType = (type != null) ? this.models.findRelationType(type).orElse(null) : null;
		if (relationType == null) {
			violations.add(new FieldViolation("type", "cmdb.relation.unknown-type", "no relation type " + type));
		}
		if (source == null) {
			violations.add(new FieldViolation("sourceId", "cmdb.relation.required", "sourceId is required"));
		}
		if (target == null) {
			violations.add(new FieldViolation("targetId", "cmdb.relation.required", "targetId is required"));
		}
		if (source != null && source.equals(target)) {
			violations.add(new FieldViolation("targetId", "cmdb.relation.self", "a CI cannot be related to itself"));
		}
		if (!violations.isEmpty()) {
			throw TianshuException.invalid("The relation is invalid", violations);
		}
		Map<UUID, Ends> ends = lock(source, target);
		Ends from = ends.get(source.value());
		Ends to = ends.get(target.value());
		if (from == null || to == null) {
			throw TianshuException.invalidField((from == null) ? "sourceId" : "targetId", "cmdb.relation.unknown-ci",
					"no CI " + ((from == null) ? source : target));
		}
		// both ends must be within the caller's scope
		this.scopes.requireChangeable(source, CmdbPermissions.RELATION_WRITE);
		this.scopes.requireChangeable(target, CmdbPermissions.RELATION_WRITE);
		if (from.state() == LifecycleState.RETIRED || to.state() == LifecycleState.RETIRED) {
			throw TianshuException.conflict("cmdb.relation.ci-retired", "A retired CI cannot get new relations",
					Map.of("ci", ((from.state() == LifecycleState.RETIRED) ? source : target).toString()));
		}
		RelationDefinition definition = this.models.findDefinition(from.model(), to.model(), type)
			.orElseThrow(
					() -> new TianshuException(io.tianshu.platform.ProblemKind.INVALID, "cmdb.relation.not-defined",
							"No " + type + " relation is defined from " + from.model() + " to " + to.model(),
							Map.of("type", type, "sourceModel", from.model(), "targetModel", to.model()),
							List.of(new FieldViolation("type", "cmdb.relation.not-defined",
									from.model() + " " + type + " " + to.model() + " is not a defined relation"))));
		checkCardinality(definition, source, target);
		if (relationType.acyclic() && reaches(target, source, type)) {
			throw TianshuException.conflict("cmdb.relation.cycle",
					"The relation would make a " + type + " cycle: " + target + " already leads to " + source,
					Map.of("type", type));
		}
		Instant now = this.clock.instant();
		Relation relation = new Relation(RelationId.random(), type, source, target, now);
		try {
			this.jdbc.sql("""
					INSERT INTO cmdb.relation (id, type_code, source_id, target_id, definition_id, created_at)
					VALUES (?, ?, ?, ?, ?, ?)""")
				.params(relation.id().value(), type, source.value(), target.value(), definition.id(),
						Timestamp.from(now))
				.update();
		}
		catch (DuplicateKeyException ex) {
			throw TianshuException.conflict("cmdb.relation.exists", "The relation exists already",
					Map.of("type", type, "sourceId", source.toString(), "targetId", target.toString()));
		}
		recorded(relation, RelationChanged.Kind.CREATED, changeSource, null);
		return relation;
	}

	private void checkCardinality(RelationDefinition definition, CiId source, CiId target) {
		if (definition.cardinality().singleTarget()
				&& this.jdbc.sql("SELECT count(*) FROM cmdb.relation WHERE definition_id = ? AND source_id = ?")
					.params(definition.id(), source.value())
					.query(Integer.class)
					.single() > 0) {
			throw TianshuException.conflict("cmdb.relation.cardinality",
					"A " + definition.sourceModel() + " has at most one " + definition.type() + " "
							+ definition.targetModel() + " (" + definition.cardinality() + ")",
					Map.of("cardinality", definition.cardinality().name(), "side", "source"));
		}
		if (definition.cardinality().singleSource()
				&& this.jdbc.sql("SELECT count(*) FROM cmdb.relation WHERE definition_id = ? AND target_id = ?")
					.params(definition.id(), target.value())
					.query(Integer.class)
					.single() > 0) {
			throw TianshuException.conflict("cmdb.relation.cardinality",
					"A " + definition.targetModel() + " has at most one " + definition.sourceModel() + " that "
							+ definition.type() + " it (" + definition.cardinality() + ")",
					Map.of("cardinality", definition.cardinality().name(), "side", "target"));
		}
	}

	/** Whether {@code to} can be reached from {@code from} over relations of the type. */
	private boolean reaches(CiId from, CiId to, String type) {
		return this.jdbc.sql("""
				WITH RECURSIVE reach(id) AS (
				  SELECT CAST(? AS uuid)
				  UNION
				  SELECT r.target_id FROM cmdb.relation r JOIN reach ON r.source_id = reach.id WHERE r.type_code = ?
				)
				SELECT EXISTS (SELECT 1 FROM reach WHERE id = ?)""")
			.params(from.value(), type, to.value())
			.query(Boolean.class)
			.single();
	}

	private Map<UUID, Ends> lock(CiId a, CiId b) {
		Map<UUID, Ends> ends = new LinkedHashMap<>();
		this.jdbc.sql("SELECT id, model_code, state FROM cmdb.ci WHERE id IN (?, ?) ORDER BY id FOR UPDATE")
			.params(a.value(), b.value())
			.query((rs, n) -> new Ends(rs.getObject(1, UUID.class), rs.getString(2),
					LifecycleState.valueOf(rs.getString(3))))
			.list()
			.forEach((e) -> ends.put(e.id(), e));
		return ends;
	}

	@Override
	@Transactional
	public void delete(RelationId id, ChangeSource changeSource) {
		this.authorization.require(CmdbPermissions.RELATION_WRITE);
		Relation relation = visible(find(id));
		this.scopes.requireChangeable(relation.source(), CmdbPermissions.RELATION_WRITE);
		this.scopes.requireChangeable(relation.target(), CmdbPermissions.RELATION_WRITE);
		remove(relation, changeSource, null);
	}

	private void remove(Relation relation, ChangeSource changeSource, String reason) {
		this.jdbc.sql("DELETE FROM cmdb.relation WHERE id = ?").param(relation.id().value()).update();
		recorded(relation, RelationChanged.Kind.DELETED, changeSource, reason);
	}

	@Override
	@Transactional(readOnly = true)
	public Relation get(RelationId id) {
		this.authorization.require(CmdbPermissions.CI_READ);
		return visible(find(id));
	}

	/** The relation when the caller sees both ends; else 404 as if it did not exist. */
	private Relation visible(Relation relation) {
		var scope = this.scopes.of(CmdbPermissions.CI_READ);
		if (!scope.everywhere()
				&& this.scopes.covered(List.of(relation.source().value(), relation.target().value()), scope)
					.size() < 2) {
			throw TianshuException.notFound("cmdb.relation.not-found", "No relation " + relation.id());
		}
		return relation;
	}

	private Relation find(RelationId id) {
		return this.jdbc.sql("SELECT id, type_code, source_id, target_id, created_at FROM cmdb.relation WHERE id = ?")
			.param(id.value())
			.query(RelationRegistry::relation)
			.optional()
			.orElseThrow(() -> TianshuException.notFound("cmdb.relation.not-found", "No relation " + id));
	}

	@Override
	@Transactional(readOnly = true)
	public List<Relation> of(CiId ci) {
		this.authorization.require(CmdbPermissions.CI_READ);
		this.scopes.requireVisible(ci);
		List<Relation> relations = this.jdbc.sql("""
				SELECT id, type_code, source_id, target_id, created_at FROM cmdb.relation
				WHERE source_id = :ci OR target_id = :ci ORDER BY type_code, created_at, id""")
			.param("ci", ci.value())
			.query(RelationRegistry::relation)
			.list();
		var scope = this.scopes.of(CmdbPermissions.CI_READ);
		if (scope.everywhere()) {
			return relations;
		}
		java.util.Set<UUID> seen = this.scopes.covered(relations.stream()
			.flatMap((r) -> java.util.stream.Stream.of(r.source().value(), r.target().value()))
			.collect(java.util.stream.Collectors.toSet()), scope);
		return relations.stream()
			.filter((r) -> seen.contains(r.source().value()) && seen.contains(r.target().value()))
			.toList();
	}

	@Override
	@Transactional(readOnly = true)
	public List<RelationHistoryEntry> history(CiId ci) {
		this.authorization.require(CmdbPermissions.CI_READ);
		this.scopes.requireVisible(ci);
		List<RelationHistoryEntry> entries = this.jdbc.sql("""
				SELECT relation_id, change, type_code, source_id, target_id, actor, source, request_id, reason,
				  changed_at
				FROM cmdb.relation_history WHERE source_id = :ci OR target_id = :ci ORDER BY changed_at, id""")
			.param("ci", ci.value())
			.query((rs, n) -> new RelationHistoryEntry(new RelationId(rs.getObject(1, UUID.class)),
					RelationChanged.Kind.valueOf(rs.getString(2)), rs.getString(3),
					new CiId(rs.getObject(4, UUID.class)), new CiId(rs.getObject(5, UUID.class)), rs.getString(6),
					ChangeSource.valueOf(rs.getString(7)), rs.getString(8), rs.getString(9),
					rs.getTimestamp(10).toInstant()))
			.list();
		var scope = this.scopes.of(CmdbPermissions.CI_READ);
		if (scope.everywhere()) {
			return entries;
		}
		java.util.Set<UUID> seen = this.scopes.covered(entries.stream()
			.flatMap((e) -> java.util.stream.Stream.of(e.source().value(), e.target().value()))
			.collect(java.util.stream.Collectors.toSet()), scope);
		return entries.stream()
			.filter((e) -> seen.contains(e.source().value()) && seen.contains(e.target().value()))
			.toList();
	}

	/**
	 * What retiring the CI means for the relations it is the source of: refused when a
	 * {@code BLOCK} definition has one, else the targets of {@code CASCADE} relations,
	 * which the caller retires too. Call with the CI locked.
	 */
	public List<CiId> retirementCascade(CiId ci) {
		Map<UUID, RelationDefinition> definitions = this.models.definitionsById();
		List<CiId> cascade = new ArrayList<>();
		for (var row : this.jdbc
			.sql("SELECT definition_id, target_id, type_code FROM cmdb.relation WHERE source_id = ? ORDER BY id")
			.param(ci.value())
			.query((rs,
					n) -> new Object[] { rs.getObject(1, UUID.class), rs.getObject(2, UUID.class), rs.getString(3) })
			.list()) {
			RelationDefinition definition = definitions.get((UUID) row[0]);
			switch (definition.deleteBehaviour()) {
				case BLOCK -> throw TianshuException.conflict("cmdb.ci.retire-blocked",
						"The CI still " + row[2] + " " + row[1] + "; remove that relation first ("
								+ definition.sourceModel() + " " + row[2] + " " + definition.targetModel()
								+ " blocks retirement)",
						Map.of("type", row[2], "targetId", row[1].toString()));
				case CASCADE -> cascade.add(new CiId((UUID) row[1]));
				case DETACH -> {
					// removed below with the others
				}
			}
		}
		return cascade;
	}

	/** Removes every relation of a CI being retired, with history naming the reason. */
	public void detachAll(CiId ci, ChangeSource changeSource) {
		List<Relation> relations = this.jdbc.sql("""
				SELECT id, type_code, source_id, target_id, created_at FROM cmdb.relation
				WHERE source_id = :ci OR target_id = :ci ORDER BY id FOR UPDATE""")
			.param("ci", ci.value())
			.query(RelationRegistry::relation)
			.list();
		for (Relation relation : relations) {
			remove(relation, changeSource, "retired " + ci);
		}
	}

	private void recorded(Relation relation, RelationChanged.Kind kind, ChangeSource changeSource, String reason) {
		Instant now = this.clock.instant();
		this.jdbc.sql("""
				INSERT INTO cmdb.relation_history (relation_id, change, type_code, source_id, target_id, actor, source,
				  request_id, reason, changed_at)
				VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
			.params(relation.id().value(), kind.name(), relation.type(), relation.source().value(),
					relation.target().value(), ChangeContext.actor(this.authorization), changeSource.name(),
					ChangeContext.requestId(), reason, Timestamp.from(now))
			.update();
		AuditEntry entry = AuditEntry.success(
				(kind == RelationChanged.Kind.CREATED) ? "cmdb.relation.created" : "cmdb.relation.deleted",
				"cmdb-relation", relation.id().toString());
		entry = (kind == RelationChanged.Kind.CREATED) ? entry.withChange(null, relation)
				: entry.withChange(relation, null);
		this.audit.record((reason != null) ? entry.withDetail(reason) : entry);
		this.events.publishEvent(new RelationChanged(relation.id(), relation.type(), relation.source(),
				relation.target(), kind, changeSource, now));
	}

	private static Relation relation(ResultSet rs, int n) throws SQLException {
		return new Relation(new RelationId(rs.getObject(1, UUID.class)), rs.getString(2),
				new CiId(rs.getObject(3, UUID.class)), new CiId(rs.getObject(4, UUID.class)),
				rs.getTimestamp(5).toInstant());
	}

	private record Ends(UUID id, String model, LifecycleState state) {
	}

}
