package io.tianshu.platform.calendar;

/**
 * What a listed date is on a calendar.
 */
enum DayType {

	/** A public holiday (放假). */
	HOLIDAY,
	/** A make-up workday (调休上班). */
	WORKDAY,
	/** An exchange closure (休市), trading calendars only. */
	CLOSURE

}
