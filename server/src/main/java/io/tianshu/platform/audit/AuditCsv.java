package io.tianshu.platform.audit;

import java.io.IOException;
import java.io.Writer;
import java.util.List;

/**
 * RFC 4180 CSV: fields containing a comma, quote, CR or LF are quoted and quotes doubled;
 * records end with CRLF. Cells a spreadsheet would evaluate (starting with
 * {@code = + - @}, tab or CR) get a leading {@code '} so that an exported audit trail
 * cannot carry a formula (CSV injection).
 */
final class AuditCsv {

	static final List<String> HEADER = List.of("id", "occurredAt", "actorKind", "actorName", "sourceAddress",
			"requestId", "action", "targetType", "targetId", "outcome", "before", "after", "detail");

	private final Writer out;

	AuditCsv(Writer out) {
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
