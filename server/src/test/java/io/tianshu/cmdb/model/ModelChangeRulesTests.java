package io.tianshu.cmdb.model;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.tianshu.cmdb.AttributeDefinition;
import io.tianshu.cmdb.AttributeType;
import io.tianshu.cmdb.Cardinality;
import io.tianshu.cmdb.CiModel;
import io.tianshu.cmdb.DeleteBehaviour;
import io.tianshu.cmdb.IdentificationRule;
import io.tianshu.cmdb.ModelId;
import io.tianshu.cmdb.RelationDefinition;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ModelChangeRulesTests {

	private static final UUID DEFINITION = UUID.randomUUID();

	private static CiModel model(List<AttributeDefinition> attributes, List<IdentificationRule> rules,
			List<RelationDefinition> relations) {
		return new CiModel(ModelId.random(), "host", "主机", "Host", "iaas", null, null, false, 1, attributes, rules,
				relations, Instant.EPOCH);
	}

	private static RelationDefinition runsOn(Cardinality cardinality) {
		return new RelationDefinition(DEFINITION, "host", "rack", "runs_on", cardinality, DeleteBehaviour.DETACH);
	}

	private static Map<String, String> reasons(CiModel from, CiModel to, CiImpact impact) {
		Map<String, String> out = new java.util.TreeMap<>();
		for (PreviewChange change : ModelChangeRules.classify(ModelDiffs.between(from, to), impact, Map.of())) {
			out.put(change.path(), change.destructive() ? change.reason() : "-");
		}
		return out;
	}

	@Test
	void removalsNarrowedTypesAndEnumsAreDestructiveByNature() {
		CiModel from = model(
				List.of(AttributeDefinition.of("os", "系统", AttributeType.STRING),
						AttributeDefinition.of("cores", "核数", AttributeType.INT),
						AttributeDefinition.of("env", "环境", AttributeType.ENUM).withEnum(List.of("prod", "uat")),
						AttributeDefinition.of("tier", "等级", AttributeType.ENUM).withEnum(List.of("a"))),
				List.of(), List.of(runsOn(Cardinality.MANY_TO_MANY)));
		CiModel to = model(
				List.of(AttributeDefinition.of("cores", "核数", AttributeType.STRING),
						AttributeDefinition.of("env", "环境", AttributeType.ENUM).withEnum(List.of("prod")),
						AttributeDefinition.of("tier", "等级", AttributeType.ENUM).withEnum(List.of("a", "b"))),
				List.of(), List.of(runsOn(Cardinality.ONE_TO_MANY)));
		assertThat(reasons(from, to, CiImpact.none()))
			.containsExactlyInAnyOrderEntriesOf(Map.of("attributes.os", "attribute-removed", "attributes.cores.type",
					"type-narrowed", "attributes.env.enumValues", "enum-value-removed", "attributes.tier.enumValues",
					"-", "relations.runs_on->rack", "cardinality-narrowed"));
	}

	@Test
	void tighterRulesAreDestructiveOnlyWhenCisBreakThem() {
		CiModel from = model(List.of(AttributeDefinition.of("sn", "序列号", AttributeType.STRING),
				AttributeDefinition.of("cores", "核数", AttributeType.INT)), List.of(), List.of());
		CiModel to = model(
				List.of(AttributeDefinition.of("sn", "序列号", AttributeType.STRING).asRequired().withRegex("[A-Z]+"),
						AttributeDefinition.of("cores", "核数", AttributeType.DECIMAL).withRange(1, 512),
						AttributeDefinition.of("rack", "机柜", AttributeType.STRING).asRequired()),
				List.of(new IdentificationRule("sn", List.of("sn"))), List.of());
		assertThat(reasons(from, to, CiImpact.none())).allSatisfy((path, reason) -> assertThat(reason).isEqualTo("-"));
		CiImpact broken = new CiImpact(10, 0, 4, Map.of("sn", 2, "rack", 4, "identificationRules.sn", 1));
		assertThat(reasons(from, to, broken)).containsEntry("attributes.sn.required", "required-added")
			.containsEntry("attributes.sn.regex", "rule-narrowed")
			.containsEntry("attributes.rack", "required-added")
			.containsEntry("identificationRules.sn", "identity-duplicates")
			.containsEntry("attributes.cores.type", "-")
			.containsEntry("attributes.cores.max", "-");
	}

	@Test
	void destructiveLinesSayHowManyCisAreFlaggedAndWhatBlocksARemoval() {
		CiModel from = model(List.of(AttributeDefinition.of("rack", "机柜", AttributeType.STRING)), List.of(),
				List.of(runsOn(Cardinality.MANY_TO_MANY)));
		CiModel to = model(List.of(AttributeDefinition.of("rack", "机柜", AttributeType.STRING).asRequired()), List.of(),
				List.of());
		List<PreviewChange> changes = ModelChangeRules.classify(ModelDiffs.between(from, to),
				new CiImpact(5, 0, 3, Map.of("rack", 3)), Map.of("runs_on->rack", 7));
		assertThat(changes).extracting(PreviewChange::text)
			.containsExactly("attribute rack: required false → true (3 CIs flagged)",
					"relation runs_on->rack removed (7 relations use it: delete them first)");
	}

	@Test
	void wideningTypesKeepEveryValueValid() {
		assertThat(ModelChangeRules.widening(AttributeType.INT, AttributeType.DECIMAL)).isTrue();
		assertThat(ModelChangeRules.widening(AttributeType.ENUM, AttributeType.STRING)).isTrue();
		assertThat(ModelChangeRules.widening(AttributeType.IP, AttributeType.TEXT)).isTrue();
		assertThat(ModelChangeRules.widening(AttributeType.DATE, AttributeType.JSON)).isTrue();
		assertThat(ModelChangeRules.widening(AttributeType.TEXT, AttributeType.STRING)).isFalse();
		assertThat(ModelChangeRules.widening(AttributeType.DECIMAL, AttributeType.INT)).isFalse();
		assertThat(ModelChangeRules.widening(AttributeType.STRING, AttributeType.ENUM)).isFalse();
	}

}
