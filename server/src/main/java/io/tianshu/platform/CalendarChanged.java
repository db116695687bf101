package io.tianshu.platform;

import java.util.UUID;

/**
 * A calendar's days changed (import or built-in refresh). Holders of a
 * {@link BusinessCalendar} snapshot, such as Quartz calendars registered with the
 * scheduler, should take a fresh one. Calendars that link this calendar as their holiday
 * set change too and are announced separately.
 *
 * @param calendarId the calendar
 * @param code its code
 */
public record CalendarChanged(UUID calendarId, String code) {
}
