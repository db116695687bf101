package io.tianshu.cmdb.transfer;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * RFC 4180 CSV (comma-separated; tab-separated when the first line has tabs and no
 * commas, as Excel's "Unicode text" is): quoted fields may hold commas, quotes (doubled)
 * and line breaks; records end with CRLF or LF. A leading {@code '} before
 * {@code = + - @ '}, tab or CR is removed: it is the formula guard the CSV export adds.
 */
final class CsvTable {

	private CsvTable() {
	}

	static void read(String text, TableReader reader) {
		int start = (!text.isEmpty() && text.charAt(0) == '\uFEFF') ? 1 : 0;
		char delimiter = delimiter(text, start);
		List<String> record = new ArrayList<>();
		StringBuilder field = new StringBuilder();
		boolean quoted = false;
		boolean wasQuoted = false;
		int recordNumber = 0;
		int quoteLine = 0;
		int line = 1;
		boolean any = false;
		int n = text.length();
		for (int i = start; i < n; i++) {
			char c = text.charAt(i);
			if (quoted) {
				if (c == '"') {
					if (i + 1 < n && text.charAt(i + 1) == '"') {
						field.append('"');
						i++;
					}
					else {
						quoted = false;
					}
				}
				else {
					if (c == '\n') {
						line++;
					}
					field.append(c);
				}
				continue;
			}
			if (c == '"' && field.isEmpty() && !wasQuoted) {
				quoted = true;
				wasQuoted = true;
				quoteLine = line;
				any = true;
			}
			else if (c == delimiter) {
				record.add(unguard(field.toString()));
				field.setLength(0);
				wasQuoted = false;
				any = true;
			}
			else if (c == '\r' || c == '\n') {
				if (c == '\r' && i + 1 < n && text.charAt(i + 1) == '\n') {
					i++;
				}
				line++;
				if (any || !field.isEmpty()) {
					record.add(unguard(field.toString()));
				}
				recordNumber++;
				emit(reader, recordNumber, record);
				record = new ArrayList<>();
				field.setLength(0);
				wasQuoted = false;
				any = false;
			}
			else {
				field.append(c);
			}
		}
		if (quoted) {
			throw ImportFileException.of("cmdb.import.csv-unterminated-quote",
					"A quoted field opened on line " + quoteLine + " is never closed", Map.of("line", quoteLine));
		}
		if (any || !field.isEmpty()) {
			record.add(unguard(field.toString()));
			recordNumber++;
			emit(reader, recordNumber, record);
		}
	}

	private static void emit(TableReader reader, int recordNumber, List<String> record) {
		List<Cell> cells = new ArrayList<>(record.size());
		boolean blank = true;
		for (String value : record) {
			Cell cell = Cell.text(value);
			blank &= cell.blank();
			cells.add(cell);
		}
		if (recordNumber == 1) {
			reader.header(cells);
		}
		else if (!blank) {
			reader.row(recordNumber, cells);
		}
	}

	private static String unguard(String value) {
		if (value.length() >= 2 && value.charAt(0) == '\'') {
			char second = value.charAt(1);
			if (second == '=' || second == '+' || second == '-' || second == '@' || second == '\t' || second == '\r'
					|| second == '\'') {
				return value.substring(1);
			}
		}
		return value;
	}

	private static char delimiter(String text, int start) {
		int end = text.indexOf('\n', start);
		String first = text.substring(start, (end < 0) ? text.length() : end);
		return (first.indexOf('\t') >= 0 && first.indexOf(',') < 0) ? '\t' : ',';
	}

}
