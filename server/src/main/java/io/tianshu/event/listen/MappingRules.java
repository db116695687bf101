package io.tianshu.event.listen;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

import tools.jackson.core.JacksonException;
import tools.jackson.core.type.TypeReference;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * An ordered list of mapping rules (映射规则) turning a received message's fields into an
 * alert signal. A rule matches when every one of its {@code match} regular expressions
 * matches the whole of its field (an unset field is the empty text); named groups
 * ({@code (?<ifName>...)}) become variables of that rule's templates. For each outcome
 * field ({@code drop}, {@code severity}, {@code status}, {@code fingerprint},
 * {@code summary}, each label and annotation) the first matching rule that sets it wins,
 * so rules of the configured file (evaluated first) refine the built-in ones instead of
 * having to repeat them.
 */
final class MappingRules {

	static final Set<String> SEVERITIES = Set.of("critical", "major", "minor", "warning", "info");

	static final Set<String> STATUSES = Set.of("firing", "resolved");

	private static final Set<String> KEYS = Set.of("name", "match", "drop", "severity", "status", "fingerprint",
			"summary", "labels", "annotations");

	private final List<Rule> rules;

	private MappingRules(List<Rule> rules) {
		this.rules = List.copyOf(rules);
	}

	/**
	 * The rules of {@code file} (when given) followed by the built-in rules (when
	 * {@code withDefaults}).
	 * @throws IllegalArgumentException when a rule is invalid (names the file and rule)
	 */
	static MappingRules load(String protocol, Path file, boolean withDefaults) {
		List<Rule> rules = new ArrayList<>();
		if (file != null) {
			try (InputStream in = Files.newInputStream(file)) {
				rules.addAll(read(in, file.toString()));
			}
			catch (IOException ex) {
				throw new UncheckedIOException("cannot read the " + protocol + " rules file " + file, ex);
			}
		}
		if (withDefaults) {
			String resource = protocol + "-rules.yaml";
			try (InputStream in = MappingRules.class.getResourceAsStream(resource)) {
				if (in == null) {
					throw new IllegalStateException("built-in rules " + resource + " missing");
				}
				rules.addAll(read(in, "built-in " + resource));
			}
			catch (IOException ex) {
				throw new UncheckedIOException(ex);
			}
		}
		return new MappingRules(rules);
	}

	static MappingRules parse(InputStream in, String origin) {
		return new MappingRules(read(in, origin));
	}

	private static List<Rule> read(InputStream in, String origin) {
		List<Map<String, Object>> specs;
		try {
			specs = YAMLMapper.builder().build().readValue(in, new TypeReference<List<Map<String, Object>>>() {
			});
		}
		catch (JacksonException ex) {
			throw new IllegalArgumentException(origin + ": not a YAML/JSON list of rules: " + ex.getOriginalMessage(),
					ex);
		}
		return compile(specs, origin);
	}

	private static List<Rule> compile(List<Map<String, Object>> specs, String origin) {
		List<Rule> rules = new ArrayList<>();
		if (specs == null) {
			return rules;
		}
		for (int i = 0; i < specs.size(); i++) {
			Map<String, Object> spec = specs.get(i);
			String where = origin + " rule " + (i + 1);
			if (spec == null) {
				throw new IllegalArgumentException(where + ": empty");
			}
			Object name = spec.get("name");
			if (!(name instanceof String text) || text.isBlank()) {
				throw new IllegalArgumentException(where + ": name missing");
			}
			where = origin + " rule '" + name + "'";
			for (String key : spec.keySet()) {
				if (!KEYS.contains(key)) {
					throw new IllegalArgumentException(where + ": unknown key '" + key + "' (known: " + KEYS + ")");
				}
			}
			Map<String, Pattern> match = new LinkedHashMap<>();
			for (Map.Entry<String, String> e : strings(spec.get("match"), where + " match").entrySet()) {
				try {
					match.put(e.getKey(), Pattern.compile(e.getValue()));
				}
				catch (PatternSyntaxException ex) {
					throw new IllegalArgumentException(
							where + ": match." + e.getKey() + " is not a regular expression: " + ex.getDescription());
				}
			}
			Boolean drop = null;
			if (spec.get("drop") != null) {
				if (!(spec.get("drop") instanceof Boolean flag)) {
					throw new IllegalArgumentException(where + ": drop must be true or false");
				}
				drop = flag;
			}
			Template severity = template(spec, "severity", where);
			if (severity != null && !severity.source().contains("${")
					&& !SEVERITIES.contains(severity.source().toLowerCase(Locale.ROOT))) {
				throw new IllegalArgumentException(where + ": severity must be one of " + SEVERITIES);
			}
			Template status = template(spec, "status", where);
			if (status != null && !status.source().contains("${")
					&& !STATUSES.contains(status.source().toLowerCase(Locale.ROOT))) {
				throw new IllegalArgumentException(where + ": status must be one of " + STATUSES);
			}
			rules.add(new Rule((String) name, match, drop, severity, status, template(spec, "fingerprint", where),
					template(spec, "summary", where), templates(spec.get("labels"), where + " labels"),
					templates(spec.get("annotations"), where + " annotations")));
		}
		return rules;
	}

