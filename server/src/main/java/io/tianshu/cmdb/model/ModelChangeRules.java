package io.tianshu.cmdb.model;

import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.tianshu.cmdb.AttributeType;
import io.tianshu.cmdb.Cardinality;
import io.tianshu.cmdb.ModelChange;
import io.tianshu.cmdb.ModelChange.Kind;
import io.tianshu.cmdb.RelationDefinition;

/**
 * Which model changes are destructive (破坏性变更). Some are by their nature: an attribute or
 * relation definition removed, a type narrowed, an enum value removed, a cardinality
 * narrowed, a reference retargeted. Others only when existing data breaks them: a
 * required attribute that CIs lack with no default, a tighter regex, range or unique
 * rule, an identification rule that live CIs share.
 */
final class ModelChangeRules {

	private static final Set<AttributeType> TEXTUAL = EnumSet.of(AttributeType.STRING, AttributeType.ENUM,
			AttributeType.IP, AttributeType.CIDR, AttributeType.URL, AttributeType.DATE, AttributeType.DATETIME,
			AttributeType.REFERENCE);

	private static final Set<String> NARROWING_RULES = Set.of("regex", "min", "max", "unique");

	private ModelChangeRules() {
	}

	/**
	 * The changes with their classification; {@code impact} is what the new version does
	 * to the live CIs, {@code relationsInUse} the number of relations per relation
	 * definition key ({@code type->target}).
	 */
	static List<PreviewChange> classify(List<ModelChange> changes, CiImpact impact,
			Map<String, Integer> relationsInUse) {
		List<PreviewChange> out = new ArrayList<>();
		for (ModelChange change : changes) {
			String reason = reason(change, impact);
			String text = change.text();
			if ("relation-definition-removed".equals(reason)) {
				int used = relationsInUse.getOrDefault(change.path().substring("relations.".length()), 0);
				if (used > 0) {
					text += " (" + used + " relations use it: delete them first)";
				}
			}
			int flagged = flaggedFor(change, impact);
			if (reason != null && flagged > 0) {
				text += " (" + flagged + " CIs flagged)";
			}
			out.add(new PreviewChange(change.path(), change.kind(), change.from(), change.to(), text, reason != null,
					reason));
		}
		return out;
	}

	private static int flaggedFor(ModelChange change, CiImpact impact) {
		String key = subject(change.path());
		return (key != null) ? impact.flaggedByAttribute().getOrDefault(key, 0) : 0;
	}

	/** The attribute code or {@code identificationRules.<rule>} a change is about. */
	private static String subject(String path) {
		if (path.startsWith("attributes.")) {
			String rest = path.substring("attributes.".length());
			int dot = rest.indexOf('.');
			return (dot < 0) ? rest : rest.substring(0, dot);
		}
		if (path.startsWith("identificationRules.")) {
			return path;
		}
		return null;
	}

	private static String reason(ModelChange change, CiImpact impact) {
		String path = change.path();
		int flagged = flaggedFor(change, impact);
		if (path.startsWith("attributes.")) {
			String rest = path.substring("attributes.".length());
			int dot = rest.indexOf('.');
			if (dot < 0) {
				if (change.kind() == Kind.REMOVED) {
					return "attribute-removed";
				}
				return (flagged > 0) ? "required-added" : null;
			}
			String rule = rest.substring(dot + 1);
			return switch (rule) {
				case "type", "itemType" ->
					(!widening(change.from(), change.to())) ? "type-narrowed" : (flagged > 0) ? "rule-narrowed" : null;
				case "enumValues" -> (!contains(change.to(), change.from())) ? "enum-value-removed"
						: (flagged > 0) ? "rule-narrowed" : null;
				case "required" -> (Boolean.TRUE.equals(change.to()) && flagged > 0) ? "required-added" : null;
				case "referenceModel" -> (change.to() != null) ? "reference-model-changed" : null;
				default -> (NARROWING_RULES.contains(rule) && flagged > 0) ? "rule-narrowed" : null;
			};
		}
		if (path.startsWith("identificationRules.")) {
			return (change.kind() != Kind.REMOVED && flagged > 0) ? "identity-duplicates" : null;
		}
		if (path.startsWith("relations.")) {
			if (change.kind() == Kind.REMOVED) {
				return "relation-definition-removed";
			}
			if (change.kind() == Kind.CHANGED && change.from() instanceof RelationDefinition from
					&& change.to() instanceof RelationDefinition to
					&& strictness(to.cardinality()) > strictness(from.cardinality())) {
				return "cardinality-narrowed";
			}
		}
		return null;
	}

	/** Whether every value of type {@code from} is a valid value of type {@code to}. */
	static boolean widening(Object from, Object to) {
		if (from == null) {
			// a list's item type given for the first time: STRING was the default
			from = AttributeType.STRING;
		}
		if (to == null) {
			to = AttributeType.STRING;
		}
		if (from.equals(to) || to == AttributeType.JSON) {
			return true;
		}
		if (from == AttributeType.INT && to == AttributeType.DECIMAL) {
			return true;
		}
		if (from == AttributeType.STRING && to == AttributeType.TEXT) {
			return true;
		}
		return (to == AttributeType.STRING || to == AttributeType.TEXT) && from instanceof AttributeType type
				&& TEXTUAL.contains(type);
	}

	private static boolean contains(Object to, Object from) {
		Collection<?> after = (to instanceof Collection<?> c) ? c : List.of();
		Collection<?> before = (from instanceof Collection<?> c) ? c : List.of();
		return after.containsAll(before);
	}

	private static int strictness(Cardinality cardinality) {
		return switch (cardinality) {
			case MANY_TO_MANY -> 0;
			case ONE_TO_MANY -> 1;
			case ONE_TO_ONE -> 2;
		};
	}

}
