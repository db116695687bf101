package io.tianshu.cmdb.model;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

import io.tianshu.cmdb.AttributeDefinition;
import io.tianshu.cmdb.AttributeType;
import io.tianshu.cmdb.IdentificationRule;
import io.tianshu.cmdb.ModelDraft;
import io.tianshu.platform.FieldViolation;

/**
 * The consistency rules of a model draft, checked before it is saved: codes, names,
 * types, rules that fit the type and each other, defaults that satisfy the rules,
 * identification rules over existing attributes. Database checks (group and referenced
 * models exist) are the caller's.
 */
final class ModelRules {

	static final Pattern CODE = Pattern.compile("[a-z][a-z0-9_]{0,62}");

	private static final int MAX_ATTRIBUTES = 200;

	private ModelRules() {
	}

	/** The draft with cleaned values; adds a violation for everything wrong. */
	static ModelDraft check(ModelDraft draft, List<FieldViolation> violations) {
		String code = strip(draft.code());
		if (code == null || !CODE.matcher(code).matches()) {
			violations.add(new FieldViolation("code", "cmdb.model.code-invalid",
					"code must be lower case letters, digits and _, starting with a letter (at most 63)"));
		}
		String name = strip(draft.name());
		if (name == null || name.length() > 100) {
			violations.add(new FieldViolation("name", "cmdb.model.name-invalid", "name must be 1–100 characters"));
		}
		if (strip(draft.group()) == null) {
			violations.add(new FieldViolation("group", "cmdb.model.required", "group is required"));
		}
		if (draft.description() != null && draft.description().length() > 2000) {
			violations.add(new FieldViolation("description", "cmdb.model.description-too-long",
					"description must be at most 2000 characters"));
		}
		List<AttributeDefinition> attributes = new ArrayList<>();
		List<AttributeDefinition> given = (draft.attributes() != null) ? draft.attributes() : List.of();
		if (given.size() > MAX_ATTRIBUTES) {
			violations.add(new FieldViolation("attributes", "cmdb.model.too-many-attributes",
					"a model has at most " + MAX_ATTRIBUTES + " attributes"));
		}
		Set<String> codes = new HashSet<>();
		for (int i = 0; i < given.size(); i++) {
			AttributeDefinition attribute = given.get(i);
			String field = "attributes[" + i + "]";
			if (attribute == null) {
				violations.add(new FieldViolation(field, "cmdb.model.required", "attribute must not be null"));
				continue;
			}
			AttributeDefinition checked = checkAttribute(attribute, field, violations);
			if (checked.code() != null && !codes.add(checked.code())) {
				violations.add(new FieldViolation(field + ".code", "cmdb.model.attribute-duplicate",
						"attribute " + checked.code() + " is defined twice"));
			}
			attributes.add(checked);
		}
		List<IdentificationRule> rules = checkRules(draft.identificationRules(), attributes, violations);
		return new ModelDraft(code, name, strip(draft.nameEn()), strip(draft.group()), strip(draft.description()),
				draft.ownerTeamId(), attributes, rules);
	}

