package io.tianshu.cmdb.model;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

import io.tianshu.cmdb.AttributeDefinition;
import io.tianshu.cmdb.CiModel;
import io.tianshu.cmdb.IdentificationRule;
import io.tianshu.cmdb.ModelChange;
import io.tianshu.cmdb.ModelChange.Kind;
import io.tianshu.cmdb.RelationDefinition;

/**
 * The readable difference between two versions of a model: top-level fields, then
 * attributes (added, removed, and each changed rule), identification rules and relation
 * definitions, compared by their stable keys.
 */
final class ModelDiffs {

	private ModelDiffs() {
	}

	static List<ModelChange> between(CiModel from, CiModel to) {
		List<ModelChange> changes = new ArrayList<>();
		field(changes, "name", from.name(), to.name());
		field(changes, "nameEn", from.nameEn(), to.nameEn());
		field(changes, "group", from.group(), to.group());
		field(changes, "description", from.description(), to.description());
		field(changes, "ownerTeamId", from.ownerTeamId(), to.ownerTeamId());
		Map<String, AttributeDefinition> before = byKey(from.attributes(), AttributeDefinition::code);
		Map<String, AttributeDefinition> after = byKey(to.attributes(), AttributeDefinition::code);
		for (var entry : after.entrySet()) {
			AttributeDefinition old = before.get(entry.getKey());
			AttributeDefinition now = entry.getValue();
			String path = "attributes." + entry.getKey();
			if (old == null) {
				changes.add(new ModelChange(path, Kind.ADDED, null, now, "attribute " + entry.getKey() + " added ("
						+ now.type().name().toLowerCase() + (now.required() ? ", required" : "") + ")"));
				continue;
			}
			attributeField(changes, path, "name", old.name(), now.name());
			attributeField(changes, path, "type", old.type(), now.type());
			attributeField(changes, path, "required", old.required(), now.required());
			attributeField(changes, path, "recommended", old.recommended(), now.recommended());
			attributeField(changes, path, "unique", old.unique(), now.unique());
			attributeField(changes, path, "regex", old.regex(), now.regex());
			attributeField(changes, path, "min", plain(old.min()), plain(now.min()));
			attributeField(changes, path, "max", plain(old.max()), plain(now.max()));
			attributeField(changes, path, "enumValues", old.enumValues(), now.enumValues());
			attributeField(changes, path, "defaultValue", old.defaultValue(), now.defaultValue());
			attributeField(changes, path, "helpText", old.helpText(), now.helpText());
			attributeField(changes, path, "group", old.group(), now.group());
			attributeField(changes, path, "referenceModel", old.referenceModel(), now.referenceModel());
			attributeField(changes, path, "itemType", old.itemType(), now.itemType());
		}
		for (var entry : before.entrySet()) {
			if (!after.containsKey(entry.getKey())) {
				changes.add(new ModelChange("attributes." + entry.getKey(), Kind.REMOVED, entry.getValue(), null,
						"attribute " + entry.getKey() + " removed"));
			}
		}
		Map<String, IdentificationRule> rulesBefore = byKey(from.identificationRules(), IdentificationRule::name);
		Map<String, IdentificationRule> rulesAfter = byKey(to.identificationRules(), IdentificationRule::name);
		compareKeyed(changes, "identificationRules", "identification rule", rulesBefore, rulesAfter,
				(r) -> String.join(" + ", r.attributes()));
		Map<String, RelationDefinition> relationsBefore = byKey(from.relations(), ModelDiffs::relationKey);
		Map<String, RelationDefinition> relationsAfter = byKey(to.relations(), ModelDiffs::relationKey);
		compareKeyed(changes, "relations", "relation", relationsBefore, relationsAfter,
				(r) -> r.cardinality() + ", " + r.deleteBehaviour());
		return changes;
	}

	private static String relationKey(RelationDefinition r) {
		return r.type() + "->" + r.targetModel();
	}

	private static <T> void compareKeyed(List<ModelChange> changes, String prefix, String noun, Map<String, T> before,
			Map<String, T> after, Function<T, String> describe) {
		for (var entry : after.entrySet()) {
			T old = before.get(entry.getKey());
			String path = prefix + "." + entry.getKey();
			if (old == null) {
				changes.add(new ModelChange(path, Kind.ADDED, null, entry.getValue(),
						noun + " " + entry.getKey() + " added (" + describe.apply(entry.getValue()) + ")"));
			}
			else if (!old.equals(entry.getValue())) {
				changes.add(new ModelChange(path, Kind.CHANGED, old, entry.getValue(), noun + " " + entry.getKey()
						+ ": " + describe.apply(old) + " → " + describe.apply(entry.getValue())));
			}
		}
		for (var entry : before.entrySet()) {
			if (!after.containsKey(entry.getKey())) {
				changes.add(new ModelChange(prefix + "." + entry.getKey(), Kind.REMOVED, entry.getValue(), null,
						noun + " " + entry.getKey() + " removed"));
			}
		}
	}

	private static void field(List<ModelChange> changes, String path, Object from, Object to) {
		if (!Objects.equals(from, to)) {
			changes.add(new ModelChange(path, kind(from, to), from, to, path + ": " + show(from) + " → " + show(to)));
		}
	}

	private static void attributeField(List<ModelChange> changes, String path, String rule, Object from, Object to) {
		if (!Objects.equals(from, to)) {
			String code = path.substring("attributes.".length());
			changes.add(new ModelChange(path + "." + rule, kind(from, to), from, to,
					"attribute " + code + ": " + rule + " " + show(from) + " → " + show(to)));
		}
	}

	private static Kind kind(Object from, Object to) {
		return (from == null) ? Kind.ADDED : (to == null) ? Kind.REMOVED : Kind.CHANGED;
	}

	private static String show(Object value) {
		if (value == null) {
			return "(none)";
		}
		if (value instanceof Enum<?> e) {
			return e.name().toLowerCase();
		}
		return String.valueOf(value);
	}

	private static String plain(java.math.BigDecimal value) {
		return (value != null) ? value.stripTrailingZeros().toPlainString() : null;
	}

	private static <T> Map<String, T> byKey(List<T> items, Function<T, String> key) {
		Map<String, T> map = new LinkedHashMap<>();
		for (T item : items) {
			map.put(key.apply(item), item);
		}
		return map;
	}

	/** One line for the version list: the first changes, then how many more. */
	static String summary(List<ModelChange> changes) {
		if (changes.isEmpty()) {
			return "no change";
		}
		StringBuilder text = new StringBuilder();
		for (int i = 0; i < Math.min(3, changes.size()); i++) {
			text.append((i > 0) ? "; " : "").append(changes.get(i).text());
		}
		if (changes.size() > 3) {
			text.append("; and ").append(changes.size() - 3).append(" more");
		}
		return text.toString();
	}

}
