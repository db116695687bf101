package io.tianshu.platform.calendar;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;

import io.tianshu.platform.BusinessCalendar;
import io.tianshu.platform.BusinessCalendar.Period;
import io.tianshu.platform.CalendarKind;
import io.tianshu.platform.Calendars;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/**
 * Business-time arithmetic on the built-in calendars, built from the shipped data without
 * Spring.
 */
class BusinessCalendarTests {

	private static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");

	private final BusinessCalendar work = BuiltInCalendars.snapshot(Calendars.CN_WORK);

	private final BusinessCalendar trading = BuiltInCalendars.snapshot(Calendars.CN_A);

	private final BusinessCalendar holidays = BuiltInCalendars.snapshot(Calendars.CN_HOLIDAYS);

	private static Instant at(String localDateTime) {
		return LocalDateTime.parse(localDateTime).atZone(SHANGHAI).toInstant();
	}

	private static LocalDate d(String date) {
		return LocalDate.parse(date);
	}

	@Test
	void addsWithinOneMorning() {
		assertThat(this.work.plusBusinessMinutes(at("2025-03-03T09:00"), 90)).isEqualTo(at("2025-03-03T10:30"));
	}

	@Test
	void skipsTheLunchBreak() {
		assertThat(this.work.plusBusinessMinutes(at("2025-09-29T11:30"), 60)).isEqualTo(at("2025-09-29T13:30"));
		// starting inside the lunch break counts from 13:00
		assertThat(this.work.plusBusinessMinutes(at("2025-09-29T12:15"), 30)).isEqualTo(at("2025-09-29T13:30"));
	}

	@Test
	void endsAtTheEndOfTheDayWhenTimeRunsOutExactly() {
		assertThat(this.work.plusBusinessMinutes(at("2025-03-03T17:00"), 60)).isEqualTo(at("2025-03-03T18:00"));
		assertThat(this.work.plusBusinessMinutes(at("2025-03-03T17:00"), 61)).isEqualTo(at("2025-03-04T09:01"));
	}

	@Test
	void skipsNightsAndWeekends() {
		assertThat(this.work.plusBusinessMinutes(at("2025-03-07T17:30"), 60)).isEqualTo(at("2025-03-10T09:30"));
		assertThat(this.work.plusBusinessMinutes(at("2025-03-08T23:00"), 1)).isEqualTo(at("2025-03-10T09:01"));
		assertThat(this.work.plusBusinessMinutes(at("2025-03-04T06:00"), 1)).isEqualTo(at("2025-03-04T09:01"));
	}

	@Test
	void countsMakeUpWorkdaysOnWeekends() {
		// Friday 2025-09-26 17:00: one hour that day, Saturday off, Sunday 09-28 is a 调休
		// workday
		assertThat(this.work.plusBusinessMinutes(at("2025-09-26T17:00"), 120)).isEqualTo(at("2025-09-28T10:00"));
		assertThat(this.work.businessMinutesBetween(at("2025-09-26T17:00"), at("2025-09-28T10:00"))).isEqualTo(120);
	}

	@Test
	void skipsNationalDay2025() {
		// 10-01..10-08 off, Thursday 10-09 is the first workday after
		assertThat(this.work.plusBusinessMinutes(at("2025-09-30T17:00"), 120)).isEqualTo(at("2025-10-09T10:00"));
		assertThat(this.work.between(at("2025-09-30T18:00"), at("2025-10-09T09:00"))).isZero();
	}

	@Test
	void skipsSpringFestival2024() {
		// 2024-02-10..17 off, Sunday 02-18 is a make-up workday
		assertThat(this.work.plusBusinessMinutes(at("2024-02-09T17:00"), 120)).isEqualTo(at("2024-02-18T10:00"));
	}

