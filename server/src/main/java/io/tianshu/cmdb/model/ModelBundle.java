package io.tianshu.cmdb.model;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

import io.tianshu.cmdb.IdentificationRule;

/**
 * A model bundle (模型包): models with their attributes, identification rules and the
 * relation definitions whose source they are, the relation types and model groups these
 * use, as one JSON file that moves between environments. Everything is identified by its
 * stable code (model, attribute, relation type, group; a definition by source, type and
 * target), never by a database id; owner teams are environment-specific and not part of
 * it.
 *
 * @param formatVersion the file format, {@value #FORMAT_VERSION}; an import refuses any
 * other
 * @param exportedAt when it was exported
 * @param exportedBy who exported it
 * @param modelGroups the groups of the models
 * @param relationTypes the relation types the definitions use
 * @param models the models
 * @param relationDefinitions the relation definitions whose source is a model of the
 * bundle
 */
public record ModelBundle(Integer formatVersion, Instant exportedAt, String exportedBy,
		List<BundleModelGroup> modelGroups, List<BundleRelationType> relationTypes, List<BundleModel> models,
		List<BundleRelationDefinition> relationDefinitions) {

	/** The format this version of Tianshu writes and reads. */
	public static final int FORMAT_VERSION = 1;

	public record BundleModelGroup(String code, String name, String nameEn, Integer sortOrder) {
	}

	public record BundleRelationType(String code, String forwardLabel, String reverseLabel, Boolean acyclic) {
	}

	/** A model; {@code attributes[].type} as in the model API ({@code STRING}, ...). */
	public record BundleModel(String code, String name, String nameEn, String group, String description,
			List<BundleAttribute> attributes, List<IdentificationRule> identificationRules) {
	}

	public record BundleAttribute(String code, String name, String type, Boolean required, Boolean unique, String regex,
			BigDecimal min, BigDecimal max, List<String> enumValues, Object defaultValue, String helpText, String group,
			String referenceModel, String itemType) {
	}

	/**
	 * A relation definition; {@code cardinality} ONE_TO_ONE, ONE_TO_MANY or MANY_TO_MANY,
	 * {@code deleteBehaviour} CASCADE, BLOCK or DETACH.
	 */
	public record BundleRelationDefinition(String sourceModel, String targetModel, String type, String cardinality,
			String deleteBehaviour) {
	}

}
