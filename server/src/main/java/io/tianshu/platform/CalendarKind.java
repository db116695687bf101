package io.tianshu.platform;

/**
 * What a calendar describes.
 */
public enum CalendarKind {

	/** Working hours per weekday plus holidays and make-up workdays (工作日历). */
	BUSINESS_HOURS,
	/** A holiday set: holidays and make-up workdays (节假日), whole days. */
	HOLIDAYS,
	/** A market's trading days and sessions (交易日 / 交易时段). */
	TRADING

}
