package io.tianshu.event.convergence;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import io.tianshu.platform.BusinessCalendar;
import io.tianshu.platform.CalendarKind;
import io.tianshu.platform.FieldViolation;
import io.tianshu.platform.TradingSession;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class WindowScheduleTests {

	private static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");

	private static Instant at(String local) {
		return java.time.LocalDateTime.parse(local).atZone(SHANGHAI).toInstant();
	}

	private static Optional<BusinessCalendar> none(String code) {
		return Optional.empty();
	}

	@Test
	void weeklyWindowCrossingMidnightBelongsToTheDayItStarts() {
		// 2025-06-07 is a Saturday
		WindowSchedule s = new WindowSchedule(null, List.of(DayOfWeek.SATURDAY), "22:00", "02:00", null, null, null,
				null);
		assertThat(s.activeAt(at("2025-06-07T23:00"), WindowScheduleTests::none)).isTrue();
		assertThat(s.activeAt(at("2025-06-08T01:59"), WindowScheduleTests::none)).isTrue();
		assertThat(s.activeAt(at("2025-06-08T02:00"), WindowScheduleTests::none)).isFalse();
		assertThat(s.activeAt(at("2025-06-08T23:00"), WindowScheduleTests::none)).isFalse();
		assertThat(s.activeAt(at("2025-06-07T21:59"), WindowScheduleTests::none)).isFalse();
	}

	@Test
	void cronStartsWindowsOfADuration() {
		WindowSchedule s = new WindowSchedule("Asia/Shanghai", null, null, null, "0 0 2 * * SUN", "3h", null, null);
		assertThat(s.activeAt(at("2025-06-08T02:00"), WindowScheduleTests::none)).isTrue();
		assertThat(s.activeAt(at("2025-06-08T04:59"), WindowScheduleTests::none)).isTrue();
		assertThat(s.activeAt(at("2025-06-08T05:00"), WindowScheduleTests::none)).isFalse();
		assertThat(s.activeAt(at("2025-06-09T03:00"), WindowScheduleTests::none)).isFalse();
	}

	@Test
	void nonTradingDaysOfATradingCalendar() {
		BusinessCalendar cn = BusinessCalendar.builder("CN-A", CalendarKind.TRADING, SHANGHAI)
			.session(new TradingSession("am", java.time.LocalTime.of(9, 30), java.time.LocalTime.of(11, 30)))
			.holiday(LocalDate.of(2025, 6, 2), "端午节")
			.build();
		WindowSchedule s = new WindowSchedule(null, null, null, null, null, null, null,
				WindowSchedule.CalendarDays.NON_TRADING);
		assertThat(s.activeAt(at("2025-06-02T10:00"), (c) -> Optional.of(cn))).isTrue();
		assertThat(s.activeAt(at("2025-06-07T10:00"), (c) -> Optional.of(cn))).isTrue();
		assertThat(s.activeAt(at("2025-06-03T10:00"), (c) -> Optional.of(cn))).isFalse();
	}

	@Test
	void invalidSchedulesAreReported() {
		List<FieldViolation> errors = new ArrayList<>();
		new WindowSchedule("Mars/Base", null, "09:00", null, null, null, null, null).check("schedule",
				WindowScheduleTests::none, errors);
		new WindowSchedule(null, null, null, null, "not cron", "0s", null, null).check("schedule",
				WindowScheduleTests::none, errors);
		new WindowSchedule(null, null, null, null, null, null, null, WindowSchedule.CalendarDays.TRADING)
			.check("schedule", WindowScheduleTests::none, errors);
		assertThat(errors).extracting(FieldViolation::code)
			.contains("event.schedule.zone-invalid", "event.schedule.range-incomplete", "event.schedule.cron-invalid",
					"event.schedule.duration-invalid", "event.schedule.calendar-unknown");
	}

}
