package io.tianshu.event.convergence;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

import io.tianshu.event.AlertState;
import io.tianshu.event.Severity;

/**
 * What convergence needs to know of an alert. {@link #matchLabels} are its labels plus
 * the pseudo labels {@code @ci}, {@code @business_system}, {@code @severity} and
 * {@code @integration}, so rules can match and group by what enrichment found.
 */
record AlertFacts(long id, Instant firstSeen, AlertState state, Severity severity, String summary,
		Map<String, String> labels, UUID ciId, UUID businessSystemId, UUID integrationId) {

	static final String COLUMNS = "id, first_seen, state, severity, summary, labels, ci_id, business_system_id, "
			+ "integration_id";

	static final String CI = "@ci";

	static final String BUSINESS_SYSTEM = "@business_system";

	static final String SEVERITY = "@severity";

	static final String INTEGRATION = "@integration";

	static final String ALL = "...";

	Map<String, String> matchLabels() {
		Map<String, String> all = new TreeMap<>(this.labels);
		if (this.ciId != null) {
			all.put(CI, this.ciId.toString());
		}
		if (this.businessSystemId != null) {
			all.put(BUSINESS_SYSTEM, this.businessSystemId.toString());
		}
		all.put(SEVERITY, this.severity.name().toLowerCase(Locale.ROOT));
		if (this.integrationId != null) {
			all.put(INTEGRATION, this.integrationId.toString());
		}
		return all;
	}

	interface LabelReader {

		Map<String, String> read(String json);

	}

	static AlertFacts read(ResultSet rs, LabelReader labels) throws SQLException {
		return new AlertFacts(rs.getLong("id"), rs.getTimestamp("first_seen").toInstant(),
				AlertState.valueOf(rs.getString("state")), Severity.valueOf(rs.getString("severity")),
				rs.getString("summary"), labels.read(rs.getString("labels")), rs.getObject("ci_id", UUID.class),
				rs.getObject("business_system_id", UUID.class), rs.getObject("integration_id", UUID.class));
	}

}
