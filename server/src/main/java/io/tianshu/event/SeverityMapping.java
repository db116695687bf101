package io.tianshu.event;

import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The default mapping of each kind's severities to the common scale. Common names
 * ({@code critical}, {@code major}, {@code minor}, {@code warning}, {@code info}) and the
 * usual synonyms map for every kind; Zabbix's names and numbers (0 not classified … 5
 * disaster) and PagerDuty's {@code error} map as those tools mean them.
 */
public final class SeverityMapping {

	private static final Map<String, Severity> COMMON = Map.ofEntries(Map.entry("critical", Severity.CRITICAL),
			Map.entry("crit", Severity.CRITICAL), Map.entry("fatal", Severity.CRITICAL),
			Map.entry("emergency", Severity.CRITICAL), Map.entry("emerg", Severity.CRITICAL),
			Map.entry("alert", Severity.CRITICAL), Map.entry("p1", Severity.CRITICAL),
			Map.entry("disaster", Severity.CRITICAL), Map.entry("major", Severity.MAJOR),
			Map.entry("high", Severity.MAJOR), Map.entry("error", Severity.MAJOR), Map.entry("err", Severity.MAJOR),
			Map.entry("p2", Severity.MAJOR), Map.entry("minor", Severity.MINOR), Map.entry("average", Severity.MINOR),
			Map.entry("medium", Severity.MINOR), Map.entry("p3", Severity.MINOR),
			Map.entry("warning", Severity.WARNING), Map.entry("warn", Severity.WARNING),
			Map.entry("low", Severity.WARNING), Map.entry("p4", Severity.WARNING), Map.entry("info", Severity.INFO),
			Map.entry("information", Severity.INFO), Map.entry("informational", Severity.INFO),
			Map.entry("notice", Severity.INFO), Map.entry("debug", Severity.INFO), Map.entry("none", Severity.INFO),
			Map.entry("ok", Severity.INFO), Map.entry("p5", Severity.INFO), Map.entry("not classified", Severity.INFO));

	private static final Map<String, Severity> ZABBIX_NUMBERS = Map.of("0", Severity.INFO, "1", Severity.INFO, "2",
			Severity.WARNING, "3", Severity.MINOR, "4", Severity.MAJOR, "5", Severity.CRITICAL);

	private SeverityMapping() {
	}

	/**
	 * The default common severity of a source severity name for a kind, if it has one.
	 */
	public static Optional<Severity> defaults(IntegrationKind kind, String sourceSeverity) {
		if (sourceSeverity == null) {
			return Optional.empty();
		}
		String key = sourceSeverity.strip().toLowerCase(Locale.ROOT);
		if (kind == IntegrationKind.ZABBIX && ZABBIX_NUMBERS.containsKey(key)) {
			return Optional.of(ZABBIX_NUMBERS.get(key));
		}
		return Optional.ofNullable(COMMON.get(key));
	}

}
