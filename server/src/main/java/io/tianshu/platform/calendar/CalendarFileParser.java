package io.tianshu.platform.calendar;

import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import io.tianshu.platform.CalendarImportResult.LineError;

/**
 * Reads calendar days from CSV ({@code date,type,name}) or iCalendar. Never throws on bad
 * content: every rejected line or event becomes a {@link LineError} and the rest is kept.
 */
final class CalendarFileParser {

	/** Longest all-day event accepted from an iCalendar file. */
	static final int MAX_EVENT_DAYS = 366;

	private static final DateTimeFormatter BASIC_DATE = DateTimeFormatter.BASIC_ISO_DATE;

	private CalendarFileParser() {
	}

	/**
	 * Parses iCalendar when the file name ends in {@code .ics} or the text looks like
	 * one.
	 */
	static Parsed parse(String fileName, String text) {
		String content = stripBom(text);
		boolean ics = (fileName != null && fileName.toLowerCase(Locale.ROOT).endsWith(".ics"))
				|| content.stripLeading().toUpperCase(Locale.ROOT).startsWith("BEGIN:VCALENDAR");
		return ics ? parseIcs(content) : parseCsv(content);
	}

	static Parsed parseCsv(String text) {
		Collector out = new Collector();
		String[] lines = stripBom(text).split("\r\n|\n|\r", -1);
		for (int i = 0; i < lines.length; i++) {
			int lineNo = i + 1;
			String line = lines[i].strip();
			if (line.isEmpty() || line.startsWith("#")) {
				continue;
			}
			List<String> fields = splitCsv(line);
			if (fields.size() >= 2 && fields.get(0).equalsIgnoreCase("date")
					&& fields.get(1).equalsIgnoreCase("type")) {
				continue;
			}
			if (fields.size() < 2 || fields.size() > 3) {
				out.error(lineNo, "calendar.import.bad-columns",
						"Expected date,type,name but found " + fields.size() + " column(s)");
				continue;
			}
			LocalDate date;
			try {
				date = LocalDate.parse(fields.get(0).strip());
			}
			catch (DateTimeParseException ex) {
				out.error(lineNo, "calendar.import.bad-date",
						"'" + fields.get(0).strip() + "' is not a date (yyyy-MM-dd)");
				continue;
			}
			DayType type;
			try {
				type = DayType.valueOf(fields.get(1).strip().toUpperCase(Locale.ROOT));
			}
			catch (IllegalArgumentException ex) {
				out.error(lineNo, "calendar.import.bad-type",
						"'" + fields.get(1).strip() + "' is not one of HOLIDAY, WORKDAY, CLOSURE");
				continue;
			}
			String name = (fields.size() == 3) ? blankToNull(fields.get(2).strip()) : null;
			if (type != DayType.WORKDAY && name == null) {
				name = (type == DayType.HOLIDAY) ? "Holiday" : "Closure";
			}
			out.day(lineNo, date, type, name);
		}
		return out.result();
	}

	static Parsed parseIcs(String text) {
		Collector out = new Collector();
		List<Line> lines = unfold(stripBom(text));
		Event event = null;
		for (Line line : lines) {
			String upper = line.text.toUpperCase(Locale.ROOT);
			if (upper.equals("BEGIN:VEVENT")) {
				event = new Event(line.number);
				continue;
			}
			if (event == null) {
				continue;
			}
			if (upper.equals("END:VEVENT")) {
				event.emit(out);
				event = null;
				continue;
			}
			int colon = line.text.indexOf(':');
			if (colon < 0) {
				continue;
			}
			String head = line.text.substring(0, colon);
			String value = line.text.substring(colon + 1);
			String property = head.split(";", 2)[0].toUpperCase(Locale.ROOT);
			switch (property) {
				case "DTSTART" -> event.start = new Value(line.number, head, value);
				case "DTEND" -> event.end = new Value(line.number, head, value);
				case "SUMMARY" -> event.summary = unescape(value);
				default -> {
				}
			}
		}
		if (event != null) {
			out.error(event.line, "calendar.import.ics.unterminated", "VEVENT is not closed by END:VEVENT");
		}
		return out.result();
	}

	/** RFC 5545 §3.1: a line starting with a space or tab continues the previous one. */
	private static List<Line> unfold(String text) {
		String[] raw = text.split("\r\n|\n|\r", -1);
		List<Line> lines = new ArrayList<>();
		for (int i = 0; i < raw.length; i++) {
			String line = raw[i];
			if ((line.startsWith(" ") || line.startsWith("\t")) && !lines.isEmpty()) {
				Line last = lines.get(lines.size() - 1);
				lines.set(lines.size() - 1, new Line(last.number, last.text + line.substring(1)));
			}
			else if (!line.isBlank()) {
				lines.add(new Line(i + 1, line.stripTrailing()));
			}
		}
		return lines;
	}

