package io.tianshu.platform.calendar;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.util.List;

import io.tianshu.platform.BusinessCalendar;
import io.tianshu.platform.Calendars;
import io.tianshu.platform.calendar.CalendarFileParser.Entry;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Pins facts of the State Council General Office notices (国务院办公厅关于…部分节假日安排的通知) for 2024,
 * 2025 and 2026 against the shipped data.
 */
class ChinaHolidayDataTests {

	private final BusinessCalendar china = BuiltInCalendars.snapshot(Calendars.CN_HOLIDAYS);

	private static LocalDate d(String date) {
		return LocalDate.parse(date);
	}

	private void assertHolidays(String from, String to, String name) {
		for (LocalDate day = d(from); !day.isAfter(d(to)); day = day.plusDays(1)) {
			assertThat(this.china.isHoliday(day)).as(day.toString()).isTrue();
			assertThat(this.china.holidayName(day)).as(day.toString()).contains(name);
			assertThat(this.china.isWorkday(day)).as(day.toString()).isFalse();
		}
		assertThat(this.china.isHoliday(d(from).minusDays(1))).as("day before " + from).isFalse();
		assertThat(this.china.isHoliday(d(to).plusDays(1))).as("day after " + to).isFalse();
	}

	private void assertMakeUp(String... days) {
		for (String day : days) {
			assertThat(this.china.isMakeUpWorkday(d(day))).as(day).isTrue();
			assertThat(this.china.isWorkday(d(day))).as(day).isTrue();
		}
	}

	@Test
	void year2024() {
		assertHolidays("2024-01-01", "2024-01-01", "元旦");
		assertHolidays("2024-02-10", "2024-02-17", "春节");
		assertMakeUp("2024-02-04", "2024-02-18");
		assertHolidays("2024-04-04", "2024-04-06", "清明节");
		assertMakeUp("2024-04-07");
		assertHolidays("2024-05-01", "2024-05-05", "劳动节");
		assertMakeUp("2024-04-28", "2024-05-11");
		assertHolidays("2024-06-10", "2024-06-10", "端午节");
		assertHolidays("2024-09-15", "2024-09-17", "中秋节");
		assertMakeUp("2024-09-14");
		assertHolidays("2024-10-01", "2024-10-07", "国庆节");
		assertMakeUp("2024-09-29", "2024-10-12");
		// 除夕 2024-02-09 was only "encouraged" off, not a holiday
		assertThat(this.china.isWorkday(d("2024-02-09"))).isTrue();
	}

	@Test
	void year2025() {
		assertHolidays("2025-01-01", "2025-01-01", "元旦");
		assertHolidays("2025-01-28", "2025-02-04", "春节");
		assertMakeUp("2025-01-26", "2025-02-08");
		assertHolidays("2025-04-04", "2025-04-06", "清明节");
		assertHolidays("2025-05-01", "2025-05-05", "劳动节");
		assertMakeUp("2025-04-27");
		assertHolidays("2025-05-31", "2025-06-02", "端午节");
		assertHolidays("2025-10-01", "2025-10-08", "国庆节、中秋节");
		assertMakeUp("2025-09-28", "2025-10-11");
	}

	@Test
	void year2026() {
		assertHolidays("2026-01-01", "2026-01-03", "元旦");
		assertMakeUp("2026-01-04");
		assertHolidays("2026-02-15", "2026-02-23", "春节");
		assertMakeUp("2026-02-14", "2026-02-28");
		assertHolidays("2026-04-04", "2026-04-06", "清明节");
		assertHolidays("2026-05-01", "2026-05-05", "劳动节");
		assertMakeUp("2026-05-09");
		assertHolidays("2026-06-19", "2026-06-21", "端午节");
		assertHolidays("2026-09-25", "2026-09-27", "中秋节");
		assertHolidays("2026-10-01", "2026-10-07", "国庆节");
		assertMakeUp("2026-09-20", "2026-10-10");
	}

	@Test
	void everyMakeUpWorkdayIsAWeekendDay() {
		List<Entry> workdays = BuiltInCalendars.chinaHolidays()
			.entries()
			.stream()
			.filter((e) -> e.type() == DayType.WORKDAY)
			.toList();
		assertThat(workdays).hasSize(19);
		assertThat(workdays)
			.allSatisfy((e) -> assertThat(e.date().getDayOfWeek()).isIn(DayOfWeek.SATURDAY, DayOfWeek.SUNDAY));
	}

	@Test
	void yearsWithoutDataHaveOnlyWeekends() {
		assertThat(this.china.isWorkday(d("2023-10-02"))).isTrue();
		assertThat(this.china.isWorkday(d("2027-10-04"))).isTrue();
		assertThat(this.china.isWorkday(d("2027-10-02"))).isFalse();
	}

}
