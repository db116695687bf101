package io.tianshu.cmdb;

import java.math.BigDecimal;
import java.util.List;

/**
 * One attribute of a model with its rules. Rules are checked for consistency when the
 * model is saved (a bad regex, {@code min > max}, an enum without values or a default
 * that breaks the other rules is refused) and applied to every CI value.
 *
 * @param code stable key in the CI's attributes, {@code [a-z][a-z0-9_]*}
 * @param name display name (Chinese in the built-in models)
 * @param type the value type
 * @param required whether every CI must have a value
 * @param unique whether no two live CIs of the model may share the value
 * @param regex a Java regular expression the whole value must match, or {@code null}
 * @param min lower bound (value for numbers, length for strings, size for lists), or
 * {@code null}
 * @param max upper bound, as {@code min}
 * @param enumValues the allowed values of an {@link AttributeType#ENUM}
 * @param defaultValue the value a new CI gets when it gives none, or {@code null}
 * @param helpText a hint the console shows next to the field
 * @param group the attribute group (属性分组) the console shows the field in
 * @param referenceModel for {@link AttributeType#REFERENCE}: the model the CI must be of,
 * or {@code null} for any
 * @param itemType for {@link AttributeType#LIST}: the type of the items
 * @param recommended whether CIs should have a value (建议填写): not enforced, but counted by
 * data-quality completeness like a required attribute
 */
public record AttributeDefinition(String code, String name, AttributeType type, boolean required, boolean unique,
		String regex, BigDecimal min, BigDecimal max, List<String> enumValues, Object defaultValue, String helpText,
		String group, String referenceModel, AttributeType itemType, boolean recommended) {

	public AttributeDefinition {
		enumValues = (enumValues != null) ? List.copyOf(enumValues) : List.of();
	}

	/** An attribute that is not {@link #recommended}. */
	public AttributeDefinition(String code, String name, AttributeType type, boolean required, boolean unique,
			String regex, BigDecimal min, BigDecimal max, List<String> enumValues, Object defaultValue, String helpText,
			String group, String referenceModel, AttributeType itemType) {
		this(code, name, type, required, unique, regex, min, max, enumValues, defaultValue, helpText, group,
				referenceModel, itemType, false);
	}

	public AttributeDefinition asRecommended() {
		return new AttributeDefinition(this.code, this.name, this.type, this.required, this.unique, this.regex,
				this.min, this.max, this.enumValues, this.defaultValue, this.helpText, this.group, this.referenceModel,
				this.itemType, true);
	}

	/** A plain optional attribute without rules. */
	public static AttributeDefinition of(String code, String name, AttributeType type) {
		return new AttributeDefinition(code, name, type, false, false, null, null, null, List.of(), null, null, null,
				null, null);
	}

	public AttributeDefinition asRequired() {
		return new AttributeDefinition(this.code, this.name, this.type, true, this.unique, this.regex, this.min,
				this.max, this.enumValues, this.defaultValue, this.helpText, this.group, this.referenceModel,
				this.itemType, this.recommended);
	}

	public AttributeDefinition asUnique() {
		return new AttributeDefinition(this.code, this.name, this.type, this.required, true, this.regex, this.min,
				this.max, this.enumValues, this.defaultValue, this.helpText, this.group, this.referenceModel,
				this.itemType, this.recommended);
	}

	public AttributeDefinition withRegex(String regex) {
		return new AttributeDefinition(this.code, this.name, this.type, this.required, this.unique, regex, this.min,
				this.max, this.enumValues, this.defaultValue, this.helpText, this.group, this.referenceModel,
				this.itemType, this.recommended);
	}

	public AttributeDefinition withRange(Number min, Number max) {
		return new AttributeDefinition(this.code, this.name, this.type, this.required, this.unique, this.regex,
				(min != null) ? new BigDecimal(min.toString()) : null,
				(max != null) ? new BigDecimal(max.toString()) : null, this.enumValues, this.defaultValue,
				this.helpText, this.group, this.referenceModel, this.itemType, this.recommended);
	}

	public AttributeDefinition withEnum(List<String> values) {
		return new AttributeDefinition(this.code, this.name, this.type, this.required, this.unique, this.regex,
				this.min, this.max, values, this.defaultValue, this.helpText, this.group, this.referenceModel,
				this.itemType, this.recommended);
	}

	public AttributeDefinition withDefault(Object value) {
		return new AttributeDefinition(this.code, this.name, this.type, this.required, this.unique, this.regex,
				this.min, this.max, this.enumValues, value, this.helpText, this.group, this.referenceModel,
				this.itemType, this.recommended);
	}

	public AttributeDefinition withHelp(String helpText) {
		return new AttributeDefinition(this.code, this.name, this.type, this.required, this.unique, this.regex,
				this.min, this.max, this.enumValues, this.defaultValue, helpText, this.group, this.referenceModel,
				this.itemType, this.recommended);
	}

	public AttributeDefinition inGroup(String group) {
		return new AttributeDefinition(this.code, this.name, this.type, this.required, this.unique, this.regex,
				this.min, this.max, this.enumValues, this.defaultValue, this.helpText, group, this.referenceModel,
				this.itemType, this.recommended);
	}

	public AttributeDefinition referencing(String model) {
		return new AttributeDefinition(this.code, this.name, this.type, this.required, this.unique, this.regex,
				this.min, this.max, this.enumValues, this.defaultValue, this.helpText, this.group, model, this.itemType,
				this.recommended);
	}

	public AttributeDefinition ofItems(AttributeType itemType) {
		return new AttributeDefinition(this.code, this.name, this.type, this.required, this.unique, this.regex,
				this.min, this.max, this.enumValues, this.defaultValue, this.helpText, this.group, this.referenceModel,
				itemType, this.recommended);
	}

}
