package io.tianshu.platform;

import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

/**
 * Calendars (日历): business hours, holiday sets with make-up workdays, and trading days
 * and sessions. Built-in calendars are refreshed at every start: {@code CN-WORK}
 * (Monday–Friday 09:00–18:00 with a 12:00–13:00 lunch break, mainland China holidays),
 * {@code CN-HOLIDAYS} and {@code CN-A} (SSE/SZSE A-share trading days and sessions).
 * <p>
 * For arithmetic take a {@link BusinessCalendar} snapshot with {@link #calendar} and call
 * its pure functions; a fresh snapshot is cheap once cached. Calendar contents are not
 * confidential, so snapshots need no permission: other modules compute SLAs and guard
 * decisions with them on behalf of any caller. Listing, viewing days and importing are
 * checked.
 */
public interface Calendars {

	/** Code of the built-in mainland China business-hours calendar. */
	String CN_WORK = "CN-WORK";

	/** Code of the built-in mainland China holiday set. */
	String CN_HOLIDAYS = "CN-HOLIDAYS";

	/** Code of the built-in SSE/SZSE A-share trading calendar. */
	String CN_A = "CN-A";

	/** Every calendar by code. Requires {@link PlatformPermissions#CALENDAR_READ}. */
	List<CalendarSummary> list();

	/**
	 * One calendar by id or code. Requires {@link PlatformPermissions#CALENDAR_READ}.
	 * @throws TianshuException {@code calendar.not-found} (404)
	 */
	CalendarSummary get(String idOrCode);

	/**
	 * The days {@code from}–{@code to} inclusive, at most 366 of them. Requires
	 * {@link PlatformPermissions#CALENDAR_READ}.
	 * @throws TianshuException {@code calendar.not-found} (404),
	 * {@code calendar.range.invalid} (422)
	 */
	List<CalendarDay> days(String idOrCode, LocalDate from, LocalDate to);

	/**
	 * A snapshot of the calendar with this code (or id) for business-time arithmetic,
	 * including the holidays of its linked holiday set. Needs no permission.
	 * @throws TianshuException {@code calendar.not-found} (404)
	 */
	BusinessCalendar calendar(String code);

	/** Like {@link #calendar} but empty when there is no such calendar. */
	Optional<BusinessCalendar> find(String code);

	/**
	 * Imports holidays, make-up workdays and closures from a CSV file
	 * ({@code date,type,name}, type {@code HOLIDAY|WORKDAY|CLOSURE}) or an iCalendar file
	 * (all-day VEVENTs become holidays). Valid lines are written even when others are
	 * rejected; imported days replace earlier ones of the same date. Requires
	 * {@link PlatformPermissions#CALENDAR_WRITE}; audited as
	 * {@code platform.calendar.imported}.
	 * @throws TianshuException {@code calendar.not-found} (404); 422 when the file is too
	 * large, not UTF-8, empty, or has no valid line at all (with one error per line)
	 */
	CalendarImportResult importFile(String idOrCode, String fileName, byte[] content);

}
