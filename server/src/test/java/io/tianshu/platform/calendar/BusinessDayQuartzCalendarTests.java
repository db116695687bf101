package io.tianshu.platform.calendar;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.Date;
import java.util.List;

import io.tianshu.platform.BusinessDayQuartzCalendar;
import io.tianshu.platform.Calendars;
import org.junit.jupiter.api.Test;
import org.quartz.CronScheduleBuilder;
import org.quartz.TriggerBuilder;
import org.quartz.TriggerUtils;
import org.quartz.spi.OperableTrigger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class BusinessDayQuartzCalendarTests {

	private static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");

	private final BusinessDayQuartzCalendar trading = BusinessDayQuartzCalendar
		.tradingDays(BuiltInCalendars.snapshot(Calendars.CN_A));

	private static long at(String localDateTime) {
		return LocalDateTime.parse(localDateTime).atZone(SHANGHAI).toInstant().toEpochMilli();
	}

	@Test
	void includesTradingDaysOnly() {
		assertThat(this.trading.isTimeIncluded(at("2025-09-30T08:00"))).isTrue();
		assertThat(this.trading.isTimeIncluded(at("2025-10-03T08:00"))).isFalse();
		// Sunday make-up workday: a workday, not a trading day
		assertThat(this.trading.isTimeIncluded(at("2025-09-28T08:00"))).isFalse();
	}

	@Test
	void nextIncludedTimeSkipsToTheNextTradingDay() {
		assertThat(this.trading.getNextIncludedTime(at("2025-09-30T08:00"))).isEqualTo(at("2025-09-30T08:00"));
		assertThat(this.trading.getNextIncludedTime(at("2025-10-01T08:00"))).isEqualTo(at("2025-10-09T00:00"));
	}

	@Test
	void workdaysIncludeMakeUpWorkdays() {
		BusinessDayQuartzCalendar workdays = BusinessDayQuartzCalendar
			.workdays(BuiltInCalendars.snapshot(Calendars.CN_WORK));
		assertThat(workdays.isTimeIncluded(at("2025-09-28T08:00"))).isTrue();
		assertThat(workdays.getNextIncludedTime(at("2025-10-04T12:00"))).isEqualTo(at("2025-10-09T00:00"));
		assertThatIllegalArgumentException()
			.isThrownBy(() -> BusinessDayQuartzCalendar.tradingDays(BuiltInCalendars.snapshot(Calendars.CN_WORK)));
	}

	@Test
	void aDailyCronTriggerFiresOnTradingDaysOnly() {
		OperableTrigger trigger = (OperableTrigger) TriggerBuilder.newTrigger()
			.withIdentity("close")
			.startAt(new Date(at("2025-09-25T00:00")))
			.withSchedule(CronScheduleBuilder.cronSchedule("0 5 15 * * ?")
				.inTimeZone(java.util.TimeZone.getTimeZone(SHANGHAI)))
			.build();
		List<Date> fires = TriggerUtils.computeFireTimes(trigger, this.trading, 5);
		assertThat(fires).extracting(Date::getTime)
			.containsExactly(at("2025-09-25T15:05"), at("2025-09-26T15:05"), at("2025-09-29T15:05"),
					at("2025-09-30T15:05"), at("2025-10-09T15:05"));
	}

	@Test
	void survivesSerialisationForTheJobStore() throws Exception {
		ByteArrayOutputStream bytes = new ByteArrayOutputStream();
		try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
			out.writeObject(this.trading);
		}
		try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
			BusinessDayQuartzCalendar copy = (BusinessDayQuartzCalendar) in.readObject();
			assertThat(copy.isTimeIncluded(at("2025-10-03T08:00"))).isFalse();
			assertThat(copy.isTimeIncluded(at("2025-10-09T08:00"))).isTrue();
		}
	}

}
