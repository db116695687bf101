package io.tianshu.cmdb.model;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import io.tianshu.cmdb.AttributeDefinition;
import io.tianshu.cmdb.AttributeType;
import io.tianshu.cmdb.CiHistoryEntry.FieldChange;
import io.tianshu.cmdb.CiModel;
import io.tianshu.cmdb.ModelId;
import io.tianshu.cmdb.model.CiMigrations.Finding;
import io.tianshu.cmdb.model.CiMigrations.Outcome;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class CiMigrationsTests {

	private static CiModel model(AttributeDefinition... attributes) {
		return new CiModel(ModelId.random(), "m", "M", "M", "iaas", null, null, false, 2, List.of(attributes),
				List.of(), List.of(), Instant.EPOCH);
	}

	@Test
	void removedAttributesAreDroppedAndDefaultsFillNewRequiredOnes() {
		Outcome outcome = CiMigrations
			.plan(model(AttributeDefinition.of("site", "站点", AttributeType.STRING).asRequired().withDefault("上海"),
					AttributeDefinition.of("kva", "容量", AttributeType.INT)), Map.of("legacy", "U-01", "kva", 200));
		assertThat(outcome.attributes()).containsExactlyInAnyOrderEntriesOf(Map.of("site", "上海", "kva", 200L));
		assertThat(outcome.diff()).containsOnlyKeys("attributes.legacy", "attributes.site");
		assertThat(outcome.diff().get("attributes.legacy")).isEqualTo(new FieldChange("U-01", null));
		assertThat(outcome.findings()).isEmpty();
	}

	@Test
	void valuesAreConvertedToTheNewTypeWhenNothingIsLost() {
		Outcome outcome = CiMigrations.plan(
				model(AttributeDefinition.of("cores", "核数", AttributeType.INT),
						AttributeDefinition.of("code", "编号", AttributeType.STRING),
						AttributeDefinition.of("ratio", "比例", AttributeType.DECIMAL),
						AttributeDefinition.of("on", "开启", AttributeType.BOOL),
						AttributeDefinition.of("tags", "标签", AttributeType.LIST)),
				Map.of("cores", "16", "code", 42, "ratio", "0.75", "on", "TRUE", "tags", "prod"));
		assertThat(outcome.findings()).isEmpty();
		assertThat(outcome.attributes()).containsEntry("cores", 16L)
			.containsEntry("code", "42")
			.containsEntry("ratio", new BigDecimal("0.75"))
			.containsEntry("on", true)
			.containsEntry("tags", List.of("prod"));
		assertThat(outcome.diff()).hasSize(5);
	}

	@Test
	void valuesTheNewRulesRefuseStayAndAreFlagged() {
		Outcome outcome = CiMigrations.plan(
				model(AttributeDefinition.of("tier", "等级", AttributeType.ENUM).withEnum(List.of("gold", "silver")),
						AttributeDefinition.of("cores", "核数", AttributeType.INT),
						AttributeDefinition.of("rack", "机柜", AttributeType.STRING).asRequired(),
						AttributeDefinition.of("sn", "序列号", AttributeType.STRING).withRegex("[A-Z]+")),
				Map.of("tier", "bronze", "cores", 2.5, "sn", "abc"));
		assertThat(outcome.attributes()).containsEntry("tier", "bronze")
			.containsEntry("cores", 2.5)
			.containsEntry("sn", "abc");
		assertThat(outcome.migrated()).isFalse();
		assertThat(outcome.findings()).extracting(Finding::attribute, Finding::code)
			.containsExactly(org.assertj.core.groups.Tuple.tuple("tier", "cmdb.ci.attribute.enum"),
					org.assertj.core.groups.Tuple.tuple("cores", "cmdb.ci.attribute.type"),
					org.assertj.core.groups.Tuple.tuple("rack", "cmdb.ci.attribute.required"),
					org.assertj.core.groups.Tuple.tuple("sn", "cmdb.ci.attribute.regex"));
	}

	@Test
	void conformingCisAreLeftAlone() {
		Outcome outcome = CiMigrations.plan(
				model(AttributeDefinition.of("kva", "容量", AttributeType.DECIMAL),
						AttributeDefinition.of("ports", "端口", AttributeType.LIST).ofItems(AttributeType.INT)),
				Map.of("kva", 200, "ports", List.of(22, 443)));
		assertThat(outcome.migrated()).isFalse();
		assertThat(outcome.findings()).isEmpty();
	}

}
