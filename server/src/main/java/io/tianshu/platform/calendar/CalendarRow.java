package io.tianshu.platform.calendar;

import java.time.DayOfWeek;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.tianshu.platform.BusinessCalendar.Period;
import io.tianshu.platform.CalendarKind;
import io.tianshu.platform.CalendarSummary;
import io.tianshu.platform.TradingSession;

/**
 * A stored calendar.
 */
record CalendarRow(UUID id, String code, String name, CalendarKind kind, String timeZone, boolean builtIn,
		String source, UUID holidayCalendarId, Map<DayOfWeek, List<Period>> weeklyHours, List<TradingSession> sessions,
		Instant updatedAt) {

	CalendarSummary summary() {
		return new CalendarSummary(this.id, this.code, this.name, this.kind, this.timeZone, this.builtIn, this.source);
	}

}
