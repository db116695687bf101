package io.tianshu.platform;

import java.time.LocalDate;
import java.util.List;

/**
 * One date as a calendar sees it.
 *
 * @param date the date
 * @param workday a working day: a regular working weekday that is not a holiday, or a
 * make-up workday
 * @param holiday a public holiday (or an exchange closure on a trading calendar)
 * @param holidayName its name, {@code null} when not a holiday
 * @param makeUpWorkday a weekend day turned into a working day (调休上班)
 * @param tradingDay a trading day (always {@code false} on non-trading calendars)
 * @param sessions the trading sessions of that day, empty unless a trading day
 */
public record CalendarDay(LocalDate date, boolean workday, boolean holiday, String holidayName, boolean makeUpWorkday,
		boolean tradingDay, List<TradingSession> sessions) {
}
