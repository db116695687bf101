package io.tianshu.cmdb.model;

import java.util.ArrayList;
import java.util.List;

import io.tianshu.cmdb.AttributeDefinition;
import io.tianshu.cmdb.AttributeType;
import io.tianshu.cmdb.IdentificationRule;
import io.tianshu.cmdb.ModelDraft;
import io.tianshu.platform.FieldViolation;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

class ModelRulesTests {

	private static List<FieldViolation> check(List<AttributeDefinition> attributes, IdentificationRule... rules) {
		List<FieldViolation> violations = new ArrayList<>();
		ModelRules.check(new ModelDraft("m", "模型", null, "iaas", null, null, attributes, List.of(rules)), violations);
		return violations;
	}

	@Test
	void aConsistentModelPasses() {
		assertThat(check(
				List.of(AttributeDefinition.of("hostname", "主机名", AttributeType.STRING).asRequired(),
						AttributeDefinition.of("cores", "核数", AttributeType.INT).withRange(1, 64).withDefault(4)),
				new IdentificationRule("host", List.of("hostname"))))
			.isEmpty();
	}

	@Test
	void inconsistentRulesAreRefusedWithTheirField() {
		List<FieldViolation> violations = check(
				List.of(AttributeDefinition.of("a", "A", AttributeType.STRING).withRegex("[a-z"),
						AttributeDefinition.of("b", "B", AttributeType.INT).withRange(10, 1),
						AttributeDefinition.of("c", "C", AttributeType.ENUM),
						AttributeDefinition.of("d", "D", AttributeType.INT).withRange(1, 5).withDefault(9),
						AttributeDefinition.of("e", "E", AttributeType.BOOL).withRegex("x"),
						AttributeDefinition.of("f", "F", AttributeType.INT).withEnum(List.of("x")),
						AttributeDefinition.of("g", "G", AttributeType.STRING).asUnique().withDefault("x"),
						AttributeDefinition.of("a", "again", AttributeType.TEXT)));
		assertThat(violations).extracting(FieldViolation::field, FieldViolation::code)
			.containsExactly(tuple("attributes[0].regex", "cmdb.model.attribute.regex-invalid"),
					tuple("attributes[1].min", "cmdb.model.attribute.range-inconsistent"),
					tuple("attributes[2].enumValues", "cmdb.model.attribute.enum-empty"),
					tuple("attributes[3].defaultValue", "cmdb.model.attribute.default-invalid"),
					tuple("attributes[4].regex", "cmdb.model.attribute.regex-not-allowed"),
					tuple("attributes[5].enumValues", "cmdb.model.attribute.enum-not-allowed"),
					tuple("attributes[6].defaultValue", "cmdb.model.attribute.default-not-allowed"),
					tuple("attributes[7].code", "cmdb.model.attribute-duplicate"));
	}

	@Test
	void identificationRulesNeedIdentifyingAttributes() {
		List<FieldViolation> violations = check(
				List.of(AttributeDefinition.of("sn", "序列号", AttributeType.STRING),
						AttributeDefinition.of("notes", "备注", AttributeType.TEXT)),
				new IdentificationRule("x", List.of("missing")), new IdentificationRule("y", List.of("notes")),
				new IdentificationRule("z", List.of()));
		assertThat(violations).extracting(FieldViolation::field, FieldViolation::code)
			.containsExactly(
					tuple("identificationRules[0].attributes[0]", "cmdb.model.identification.unknown-attribute"),
					tuple("identificationRules[1].attributes[0]", "cmdb.model.identification.not-identifying"),
					tuple("identificationRules[2].attributes", "cmdb.model.identification.empty"));
	}

	@Test
	void builtInModelsAreConsistent() {
		for (ModelDraft model : BuiltInModels.MODELS) {
			List<FieldViolation> violations = new ArrayList<>();
			ModelRules.check(model, violations);
			assertThat(violations).as(model.code()).isEmpty();
		}
	}

}