	@Test
	void jumpsWholeWeeks() {
		// 5 days × 8 hours, no holiday in the week of 2025-03-03
		assertThat(this.work.plusBusinessMinutes(at("2025-03-03T09:00"), 5 * 8 * 60)).isEqualTo(at("2025-03-07T18:00"));
		assertThat(this.work.between(at("2025-03-03T00:00"), at("2025-03-10T00:00"))).isEqualTo(Duration.ofHours(40));
		// a year of business time takes no noticeable time and lands on a workday
		Instant later = this.work.plusBusinessMinutes(at("2025-01-02T09:00"), 250L * 8 * 60);
		assertThat(this.work.isWorkday(later.atZone(SHANGHAI).toLocalDate())).isTrue();
	}

	@Test
	void betweenIsNegativeBackwards() {
		assertThat(this.work.between(at("2025-03-03T11:00"), at("2025-03-03T10:00"))).isEqualTo(Duration.ofHours(-1));
		assertThat(this.work.between(at("2025-03-03T11:30"), at("2025-03-03T13:30"))).isEqualTo(Duration.ofMinutes(60));
	}

	@Test
	void zeroAddsNothingAndNegativeIsRejected() {
		assertThat(this.work.plusBusinessMinutes(at("2025-03-08T23:00"), 0)).isEqualTo(at("2025-03-08T23:00"));
		assertThatIllegalArgumentException()
			.isThrownBy(() -> this.work.plus(at("2025-03-03T09:00"), Duration.ofMinutes(-1)));
	}

	@Test
	void aCalendarWithoutHoursGivesUp() {
		BusinessCalendar empty = BusinessCalendar.builder("EMPTY", CalendarKind.BUSINESS_HOURS, SHANGHAI).build();
		assertThatIllegalStateException().isThrownBy(() -> empty.plusBusinessMinutes(at("2025-03-03T09:00"), 1));
	}

	@Test
	void mergesOverlappingPeriodsAndSupportsCustomWeeks() {
		BusinessCalendar shifts = BusinessCalendar.builder("SHIFTS", CalendarKind.BUSINESS_HOURS, SHANGHAI)
			.hours(DayOfWeek.SATURDAY,
					List.of(new Period(LocalTime.of(8, 0), LocalTime.of(12, 0)),
							new Period(LocalTime.of(10, 0), LocalTime.of(14, 0)),
							new Period(LocalTime.of(22, 0), LocalTime.MIDNIGHT)))
			.build();
		assertThat(shifts.weeklyHours(DayOfWeek.SATURDAY)).containsExactly(
				new Period(LocalTime.of(8, 0), LocalTime.of(14, 0)),
				new Period(LocalTime.of(22, 0), LocalTime.MIDNIGHT));
		assertThat(shifts.between(at("2025-03-08T00:00"), at("2025-03-09T00:00"))).isEqualTo(Duration.ofHours(8));
		assertThat(shifts.plusBusinessMinutes(at("2025-03-08T13:00"), 120)).isEqualTo(at("2025-03-08T23:00"));
	}

	@Test
	void holidaySetCountsWholeWorkdays() {
		assertThat(this.holidays.isWorkday(d("2025-09-28"))).isTrue();
		assertThat(this.holidays.isWorkday(d("2025-10-03"))).isFalse();
		assertThat(this.holidays.between(at("2025-09-27T00:00"), at("2025-09-30T00:00")))
			.isEqualTo(Duration.ofHours(48));
	}

	@Test
	void makeUpWorkdaysAreNeverTradingDays() {
		for (String day : List.of("2025-09-28", "2025-10-11", "2025-01-26", "2025-02-08", "2024-02-04", "2024-02-18",
				"2026-02-14", "2026-02-28")) {
			assertThat(this.trading.isWorkday(d(day))).as(day).isTrue();
			assertThat(this.trading.isMakeUpWorkday(d(day))).as(day).isTrue();
			assertThat(this.trading.isTradingDay(d(day))).as(day).isFalse();
		}
	}

	@Test
	void nextAndPreviousTradingDayAroundNationalDay() {
		assertThat(this.trading.nextTradingDay(d("2025-09-30"))).isEqualTo(d("2025-10-09"));
		assertThat(this.trading.previousTradingDay(d("2025-10-09"))).isEqualTo(d("2025-09-30"));
		// the Saturday make-up workday 10-11 is skipped
		assertThat(this.trading.nextTradingDay(d("2025-10-10"))).isEqualTo(d("2025-10-13"));
	}