	/** Applies the rules to the fields of one message. */
	Outcome apply(Map<String, String> fields) {
		Outcome out = new Outcome();
		for (Rule rule : this.rules) {
			Map<String, String> captures = rule.matches(fields);
			if (captures == null) {
				continue;
			}
			out.matched.add(rule.name());
			Map<String, String> variables = captures.isEmpty() ? fields : overlay(fields, captures);
			if (out.drop == null && rule.drop() != null) {
				out.drop = rule.drop();
				if (out.drop) {
					return out;
				}
			}
			if (out.severity == null && rule.severity() != null) {
				String severity = rule.severity().render(variables).toLowerCase(Locale.ROOT).strip();
				out.severity = SEVERITIES.contains(severity) ? severity : null;
			}
			if (out.status == null && rule.status() != null) {
				String status = rule.status().render(variables).toLowerCase(Locale.ROOT).strip();
				out.status = STATUSES.contains(status) ? status : null;
			}
			if (out.fingerprint == null && rule.fingerprint() != null) {
				out.fingerprint = rule.fingerprint().render(variables);
			}
			if (out.summary == null && rule.summary() != null) {
				out.summary = rule.summary().render(variables);
			}
			rule.labels().forEach((key, value) -> out.labels.computeIfAbsent(key, (k) -> value.render(variables)));
			rule.annotations()
				.forEach((key, value) -> out.annotations.computeIfAbsent(key, (k) -> value.render(variables)));
		}
		return out;
	}

	int size() {
		return this.rules.size();
	}

	private static Map<String, String> overlay(Map<String, String> fields, Map<String, String> captures) {
		Map<String, String> variables = new HashMap<>(fields);
		variables.putAll(captures);
		return variables;
	}

	private static Template template(Map<String, Object> spec, String key, String where) {
		Object value = spec.get(key);
		if (value == null) {
			return null;
		}
		if (value instanceof Map || value instanceof List) {
			throw new IllegalArgumentException(where + ": " + key + " must be a text");
		}
		try {
			return Template.of(value.toString());
		}
		catch (IllegalArgumentException ex) {
			throw new IllegalArgumentException(where + ": " + key + ": " + ex.getMessage());
		}
	}

	private static Map<String, Template> templates(Object value, String where) {
		Map<String, Template> out = new LinkedHashMap<>();
		strings(value, where).forEach((k, v) -> {
			try {
				out.put(k, Template.of(v));
			}
			catch (IllegalArgumentException ex) {
				throw new IllegalArgumentException(where + "." + k + ": " + ex.getMessage());
			}
		});
		return out;
	}

	private static Map<String, String> strings(Object value, String where) {
		Map<String, String> out = new LinkedHashMap<>();
		if (value == null) {
			return out;
		}
		if (!(value instanceof Map<?, ?> map)) {
			throw new IllegalArgumentException(where + " must be a map of texts");
		}
		map.forEach((k, v) -> {
			if (v instanceof Map || v instanceof List || v == null) {
				throw new IllegalArgumentException(where + "." + k + " must be a text");
			}
			out.put(String.valueOf(k), v.toString());
		});
		return out;
	}

	/**
	 * @param name shown in diagnostics
	 * @param match field name to the pattern its whole value must match
	 */
	record Rule(String name, Map<String, Pattern> match, Boolean drop, Template severity, Template status,
			Template fingerprint, Template summary, Map<String, Template> labels, Map<String, Template> annotations) {

		/** The named groups captured when the rule matches, or {@code null}. */
		Map<String, String> matches(Map<String, String> fields) {
			Map<String, String> captures = null;
			for (Map.Entry<String, Pattern> e : this.match.entrySet()) {
				String value = fields.get(e.getKey());
				Matcher m = e.getValue().matcher((value != null) ? value : "");
				if (!m.matches()) {
					return null;
				}
				Map<String, Integer> groups = m.namedGroups();
				if (!groups.isEmpty()) {
					if (captures == null) {
						captures = new HashMap<>();
					}
					for (String group : groups.keySet()) {
						String captured = m.group(group);
						if (captured != null) {
							captures.put(group, captured);
						}
					}
				}
			}
			return (captures != null) ? captures : Map.of();
		}

	}

	/** What the rules decided; {@code null} fields were set by no matching rule. */
	static final class Outcome {

		private final List<String> matched = new ArrayList<>(4);

		private Boolean drop;

		private String severity;

		private String status;

		private String fingerprint;

		private String summary;

		private final Map<String, String> labels = new LinkedHashMap<>();

		private final Map<String, String> annotations = new LinkedHashMap<>();

		boolean dropped() {
			return Boolean.TRUE.equals(this.drop);
		}

		List<String> matched() {
			return this.matched;
		}

		String severity() {
			return this.severity;
		}

		String status() {
			return this.status;
		}

		String fingerprint() {
			return this.fingerprint;
		}

		String summary() {
			return this.summary;
		}

		Map<String, String> labels() {
			return this.labels;
		}

		Map<String, String> annotations() {
			return this.annotations;
		}

	}

}
