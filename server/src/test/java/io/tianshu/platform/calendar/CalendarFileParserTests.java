package io.tianshu.platform.calendar;

import java.time.LocalDate;

import io.tianshu.platform.CalendarImportResult.LineError;
import io.tianshu.platform.calendar.CalendarFileParser.Entry;
import io.tianshu.platform.calendar.CalendarFileParser.Parsed;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

class CalendarFileParserTests {

	@Test
	void readsCsvWithHeaderCommentsBomAndQuotes() {
		Parsed parsed = CalendarFileParser.parse("days.csv", "\uFEFFdate,type,name\r\n# a comment\r\n\r\n"
				+ "2027-01-01,HOLIDAY,元旦\r\n2027-02-06,workday,\r\n2027-03-01,CLOSURE,\"Typhoon, SSE\"\r\n");
		assertThat(parsed.errors()).isEmpty();
		assertThat(parsed.entries()).extracting(Entry::line, Entry::date, Entry::type, Entry::name)
			.containsExactly(tuple(4, LocalDate.of(2027, 1, 1), DayType.HOLIDAY, "元旦"),
					tuple(5, LocalDate.of(2027, 2, 6), DayType.WORKDAY, null),
					tuple(6, LocalDate.of(2027, 3, 1), DayType.CLOSURE, "Typhoon, SSE"));
	}

	@Test
	void reportsBadCsvLinesAndKeepsTheRest() {
		Parsed parsed = CalendarFileParser.parse("days.csv", """
				2027-01-01,HOLIDAY,元旦
				2027-13-01,HOLIDAY,bad month
				2027-01-02,VACATION,x
				2027-01-03
				2027-01-04,HOLIDAY,a,b
				2027-01-01,WORKDAY,again
				2027-01-05,HOLIDAY
				""");
		assertThat(parsed.entries()).extracting(Entry::date)
			.containsExactly(LocalDate.of(2027, 1, 1), LocalDate.of(2027, 1, 5));
		assertThat(parsed.entries().get(1).name()).isEqualTo("Holiday");
		assertThat(parsed.errors()).extracting(LineError::line, LineError::code)
			.containsExactly(tuple(2, "calendar.import.bad-date"), tuple(3, "calendar.import.bad-type"),
					tuple(4, "calendar.import.bad-columns"), tuple(5, "calendar.import.bad-columns"),
					tuple(6, "calendar.import.duplicate-date"));
		assertThat(parsed.skipped()).isEqualTo(5);
	}

	@Test
	void readsIcsAllDayEventsWithFoldedLines() {
		String ics = String.join("\r\n", "BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//test//EN", "BEGIN:VEVENT",
				"UID:1", "DTSTART;VALUE=DATE:20271001", "DTEND;VALUE=DATE:20271008", "SUMMARY:国庆", " 节\\, 中秋",
				"END:VEVENT", "BEGIN:VEVENT", "DTSTART;VALUE=DATE:20270101", "SUMMARY:New Year", "END:VEVENT",
				"END:VCALENDAR", "");
		Parsed parsed = CalendarFileParser.parse("china.ics", ics);
		assertThat(parsed.errors()).isEmpty();
		assertThat(parsed.entries()).hasSize(8);
		assertThat(parsed.entries()).allSatisfy((e) -> assertThat(e.type()).isEqualTo(DayType.HOLIDAY));
		assertThat(parsed.entries().get(0).date()).isEqualTo(LocalDate.of(2027, 10, 1));
		assertThat(parsed.entries().get(6).date()).isEqualTo(LocalDate.of(2027, 10, 7));
		assertThat(parsed.entries().get(0).name()).isEqualTo("国庆节, 中秋");
		assertThat(parsed.entries().get(7)).extracting(Entry::date, Entry::name)
			.containsExactly(LocalDate.of(2027, 1, 1), "New Year");
	}

	@Test
	void detectsIcsByContentAndReportsBadEvents() {
		String ics = String.join("\n", "BEGIN:VCALENDAR", "BEGIN:VEVENT", "DTSTART:20270101T090000Z", "SUMMARY:meeting",
				"END:VEVENT", "BEGIN:VEVENT", "DTSTART;VALUE=DATE:20270105", "DTEND;VALUE=DATE:20270104", "END:VEVENT",
				"BEGIN:VEVENT", "SUMMARY:no start", "END:VEVENT", "BEGIN:VEVENT", "DTSTART;VALUE=DATE:2027xx01",
				"END:VEVENT", "BEGIN:VEVENT", "DTSTART;VALUE=DATE:20270201", "END:VEVENT", "BEGIN:VEVENT",
				"DTSTART;VALUE=DATE:20270301", "END:VCALENDAR");
		Parsed parsed = CalendarFileParser.parse("upload.txt", ics);
		assertThat(parsed.entries()).extracting(Entry::date).containsExactly(LocalDate.of(2027, 2, 1));
		assertThat(parsed.errors()).extracting(LineError::line, LineError::code)
			.containsExactly(tuple(3, "calendar.import.ics.not-all-day"),
					tuple(8, "calendar.import.ics.end-before-start"), tuple(10, "calendar.import.ics.no-start"),
					tuple(14, "calendar.import.bad-date"), tuple(19, "calendar.import.ics.unterminated"));
	}

}
