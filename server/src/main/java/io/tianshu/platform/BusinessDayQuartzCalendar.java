package io.tianshu.platform;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZonedDateTime;
import java.util.Objects;
import java.util.TimeZone;

import org.quartz.impl.calendar.BaseCalendar;

/**
 * A Quartz {@link org.quartz.Calendar} that includes only the trading days (or only the
 * workdays) of a {@link BusinessCalendar}, so a trigger fires on those days alone: <pre>
 * scheduler.addCalendar("cn-a-trading", BusinessDayQuartzCalendar.tradingDays(calendars.calendar("CN-A")), true, true);
 * trigger = newTrigger()...modifiedByCalendar("cn-a-trading")...
 * </pre> Whole days are included or excluded, in the calendar's own zone. The calendar is
 * a serialised snapshot in Quartz's job store: register it again (replace and update
 * triggers) on {@link CalendarChanged}.
 */
public final class BusinessDayQuartzCalendar extends BaseCalendar {

	private static final long serialVersionUID = 1L;

	private final BusinessCalendar calendar;

	private final boolean tradingDays;

	private BusinessDayQuartzCalendar(BusinessCalendar calendar, boolean tradingDays) {
		this.calendar = Objects.requireNonNull(calendar, "calendar");
		this.tradingDays = tradingDays;
		setTimeZone(TimeZone.getTimeZone(calendar.zone()));
		setDescription(calendar.code() + (tradingDays ? " trading days" : " workdays"));
	}

	/**
	 * Includes the trading days of a {@link CalendarKind#TRADING} calendar.
	 * @throws IllegalArgumentException for any other kind
	 */
	public static BusinessDayQuartzCalendar tradingDays(BusinessCalendar calendar) {
		if (calendar.kind() != CalendarKind.TRADING) {
			throw new IllegalArgumentException(calendar.code() + " is not a trading calendar");
		}
		return new BusinessDayQuartzCalendar(calendar, true);
	}

	/** Includes the workdays (make-up workdays too) of any calendar. */
	public static BusinessDayQuartzCalendar workdays(BusinessCalendar calendar) {
		return new BusinessDayQuartzCalendar(calendar, false);
	}

	/** The snapshot this Quartz calendar decides with. */
	public BusinessCalendar calendar() {
		return this.calendar;
	}

	@Override
	public boolean isTimeIncluded(long timeStamp) {
		return super.isTimeIncluded(timeStamp) && included(date(timeStamp));
	}

	/**
	 * {@code timeStamp} itself when its day is included (and the base calendar agrees),
	 * otherwise the start of the next included day.
	 */
	@Override
	public long getNextIncludedTime(long timeStamp) {
		long candidate = timeStamp;
		for (int i = 0; i < BusinessCalendar.SEARCH_LIMIT_DAYS; i++) {
			long base = super.getNextIncludedTime(candidate);
			if (base > candidate) {
				candidate = base;
			}
			LocalDate day = date(candidate);
			if (included(day) && super.isTimeIncluded(candidate)) {
				return candidate;
			}
			if (included(day)) {
				// the base calendar excluded this instant, try its next one
				candidate = candidate + 1;
				continue;
			}
			candidate = day.plusDays(1).atStartOfDay(this.calendar.zone()).toInstant().toEpochMilli();
		}
		throw new IllegalStateException("No included day within " + BusinessCalendar.SEARCH_LIMIT_DAYS + " days");
	}

	@Override
	public Object clone() {
		return super.clone();
	}

	private boolean included(LocalDate day) {
		return this.tradingDays ? this.calendar.isTradingDay(day) : this.calendar.isWorkday(day);
	}

	private LocalDate date(long timeStamp) {
		return ZonedDateTime.ofInstant(Instant.ofEpochMilli(timeStamp), this.calendar.zone()).toLocalDate();
	}

}
