package io.tianshu.event.convergence;

import java.time.DateTimeException;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

import io.tianshu.platform.BusinessCalendar;
import io.tianshu.platform.Calendars;
import io.tianshu.platform.CalendarKind;
import io.tianshu.platform.FieldViolation;

import org.springframework.scheduling.support.CronExpression;

/**
 * When a maintenance window (维护窗口) is active, in {@code zone} (default
 * {@code Asia/Shanghai}). Either weekly: on {@code days} (all days when empty) from
 * {@code from} to {@code to} ({@code HH:mm}; both absent: the whole day; {@code to} not
 * after {@code from}: until that time the next day) — or {@code cron} (Spring's six
 * fields, {@code sec min hour day month weekday}) starting windows of {@code duration}.
 * Optionally only on days of a calendar ({@code calendarDays}: {@code TRADING},
 * {@code NON_TRADING} of a trading calendar, default {@code CN-A}; {@code WORKDAY},
 * {@code NON_WORKDAY}, {@code HOLIDAY} of a business calendar, default {@code CN-WORK}),
 * judged by the day a window starts.
 */
public record WindowSchedule(String zone, List<DayOfWeek> days, String from, String to, String cron, String duration,
		String calendar, CalendarDays calendarDays) {

	public WindowSchedule {
		days = (days != null) ? List.copyOf(days) : List.of();
	}

	public enum CalendarDays {

		TRADING, NON_TRADING, WORKDAY, NON_WORKDAY, HOLIDAY

	}

	ZoneId zoneId() {
		return ZoneId.of((this.zone != null && !this.zone.isBlank()) ? this.zone : "Asia/Shanghai");
	}

	String calendarCode() {
		if (this.calendarDays == null) {
			return null;
		}
		if (this.calendar != null && !this.calendar.isBlank()) {
			return this.calendar;
		}
		return (this.calendarDays == CalendarDays.TRADING || this.calendarDays == CalendarDays.NON_TRADING)
				? Calendars.CN_A : Calendars.CN_WORK;
	}

	/** Violations of this schedule, field names under {@code prefix}. */
	void check(String prefix, Function<String, Optional<BusinessCalendar>> calendars, List<FieldViolation> errors) {
		try {
			zoneId();
		}
		catch (DateTimeException ex) {
			errors.add(new FieldViolation(prefix + ".zone", "event.schedule.zone-invalid", "Unknown time zone"));
		}
		boolean cronMode = this.cron != null && !this.cron.isBlank();
		if (cronMode) {
			if (this.from != null || this.to != null || !this.days.isEmpty()) {
				errors.add(new FieldViolation(prefix + ".cron", "event.schedule.ambiguous",
						"Either cron and duration, or days and from/to"));
			}
			try {
				CronExpression.parse(this.cron.strip());
			}
			catch (IllegalArgumentException ex) {
				errors.add(new FieldViolation(prefix + ".cron", "event.schedule.cron-invalid",
						"Not a cron expression (sec min hour day month weekday): " + ex.getMessage()));
			}
			Duration d = Durations.parse(this.duration);
			if (d == null || d.isZero() || d.compareTo(Duration.ofDays(7)) > 0) {
				errors.add(new FieldViolation(prefix + ".duration", "event.schedule.duration-invalid",
						"A duration of at most 7d (such as 2h)"));
			}
		}
		else {
			if ((this.from == null) != (this.to == null)) {
				errors.add(new FieldViolation(prefix + ".to", "event.schedule.range-incomplete",
						"Give both from and to, or neither (the whole day)"));
			}
			for (String[] t : new String[][] { { "from", this.from }, { "to", this.to } }) {
				if (t[1] != null && time(t[1]) == null) {
					errors.add(new FieldViolation(prefix + "." + t[0], "event.schedule.time-invalid",
							"A time of day HH:mm (to may be 24:00)"));
				}
			}
		}
		String code = calendarCode();
		if (code != null) {
			Optional<BusinessCalendar> c = calendars.apply(code);
			if (c.isEmpty()) {
				errors.add(new FieldViolation(prefix + ".calendar", "event.schedule.calendar-unknown",
						"No such calendar: " + code));
			}
			else if ((this.calendarDays == CalendarDays.TRADING || this.calendarDays == CalendarDays.NON_TRADING)
					&& c.get().kind() != CalendarKind.TRADING) {
				errors.add(new FieldViolation(prefix + ".calendar", "event.schedule.calendar-not-trading",
						"Trading days need a trading calendar such as CN-A"));
			}
		}
	}

	/** Whether a window of this schedule is in progress at the instant. */
	boolean activeAt(Instant now, Function<String, Optional<BusinessCalendar>> calendars) {
		ZoneId z = zoneId();
		BusinessCalendar cal = (calendarCode() != null) ? calendars.apply(calendarCode()).orElse(null) : null;
		if (calendarCode() != null && cal == null) {
			return false;
		}
		if (this.cron != null && !this.cron.isBlank()) {
			Duration d = Durations.parse(this.duration);
			ZonedDateTime start = CronExpression.parse(this.cron.strip()).next(now.minus(d).atZone(z));
			for (int i = 0; i < 1000 && start != null && !start.toInstant().isAfter(now); i++) {
				if (dayAllowed(start.toLocalDate(), cal)) {
					return true;
				}
				start = CronExpression.parse(this.cron.strip()).next(start);
			}
			return false;
		}
		LocalDate today = now.atZone(z).toLocalDate();
		for (LocalDate day : List.of(today, today.minusDays(1))) {
			if (!this.days.isEmpty() && !this.days.contains(day.getDayOfWeek())) {
				continue;
			}
			if (!dayAllowed(day, cal)) {
				continue;
			}
			LocalTime f = (this.from != null) ? time(this.from) : LocalTime.MIDNIGHT;
			LocalTime t = (this.to != null) ? time(this.to) : LocalTime.MIDNIGHT;
			Instant start = day.atTime(f).atZone(z).toInstant();
			Instant end = (t.isAfter(f) ? day : day.plusDays(1)).atTime(t).atZone(z).toInstant();
			if (!now.isBefore(start) && now.isBefore(end)) {
				return true;
			}
		}
		return false;
	}

	private boolean dayAllowed(LocalDate day, BusinessCalendar cal) {
		if (this.calendarDays == null || cal == null) {
			return true;
		}
		return switch (this.calendarDays) {
			case TRADING -> cal.isTradingDay(day);
			case NON_TRADING -> !cal.isTradingDay(day);
			case WORKDAY -> cal.isWorkday(day);
			case NON_WORKDAY -> !cal.isWorkday(day);
			case HOLIDAY -> cal.isHoliday(day);
		};
	}

	private static LocalTime time(String text) {
		String t = text.strip();
		if ("24:00".equals(t)) {
			return LocalTime.MIDNIGHT;
		}
		try {
			return LocalTime.parse(t);
		}
		catch (DateTimeParseException ex) {
			return null;
		}
	}

}
