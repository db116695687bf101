package io.tianshu.cmdb.model;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.tianshu.cmdb.AttributeDefinition;
import io.tianshu.cmdb.CiModel;
import io.tianshu.cmdb.IdentificationRule;

/**
 * The keys a live CI claims in {@code cmdb.ci_key}: {@code unique:<attribute>} for each
 * unique attribute with a value and {@code identity:<rule>} for each identification rule
 * whose attributes all have a value. One definition for CI writes and for the rebuild
 * after a model change.
 */
public final class CiKeys {

	private CiKeys() {
	}

	/** Key name to key text, in model order. */
	public static Map<String, String> of(CiModel model, Map<String, Object> attributes) {
		Map<String, String> keys = new LinkedHashMap<>();
		for (AttributeDefinition attribute : model.attributes()) {
			Object value = attributes.get(attribute.code());
			if (attribute.unique() && value != null) {
				keys.put("unique:" + attribute.code(), AttributeValues.keyText(value));
			}
		}
		for (IdentificationRule rule : model.identificationRules()) {
			List<String> parts = new ArrayList<>();
			for (String code : rule.attributes()) {
				Object value = attributes.get(code);
				if (value == null) {
					parts = null;
					break;
				}
				parts.add(AttributeValues.keyText(value));
			}
			if (parts != null) {
				keys.put("identity:" + rule.name(), String.join(",", parts));
			}
		}
		return keys;
	}

}