	private static String unescape(String value) {
		StringBuilder out = new StringBuilder();
		for (int i = 0; i < value.length(); i++) {
			char c = value.charAt(i);
			if (c == '\\' && i + 1 < value.length()) {
				char next = value.charAt(++i);
				out.append((next == 'n' || next == 'N') ? ' ' : next);
			}
			else {
				out.append(c);
			}
		}
		return out.toString().strip();
	}

	private static List<String> splitCsv(String line) {
		List<String> fields = new ArrayList<>();
		StringBuilder current = new StringBuilder();
		boolean quoted = false;
		for (int i = 0; i < line.length(); i++) {
			char c = line.charAt(i);
			if (quoted) {
				if (c == '"' && i + 1 < line.length() && line.charAt(i + 1) == '"') {
					current.append('"');
					i++;
				}
				else if (c == '"') {
					quoted = false;
				}
				else {
					current.append(c);
				}
			}
			else if (c == '"') {
				quoted = true;
			}
			else if (c == ',') {
				fields.add(current.toString());
				current.setLength(0);
			}
			else {
				current.append(c);
			}
		}
		fields.add(current.toString());
		return fields;
	}

	private static String stripBom(String text) {
		return (!text.isEmpty() && text.charAt(0) == '\uFEFF') ? text.substring(1) : text;
	}

	private static String blankToNull(String value) {
		return (value == null || value.isBlank()) ? null : value;
	}

	/** One day read from a file. */
	record Entry(int line, LocalDate date, DayType type, String name) {
	}

	/** Everything read: valid days in file order, errors, and lines skipped. */
	record Parsed(List<Entry> entries, List<LineError> errors) {

		int skipped() {
			return this.errors.size();
		}

	}

	private record Line(int number, String text) {
	}

	private record Value(int line, String head, String value) {
	}

	private static final class Event {

		private final int line;

		private Value start;

		private Value end;

		private String summary;

		Event(int line) {
			this.line = line;
		}

		void emit(Collector out) {
			if (this.start == null) {
				out.error(this.line, "calendar.import.ics.no-start", "VEVENT has no DTSTART");
				return;
			}
			LocalDate first = date(this.start, out);
			if (first == null) {
				return;
			}
			LocalDate until = first.plusDays(1);
			if (this.end != null) {
				until = date(this.end, out);
				if (until == null) {
					return;
				}
				if (!until.isAfter(first)) {
					out.error(this.end.line, "calendar.import.ics.end-before-start",
							"DTEND " + until + " is not after DTSTART " + first);
					return;
				}
			}
			if (first.plusDays(MAX_EVENT_DAYS).isBefore(until)) {
				out.error(this.line, "calendar.import.ics.too-long",
						"An event may span at most " + MAX_EVENT_DAYS + " days");
				return;
			}
			String name = (this.summary != null && !this.summary.isEmpty()) ? this.summary : "Holiday";
			// DTEND of an all-day event is exclusive (RFC 5545 §3.6.1)
			for (LocalDate day = first; day.isBefore(until); day = day.plusDays(1)) {
				out.day(this.line, day, DayType.HOLIDAY, name);
			}
		}

		private static LocalDate date(Value value, Collector out) {
			String text = value.value.strip();
			boolean dateOnly = value.head.toUpperCase(Locale.ROOT).contains("VALUE=DATE")
					&& !value.head.toUpperCase(Locale.ROOT).contains("VALUE=DATE-TIME");
			if (text.contains("T") || (!dateOnly && text.length() != 8)) {
				out.error(value.line, "calendar.import.ics.not-all-day",
						"Only all-day events (VALUE=DATE) can be imported, found '" + text + "'");
				return null;
			}
			try {
				return LocalDate.parse(text, BASIC_DATE);
			}
			catch (DateTimeParseException ex) {
				out.error(value.line, "calendar.import.bad-date", "'" + text + "' is not a date (yyyyMMdd)");
				return null;
			}
		}

	}

	private static final class Collector {

		private final List<Entry> entries = new ArrayList<>();

		private final Map<LocalDate, Integer> seen = new HashMap<>();

		private final List<LineError> errors = new ArrayList<>();

		void day(int line, LocalDate date, DayType type, String name) {
			Integer earlier = this.seen.putIfAbsent(date, line);
			if (earlier != null) {
				error(line, "calendar.import.duplicate-date", date + " is already given on line " + earlier);
				return;
			}
			this.entries.add(new Entry(line, date, type, name));
		}

		void error(int line, String code, String message) {
			this.errors.add(new LineError(line, code, message));
		}

		Parsed result() {
			return new Parsed(List.copyOf(this.entries), List.copyOf(this.errors));
		}

	}

}