	static AttributeDefinition checkAttribute(AttributeDefinition a, String field, List<FieldViolation> violations) {
		String code = strip(a.code());
		if (code == null || !CODE.matcher(code).matches()) {
			violations.add(new FieldViolation(field + ".code", "cmdb.model.attribute.code-invalid",
					"code must be lower case letters, digits and _, starting with a letter (at most 63)"));
		}
		String name = strip(a.name());
		if (name == null || name.length() > 100) {
			violations.add(new FieldViolation(field + ".name", "cmdb.model.attribute.name-invalid",
					"name must be 1–100 characters"));
		}
		AttributeType type = a.type();
		if (type == null) {
			violations.add(new FieldViolation(field + ".type", "cmdb.model.required", "type is required"));
			return a;
		}
		int before = violations.size();
		String regex = strip(a.regex());
		if (regex != null) {
			if (!type.hasPattern()) {
				violations.add(new FieldViolation(field + ".regex", "cmdb.model.attribute.regex-not-allowed",
						"a regex applies only to string, text and url attributes"));
			}
			else {
				try {
					Pattern.compile(regex);
				}
				catch (PatternSyntaxException ex) {
					violations.add(new FieldViolation(field + ".regex", "cmdb.model.attribute.regex-invalid",
							"invalid regular expression: " + ex.getDescription()));
				}
			}
		}
		checkRange(a, type, field, violations);
		List<String> enumValues = a.enumValues();
		if (type == AttributeType.ENUM) {
			if (enumValues.isEmpty()) {
				violations.add(new FieldViolation(field + ".enumValues", "cmdb.model.attribute.enum-empty",
						"an enum attribute needs at least one value"));
			}
			else if (new LinkedHashSet<>(enumValues).size() != enumValues.size()
					|| enumValues.stream().anyMatch((v) -> v == null || v.isBlank())) {
				violations.add(new FieldViolation(field + ".enumValues", "cmdb.model.attribute.enum-invalid",
						"enum values must be distinct and not blank"));
			}
		}
		else if (!enumValues.isEmpty()) {
			violations.add(new FieldViolation(field + ".enumValues", "cmdb.model.attribute.enum-not-allowed",
					"enum values apply only to enum attributes"));
		}
		if (a.unique() && !type.isIdentifying()) {
			violations.add(new FieldViolation(field + ".unique", "cmdb.model.attribute.unique-not-allowed",
					"a " + type.name().toLowerCase() + " attribute cannot be unique"));
		}
		String referenceModel = strip(a.referenceModel());
		if (referenceModel != null && type != AttributeType.REFERENCE) {
			violations.add(new FieldViolation(field + ".referenceModel", "cmdb.model.attribute.reference-not-allowed",
					"referenceModel applies only to reference attributes"));
		}
		AttributeType itemType = a.itemType();
		if (itemType != null) {
			if (type != AttributeType.LIST) {
				violations.add(new FieldViolation(field + ".itemType", "cmdb.model.attribute.item-type-not-allowed",
						"itemType applies only to list attributes"));
			}
			else if (itemType == AttributeType.LIST || itemType == AttributeType.JSON
					|| itemType == AttributeType.REFERENCE || itemType == AttributeType.ENUM) {
				violations.add(new FieldViolation(field + ".itemType", "cmdb.model.attribute.item-type-invalid",
						"list items must be a scalar type other than enum and reference"));
			}
		}
		AttributeDefinition cleaned = new AttributeDefinition(code, name, type, a.required(), a.unique(), regex,
				a.min(), a.max(), enumValues, a.defaultValue(), strip(a.helpText()), strip(a.group()), referenceModel,
				itemType, a.recommended());
		if (a.defaultValue() != null && violations.size() == before) {
			if (a.unique()) {
				violations.add(new FieldViolation(field + ".defaultValue", "cmdb.model.attribute.default-not-allowed",
						"a unique attribute cannot have a default (every CI would share it)"));
			}
			else if (type == AttributeType.REFERENCE) {
				violations.add(new FieldViolation(field + ".defaultValue", "cmdb.model.attribute.default-not-allowed",
						"a reference attribute cannot have a default"));
			}
			else {
				List<FieldViolation> defaultViolations = new ArrayList<>();
				Object stored = AttributeValues.check(cleaned, a.defaultValue(), field + ".defaultValue",
						defaultViolations);
				for (FieldViolation v : defaultViolations) {
					violations.add(new FieldViolation(v.field(), "cmdb.model.attribute.default-invalid",
							"the default breaks the attribute's rules: " + v.message()));
				}
				if (defaultViolations.isEmpty()) {
					cleaned = cleaned.withDefault(stored);
				}
			}
		}
		return cleaned;
	}

