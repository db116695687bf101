package io.tianshu.cmdb.web;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import io.tianshu.cmdb.AttributeDefinition;
import io.tianshu.cmdb.AttributeType;
import io.tianshu.cmdb.ChangeSource;
import io.tianshu.cmdb.IdentificationRule;
import io.tianshu.cmdb.ModelDraft;
import io.tianshu.platform.FieldViolation;
import io.tianshu.platform.TianshuException;

/**
 * The JSON the CMDB API accepts, with enum-like fields as strings so that a wrong value
 * is a field error (422) rather than an unreadable body.
 */
final class Requests {

	/** The header naming where a change comes from; {@code API} when absent. */
	static final String SOURCE_HEADER = "X-Change-Source";

	private static final Set<ChangeSource> HTTP_SOURCES = Set.of(ChangeSource.API, ChangeSource.CONSOLE,
			ChangeSource.TICKET);

	private Requests() {
	}

	record AttributeBody(String code, String name, String type, Boolean required, Boolean unique, String regex,
			BigDecimal min, BigDecimal max, List<String> enumValues, Object defaultValue, String helpText, String group,
			String referenceModel, String itemType, Boolean recommended) {
	}

	record ModelBody(String code, String name, String nameEn, String group, String description, UUID ownerTeamId,
			List<AttributeBody> attributes, List<IdentificationRule> identificationRules) {

		ModelDraft toDraft() {
			List<FieldViolation> violations = new ArrayList<>();
			List<AttributeDefinition> definitions = new ArrayList<>();
			List<AttributeBody> given = (this.attributes != null) ? this.attributes : List.of();
			for (int i = 0; i < given.size(); i++) {
				AttributeBody a = given.get(i);
				if (a == null) {
					definitions.add(null);
					continue;
				}
				String field = "attributes[" + i + "]";
				definitions.add(new AttributeDefinition(a.code(), a.name(),
						attributeType(a.type(), field + ".type", true, violations), Boolean.TRUE.equals(a.required()),
						Boolean.TRUE.equals(a.unique()), a.regex(), a.min(), a.max(), a.enumValues(), a.defaultValue(),
						a.helpText(), a.group(), a.referenceModel(),
						attributeType(a.itemType(), field + ".itemType", false, violations),
						Boolean.TRUE.equals(a.recommended())));
			}
			if (!violations.isEmpty()) {
				throw TianshuException.invalid("The model is invalid", violations);
			}
			return new ModelDraft(this.code, this.name, this.nameEn, this.group, this.description, this.ownerTeamId,
					definitions, this.identificationRules);
		}

	}

	record GroupBody(String code, String name, String nameEn, Integer sortOrder) {
	}

	record RelationTypeBody(String code, String forwardLabel, String reverseLabel, Boolean acyclic) {
	}

	record DefinitionBody(String sourceModel, String targetModel, String type, String cardinality,
			String deleteBehaviour) {
	}

	record CiBody(String model, String name, String state, UUID ownerTeamId, Map<String, Object> attributes) {
	}

	record StateBody(String state) {
	}

	record RelationBody(String type, UUID sourceId, UUID targetId) {
	}

	static AttributeType attributeType(String text, String field, boolean required, List<FieldViolation> violations) {
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

	/** The enum constant, or a 422 naming the field and the allowed values. */
	static <E extends Enum<E>> E enumValue(Class<E> type, String text, String field, boolean required) {
		if (text == null || text.isBlank()) {
			if (required) {
				throw TianshuException.invalidField(field, "cmdb.required", field + " is required");
			}
			return null;
		}
		try {
			return Enum.valueOf(type, text.strip().toUpperCase(Locale.ROOT));
		}
		catch (IllegalArgumentException ex) {
			throw TianshuException.invalidField(field, "cmdb.value-invalid",
					field + " must be one of " + List.of(type.getEnumConstants()));
		}
	}

	static ChangeSource source(String header) {
		ChangeSource source = enumValue(ChangeSource.class, header, SOURCE_HEADER, false);
		if (source == null) {
			return ChangeSource.API;
		}
		if (!HTTP_SOURCES.contains(source)) {
			throw TianshuException.invalidField(SOURCE_HEADER, "cmdb.source-invalid",
					SOURCE_HEADER + " must be API, CONSOLE or TICKET (IMPORT and DISCOVERY are set by Tianshu)");
		}
		return source;
	}

	static Instant instant(String text, String field) {
		try {
			return OffsetDateTime.parse(text.strip()).toInstant();
		}
		catch (DateTimeParseException ex) {
			try {
				return Instant.parse(text.strip());
			}
			catch (DateTimeParseException again) {
				throw TianshuException.invalidField(field, "cmdb.instant-invalid",
						field + " must be an ISO-8601 instant (2025-10-09T10:00:00+08:00)");
			}
		}
	}

	static Set<String> types(String csv) {
		Set<String> types = new LinkedHashSet<>();
		if (csv != null) {
			for (String part : csv.split(",")) {
				if (!part.isBlank()) {
					types.add(part.strip());
				}
			}
		}
		return types;
	}

}
