package io.tianshu.event.alert;

import java.io.IOException;
import java.io.Writer;
import java.util.List;

/**
 * RFC 4180 CSV with the same formula-injection guard as the audit export: cells a
 * spreadsheet would evaluate (starting with {@code = + - @}, tab or CR) get a leading
 * {@code '}.
 */
final class AlertCsv {

	static final List<String> HEADER = List.of("id", "state", "status", "severity", "source", "integrationId",
			"fingerprint", "summary", "resource", "labels", "firstSeen", "lastSeen", "occurrences", "ciId",
			"businessSystemId", "assignee", "acknowledgedAt", "resolvedAt", "closedAt", "flapping");

	private final Writer out;

	AlertCsv(Writer out) {
		this.out = out;
	}

	void row(List<String> cells) throws IOException {
		for (int i = 0; i < cells.size(); i++) {
			if (i > 0) {
				this.out.write(',');
			}
			this.out.write(cell(cells.get(i)));
		}
		this.out.write("\r\n");
	}

	static String cell(String value) {
		if (value == null || value.isEmpty()) {
			return "";
		}
		String v = value;
		char first = v.charAt(0);
		if (first == '=' || first == '+' || first == '-' || first == '@' || first == '\t' || first == '\r') {
			v = "'" + v;
		}
		if (v.indexOf(',') >= 0 || v.indexOf('"') >= 0 || v.indexOf('\r') >= 0 || v.indexOf('\n') >= 0) {
			return '"' + v.replace("\"", "\"\"") + '"';
		}
		return v;
	}

}