	@Test
	void nextAndPreviousTradingDayAroundSpringFestival() {
		assertThat(this.trading.nextTradingDay(d("2025-01-27"))).isEqualTo(d("2025-02-05"));
		assertThat(this.trading.previousTradingDay(d("2025-02-05"))).isEqualTo(d("2025-01-27"));
		// 2024: 除夕 02-09 was a workday but an exchange closure (SSE/SZSE notices of
		// 2023-12-26)
		assertThat(this.trading.isWorkday(d("2024-02-09"))).isTrue();
		assertThat(this.trading.isTradingDay(d("2024-02-09"))).isFalse();
		assertThat(this.trading.nextTradingDay(d("2024-02-08"))).isEqualTo(d("2024-02-19"));
		assertThat(this.trading.nextTradingDay(d("2026-02-13"))).isEqualTo(d("2026-02-24"));
		assertThat(this.trading.previousTradingDay(d("2026-02-24"))).isEqualTo(d("2026-02-13"));
	}

	@Test
	void knowsTheSessions() {
		assertThat(this.trading.sessionAt(at("2025-10-09T09:15")).orElseThrow().name()).isEqualTo("call-auction");
		assertThat(this.trading.sessionAt(at("2025-10-09T09:27"))).isEmpty();
		assertThat(this.trading.sessionAt(at("2025-10-09T09:30")).orElseThrow().name()).isEqualTo("continuous-morning");
		assertThat(this.trading.isInSession(at("2025-10-09T11:30"))).isFalse();
		assertThat(this.trading.isInSession(at("2025-10-09T12:00"))).isFalse();
		assertThat(this.trading.sessionAt(at("2025-10-09T14:59:59")).orElseThrow().name())
			.isEqualTo("continuous-afternoon");
		assertThat(this.trading.isInSession(at("2025-10-09T15:00"))).isFalse();
		assertThat(this.trading.isInSession(at("2025-10-08T10:00"))).isFalse();
		assertThat(this.trading.isInSession(at("2025-09-28T10:00"))).isFalse();
		assertThat(this.trading.isInSession(at("2025-10-11T10:00"))).isFalse();
		assertThat(this.trading.sessions(d("2025-10-09"))).hasSize(3);
		assertThat(this.trading.sessions(d("2025-10-08"))).isEmpty();
	}

	@Test
	void tradingMinutesAreSessionMinutes() {
		// 10 + 120 + 120 minutes on each of the trading days 09-30 and 10-09
		assertThat(this.trading.businessMinutesBetween(at("2025-09-30T00:00"), at("2025-10-10T00:00"))).isEqualTo(500);
		assertThat(this.trading.plusBusinessMinutes(at("2025-09-30T14:30"), 40)).isEqualTo(at("2025-10-09T09:25"));
	}

	@Test
	void dayViewOfAHoliday() {
		var day = this.trading.day(d("2025-10-01"));
		assertThat(day.holiday()).isTrue();
		assertThat(day.holidayName()).isEqualTo("国庆节、中秋节");
		assertThat(day.workday()).isFalse();
		assertThat(day.tradingDay()).isFalse();
		assertThat(day.sessions()).isEmpty();
	}

	@Test
	void closuresStopTradingButNotWork() {
		BusinessCalendar market = BusinessCalendar.builder("M", CalendarKind.TRADING, SHANGHAI)
			.sessions(BuiltInCalendars.CN_A_SESSIONS)
			.closure(d("2025-03-05"), "Typhoon")
			.build();
		assertThat(market.isTradingDay(d("2025-03-05"))).isFalse();
		assertThat(market.isWorkday(d("2025-03-05"))).isTrue();
		assertThat(market.day(d("2025-03-05")).holidayName()).isEqualTo("Typhoon");
		assertThat(market.nextTradingDay(d("2025-03-04"))).isEqualTo(d("2025-03-06"));
	}

}