	private static void checkRange(AttributeDefinition a, AttributeType type, String field,
			List<FieldViolation> violations) {
		BigDecimal min = a.min();
		BigDecimal max = a.max();
		if (min == null && max == null) {
			return;
		}
		if (!type.hasRange()) {
			violations.add(new FieldViolation(field + ((min != null) ? ".min" : ".max"),
					"cmdb.model.attribute.range-not-allowed",
					"min/max apply only to int, decimal (value), string, text (length) and list (size)"));
			return;
		}
		boolean whole = type != AttributeType.DECIMAL;
		if (whole && ((min != null && !isWhole(min)) || (max != null && !isWhole(max)))) {
			violations.add(new FieldViolation(field + ((min != null && !isWhole(min)) ? ".min" : ".max"),
					"cmdb.model.attribute.range-invalid", "min/max must be whole numbers for this type"));
			return;
		}
		if (type != AttributeType.INT && type != AttributeType.DECIMAL
				&& ((min != null && min.signum() < 0) || (max != null && max.signum() < 0))) {
			violations.add(new FieldViolation(field + ((min != null && min.signum() < 0) ? ".min" : ".max"),
					"cmdb.model.attribute.range-invalid", "a length or size bound cannot be negative"));
			return;
		}
		if (min != null && max != null && min.compareTo(max) > 0) {
			violations.add(new FieldViolation(field + ".min", "cmdb.model.attribute.range-inconsistent",
					"min " + min.toPlainString() + " is greater than max " + max.toPlainString()));
		}
	}

	private static boolean isWhole(BigDecimal value) {
		return value.stripTrailingZeros().scale() <= 0;
	}

	private static List<IdentificationRule> checkRules(List<IdentificationRule> given,
			List<AttributeDefinition> attributes, List<FieldViolation> violations) {
		if (given == null) {
			return List.of();
		}
		List<IdentificationRule> out = new ArrayList<>();
		Set<String> names = new HashSet<>();
		Set<List<String>> combinations = new HashSet<>();
		for (int i = 0; i < given.size(); i++) {
			String field = "identificationRules[" + i + "]";
			IdentificationRule rule = given.get(i);
			if (rule == null || rule.attributes().isEmpty()) {
				violations.add(new FieldViolation(field + ".attributes", "cmdb.model.identification.empty",
						"an identification rule needs at least one attribute"));
				continue;
			}
			String name = (strip(rule.name()) != null) ? strip(rule.name()) : String.join("+", rule.attributes());
			if (!names.add(name)) {
				violations.add(new FieldViolation(field + ".name", "cmdb.model.identification.duplicate",
						"identification rule " + name + " is defined twice"));
			}
			if (!combinations.add(List.copyOf(new java.util.TreeSet<>(rule.attributes())))) {
				violations.add(new FieldViolation(field + ".attributes", "cmdb.model.identification.duplicate",
						"the same attribute combination is an identification rule twice"));
			}
			if (new HashSet<>(rule.attributes()).size() != rule.attributes().size()) {
				violations.add(new FieldViolation(field + ".attributes", "cmdb.model.identification.repeated",
						"an identification rule names an attribute twice"));
			}
			for (int j = 0; j < rule.attributes().size(); j++) {
				String code = rule.attributes().get(j);
				AttributeDefinition attribute = attributes.stream()
					.filter((a) -> a.code() != null && a.code().equals(code))
					.findFirst()
					.orElse(null);
				if (attribute == null) {
					violations.add(new FieldViolation(field + ".attributes[" + j + "]",
							"cmdb.model.identification.unknown-attribute", "no attribute " + code + " in the model"));
				}
				else if (attribute.type() != null && !attribute.type().isIdentifying()) {
					violations.add(new FieldViolation(field + ".attributes[" + j + "]",
							"cmdb.model.identification.not-identifying",
							"a " + attribute.type().name().toLowerCase() + " attribute cannot identify a CI"));
				}
			}
			out.add(new IdentificationRule(name, rule.attributes()));
		}
		return out;
	}

	private static String strip(String value) {
		return (value == null || value.isBlank()) ? null : value.strip();
	}

}
