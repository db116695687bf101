package io.tianshu.event.convergence;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import io.tianshu.cmdb.CiId;
import io.tianshu.cmdb.ConfigurationItem;
import io.tianshu.cmdb.ConfigurationItems;
import io.tianshu.event.LabelMatcher;
import io.tianshu.platform.Authorization;
import io.tianshu.platform.FieldViolation;
import io.tianshu.platform.TianshuException;

import org.springframework.stereotype.Component;

/**
 * Input checks shared by the convergence APIs: matchers that parse (valid regexes), CIs
 * and business systems that exist in the CMDB. Violations are collected so one 422
 * answers every problem of a request.
 */
@Component
class Checks {

	private final ConfigurationItems items;

	private final Authorization authorization;

	Checks(ConfigurationItems items, Authorization authorization) {
		this.items = items;
		this.authorization = authorization;
	}

	/** The parsed matchers; a violation per matcher that is not one. */
	static List<LabelMatcher> matchers(List<String> texts, String field, List<FieldViolation> errors) {
		List<LabelMatcher> out = new ArrayList<>();
		if (texts == null) {
			return out;
		}
		for (int i = 0; i < texts.size(); i++) {
			try {
				out.add(LabelMatcher.parse(texts.get(i)));
			}
			catch (TianshuException ex) {
				errors.add(new FieldViolation(field + "[" + i + "]", ex.code(), ex.getMessage()));
			}
		}
		return out;
	}

	/** Canonical text of the matchers ({@code name=~value}). */
	static List<String> texts(List<LabelMatcher> matchers) {
		return matchers.stream().map(LabelMatcher::toString).toList();
	}

	/**
	 * Checks that the CI exists (and, with a model, is of that model); a violation
	 * {@code event.ci.unknown} or {@code event.ci.wrong-model} otherwise.
	 */
	void ci(UUID id, String model, String field, List<FieldViolation> errors) {
		if (id == null) {
			return;
		}
		ConfigurationItem ci;
		try {
			ci = this.authorization.runAsSystem(() -> this.items.get(new CiId(id)));
		}
		catch (TianshuException ex) {
			errors.add(new FieldViolation(field, "event.ci.unknown", "No such CI in the CMDB: " + id));
			return;
		}
		if (model != null && !model.equals(ci.model())) {
			errors.add(new FieldViolation(field, "event.ci.wrong-model",
					"The CI " + ci.name() + " is a " + ci.model() + ", not a " + model));
		}
	}

	static void throwIfAny(List<FieldViolation> errors) {
		if (!errors.isEmpty()) {
			throw TianshuException.invalid("The request has invalid fields", errors);
		}
	}

	static String required(String value, String field, int max, List<FieldViolation> errors) {
		if (value == null || value.isBlank()) {
			errors.add(new FieldViolation(field, "required", "Required"));
			return null;
		}
		if (value.length() > max) {
			errors.add(new FieldViolation(field, "too-long", "At most " + max + " characters"));
		}
		return value.strip();
	}

}
