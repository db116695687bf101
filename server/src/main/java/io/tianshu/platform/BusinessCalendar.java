package io.tianshu.platform;

import java.io.Serializable;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * An immutable snapshot of one calendar with business-time arithmetic: pure functions, no
 * database and no clock, so they are cheap to call and easy to test.
 * <p>
 * Rules:
 * <ul>
 * <li>A <b>workday</b> is a weekday with working hours that is not a holiday, or a
 * make-up workday (调休上班, a Saturday or Sunday turned into a working day).</li>
 * <li>A <b>trading day</b> (交易日, {@link CalendarKind#TRADING} only) is a weekday with
 * sessions that is neither a holiday nor an exchange closure. Make-up workdays are never
 * trading days: mainland exchanges stay closed on weekends.</li>
 * <li><b>Business time</b> is the working hours of workdays; on a trading calendar it is
 * the trading sessions of trading days; on a {@link CalendarKind#HOLIDAYS} calendar it is
 * the whole of each workday. Periods are {@code [start, end)} in the calendar's
 * zone.</li>
 * </ul>
 * Arithmetic walks whole days and periods, never single minutes. It gives up with an
 * {@link IllegalStateException} when it finds no business time within
 * {@value #SEARCH_LIMIT_DAYS} days (a calendar without working hours).
 */
public final class BusinessCalendar implements Serializable {

	/** How far arithmetic searches before deciding a calendar has no business time. */
	public static final int SEARCH_LIMIT_DAYS = 3660;

	private static final long serialVersionUID = 1L;

	private final String code;

	private final CalendarKind kind;

	private final ZoneId zone;

	private final EnumMap<DayOfWeek, List<Period>> weeklyHours;

	private final List<Period> makeUpDayHours;

	private final HashMap<LocalDate, String> holidays;

	private final HashSet<LocalDate> makeUpWorkdays;

	private final HashMap<LocalDate, String> closures;

	private final List<TradingSession> sessions;

	private BusinessCalendar(Builder builder) {
		this.code = builder.code;
		this.kind = builder.kind;
		this.zone = builder.zone;
		this.weeklyHours = new EnumMap<>(DayOfWeek.class);
		this.sessions = builder.sessions.stream().sorted(Comparator.comparing(TradingSession::start)).toList();
		if (this.kind == CalendarKind.TRADING) {
			List<Period> sessionPeriods = merge(
					this.sessions.stream().map((s) -> new Period(s.start(), s.end())).toList());
			for (DayOfWeek day : builder.tradingWeekdays) {
				this.weeklyHours.put(day, sessionPeriods);
			}
		}
		else {
			builder.weeklyHours.forEach((day, periods) -> {
				List<Period> merged = merge(periods);
				if (!merged.isEmpty()) {
					this.weeklyHours.put(day, merged);
				}
			});
		}
		this.makeUpDayHours = (builder.makeUpDayHours != null) ? merge(builder.makeUpDayHours) : defaultMakeUpHours();
		this.holidays = new HashMap<>(builder.holidays);
		this.makeUpWorkdays = new HashSet<>(builder.makeUpWorkdays);
		this.closures = new HashMap<>(builder.closures);
	}

	/**
	 * Starts a calendar. Business-hours calendars begin with no working hours, holiday
	 * sets with Monday–Friday whole days, trading calendars with Monday–Friday and no
	 * sessions.
	 */
	public static Builder builder(String code, CalendarKind kind, ZoneId zone) {
		return new Builder(code, kind, zone);
	}

	public String code() {
		return this.code;
	}

	public CalendarKind kind() {
		return this.kind;
	}

	public ZoneId zone() {
		return this.zone;
	}

	/** The trading sessions of every trading day, by start time; empty unless trading. */
	public List<TradingSession> sessions() {
		return this.sessions;
	}

	/** Regular working periods of a weekday (before holidays), possibly empty. */
	public List<Period> weeklyHours(DayOfWeek day) {
		return this.weeklyHours.getOrDefault(day, List.of());
	}

	public boolean isHoliday(LocalDate date) {
		return this.holidays.containsKey(date);
	}

	/** The holiday's name, or the closure's name on a trading calendar. */
	public Optional<String> holidayName(LocalDate date) {
		String name = this.holidays.get(date);
		return Optional.ofNullable((name != null) ? name : this.closures.get(date));
	}

	public boolean isExchangeClosure(LocalDate date) {
		return this.closures.containsKey(date);
	}

	/** A weekend day turned into a working day (调休上班). */
	public boolean isMakeUpWorkday(LocalDate date) {
		return this.makeUpWorkdays.contains(date);
	}

	public boolean isWorkday(LocalDate date) {
		if (this.makeUpWorkdays.contains(date)) {
			return true;
		}
		return !this.holidays.containsKey(date) && regularDay(date);
	}

	/** Always {@code false} unless this is a {@link CalendarKind#TRADING} calendar. */
	public boolean isTradingDay(LocalDate date) {
		return this.kind == CalendarKind.TRADING && regularDay(date) && !this.holidays.containsKey(date)
				&& !this.closures.containsKey(date);
	}

	/** The first trading day strictly after {@code date}. */
	public LocalDate nextTradingDay(LocalDate date) {
		requireTrading();
		return seek(date, 1, this::isTradingDay);
	}

	/** The last trading day strictly before {@code date}. */
	public LocalDate previousTradingDay(LocalDate date) {
		requireTrading();
		return seek(date, -1, this::isTradingDay);
	}

	/** The first workday strictly after {@code date}. */
	public LocalDate nextWorkday(LocalDate date) {
		return seek(date, 1, this::isWorkday);
	}

	/** The last workday strictly before {@code date}. */
	public LocalDate previousWorkday(LocalDate date) {
		return seek(date, -1, this::isWorkday);
	}

	/** The trading sessions of a date: all of them on a trading day, none otherwise. */
	public List<TradingSession> sessions(LocalDate date) {
		return isTradingDay(date) ? this.sessions : List.of();
	}

	/**
	 * The session in progress at {@code instant}, if any (start inclusive, end
	 * exclusive).
	 */
	public Optional<TradingSession> sessionAt(Instant instant) {
		ZonedDateTime local = instant.atZone(this.zone);
		LocalDate date = local.toLocalDate();
		if (!isTradingDay(date)) {
			return Optional.empty();
		}
		LocalTime time = local.toLocalTime();
		return this.sessions.stream().filter((s) -> !time.isBefore(s.start()) && time.isBefore(s.end())).findFirst();
	}

	public boolean isInSession(Instant instant) {
		return sessionAt(instant).isPresent();
	}

	/** Whether {@code instant} falls in business time. */
	public boolean isBusinessTime(Instant instant) {
		LocalDate date = instant.atZone(this.zone).toLocalDate();
		for (Period period : periods(date)) {
			if (!instant.isBefore(period.startOn(date, this.zone)) && instant.isBefore(period.endOn(date, this.zone))) {
				return true;
			}
		}
		return false;
	}

	/** The business periods of a date: working hours, sessions or the whole day. */
	public List<Period> periods(LocalDate date) {
		if (this.kind == CalendarKind.TRADING) {
			return isTradingDay(date) ? this.weeklyHours.get(date.getDayOfWeek()) : List.of();
		}
		if (!isWorkday(date)) {
			return List.of();
		}
		List<Period> regular = this.weeklyHours.get(date.getDayOfWeek());
		return (regular != null) ? regular : this.makeUpDayHours;
	}

	/** {@link #plus(Instant, Duration)} in minutes. */
	public Instant plusBusinessMinutes(Instant start, long minutes) {
		return plus(start, Duration.ofMinutes(minutes));
	}

	/**
	 * The instant when {@code amount} of business time has passed since {@code start}.
	 * Starting outside business time counts from the next business period. A zero amount
	 * answers {@code start} itself. When the amount runs out exactly at the end of a
	 * period the answer is that end (18:00, not 09:00 next morning).
	 * @throws IllegalArgumentException when {@code amount} is negative
	 */
	public Instant plus(Instant start, Duration amount) {
		if (amount.isNegative()) {
			throw new IllegalArgumentException("amount must not be negative");
		}
		if (amount.isZero()) {
			return start;
		}
		Duration remaining = amount;
		LocalDate date = start.atZone(this.zone).toLocalDate();
		// a period after midnight of the previous day cannot exist ([start, end) within a
		// day), so the search starts on the start's own date
		for (int searched = 0; searched < SEARCH_LIMIT_DAYS; date = date.plusDays(1)) {
			List<Period> periods = periods(date);
			if (periods.isEmpty()) {
				searched++;
				continue;
			}
			searched = 0;
			for (Period period : periods) {
				Instant periodEnd = period.endOn(date, this.zone);
				if (!periodEnd.isAfter(start)) {
					continue;
				}
				Instant from = max(start, period.startOn(date, this.zone));
				Duration available = Duration.between(from, periodEnd);
				if (remaining.compareTo(available) <= 0) {
					return from.plus(remaining);
				}
				remaining = remaining.minus(available);
			}
		}
		throw new IllegalStateException(
				"Calendar " + this.code + " has no business time within " + SEARCH_LIMIT_DAYS + " days");
	}

	/**
	 * The business time between two instants; negative when {@code to} is before
	 * {@code from}.
	 */
	public Duration between(Instant from, Instant to) {
		if (to.isBefore(from)) {
			return between(to, from).negated();
		}
		Duration total = Duration.ZERO;
		LocalDate last = to.atZone(this.zone).toLocalDate();
		for (LocalDate date = from.atZone(this.zone).toLocalDate(); !date.isAfter(last); date = date.plusDays(1)) {
			for (Period period : periods(date)) {
				Instant start = max(from, period.startOn(date, this.zone));
				Instant end = min(to, period.endOn(date, this.zone));
				if (end.isAfter(start)) {
					total = total.plus(Duration.between(start, end));
				}
			}
		}
		return total;
	}

	/** {@link #between} in whole minutes, rounded down. */
	public long businessMinutesBetween(Instant from, Instant to) {
		return between(from, to).toMinutes();
	}

	/** This date as the calendar sees it. */
	public CalendarDay day(LocalDate date) {
		boolean holiday = isHoliday(date) || (this.kind == CalendarKind.TRADING && isExchangeClosure(date));
		return new CalendarDay(date, isWorkday(date), holiday, holidayName(date).orElse(null), isMakeUpWorkday(date),
				isTradingDay(date), sessions(date));
	}

	private boolean regularDay(LocalDate date) {
		return this.weeklyHours.containsKey(date.getDayOfWeek());
	}

	private void requireTrading() {
		if (this.kind != CalendarKind.TRADING) {
			throw new IllegalStateException("Calendar " + this.code + " is not a trading calendar");
		}
	}

	private LocalDate seek(LocalDate date, int step, java.util.function.Predicate<LocalDate> wanted) {
		LocalDate candidate = date.plusDays(step);
		for (int i = 0; i < SEARCH_LIMIT_DAYS; i++, candidate = candidate.plusDays(step)) {
			if (wanted.test(candidate)) {
				return candidate;
			}
		}
		throw new IllegalStateException(
				"Calendar " + this.code + " has no such day within " + SEARCH_LIMIT_DAYS + " days of " + date);
	}

	private List<Period> defaultMakeUpHours() {
		// a make-up workday works like a regular weekday: the first one with hours
		for (DayOfWeek day : DayOfWeek.values()) {
			List<Period> periods = this.weeklyHours.get(day);
			if (periods != null && day.getValue() <= DayOfWeek.FRIDAY.getValue()) {
				return periods;
			}
		}
		return List.of(Period.WHOLE_DAY);
	}

	private static List<Period> merge(Collection<Period> periods) {
		List<Period> sorted = periods.stream().sorted(Comparator.comparing(Period::start)).toList();
		List<Period> merged = new ArrayList<>();
		for (Period period : sorted) {
			Period last = merged.isEmpty() ? null : merged.get(merged.size() - 1);
			if (last != null && period.startSecond() <= last.endSecond()) {
				if (period.endSecond() > last.endSecond()) {
					merged.set(merged.size() - 1, new Period(last.start(), period.end()));
				}
			}
			else {
				merged.add(period);
			}
		}
		return List.copyOf(merged);
	}

	private static Instant max(Instant a, Instant b) {
		return a.isAfter(b) ? a : b;
	}

	private static Instant min(Instant a, Instant b) {
		return a.isBefore(b) ? a : b;
	}

	/**
	 * Business time within one day, {@code [start, end)}. An {@code end} of
	 * {@link LocalTime#MIDNIGHT} means the end of the day (24:00).
	 */
	public record Period(LocalTime start, LocalTime end) implements Serializable {

		/** 00:00–24:00. */
		public static final Period WHOLE_DAY = new Period(LocalTime.MIDNIGHT, LocalTime.MIDNIGHT);

		public Period {
			Objects.requireNonNull(start, "start");
			Objects.requireNonNull(end, "end");
			if (!end.equals(LocalTime.MIDNIGHT) && !end.isAfter(start)) {
				throw new IllegalArgumentException("A period must end after it starts: " + start + "–" + end);
			}
		}

		public boolean endsAtMidnight() {
			return this.end.equals(LocalTime.MIDNIGHT);
		}

		int startSecond() {
			return this.start.toSecondOfDay();
		}

		int endSecond() {
			return endsAtMidnight() ? 86_400 : this.end.toSecondOfDay();
		}

		Instant startOn(LocalDate date, ZoneId zone) {
			return date.atTime(this.start).atZone(zone).toInstant();
		}

		Instant endOn(LocalDate date, ZoneId zone) {
			return endsAtMidnight() ? date.plusDays(1).atStartOfDay(zone).toInstant()
					: date.atTime(this.end).atZone(zone).toInstant();
		}

	}

	/** Builds a {@link BusinessCalendar}. */
	public static final class Builder {

		private final String code;

		private final CalendarKind kind;

		private final ZoneId zone;

		private final EnumMap<DayOfWeek, List<Period>> weeklyHours = new EnumMap<>(DayOfWeek.class);

		private final Set<DayOfWeek> tradingWeekdays = new HashSet<>(List.of(DayOfWeek.MONDAY, DayOfWeek.TUESDAY,
				DayOfWeek.WEDNESDAY, DayOfWeek.THURSDAY, DayOfWeek.FRIDAY));

		private List<Period> makeUpDayHours;

		private final Map<LocalDate, String> holidays = new HashMap<>();

		private final Set<LocalDate> makeUpWorkdays = new HashSet<>();

		private final Map<LocalDate, String> closures = new HashMap<>();

		private final List<TradingSession> sessions = new ArrayList<>();

		private Builder(String code, CalendarKind kind, ZoneId zone) {
			this.code = Objects.requireNonNull(code, "code");
			this.kind = Objects.requireNonNull(kind, "kind");
			this.zone = Objects.requireNonNull(zone, "zone");
			if (kind == CalendarKind.HOLIDAYS) {
				for (DayOfWeek day : this.tradingWeekdays) {
					this.weeklyHours.put(day, List.of(Period.WHOLE_DAY));
				}
			}
		}

		/** Sets the working periods of one weekday (replacing earlier ones). */
		public Builder hours(DayOfWeek day, List<Period> periods) {
			this.weeklyHours.put(day, List.copyOf(periods));
			return this;
		}

		/** Sets the same working periods for several weekdays. */
		public Builder hours(Collection<DayOfWeek> days, List<Period> periods) {
			days.forEach((day) -> hours(day, periods));
			return this;
		}

		/**
		 * Working periods on make-up workdays; by default those of the first weekday
		 * Monday–Friday that has hours.
		 */
		public Builder makeUpDayHours(List<Period> periods) {
			this.makeUpDayHours = List.copyOf(periods);
			return this;
		}

		public Builder holiday(LocalDate date, String name) {
			this.holidays.put(date, name);
			this.makeUpWorkdays.remove(date);
			return this;
		}

		/** A make-up workday (调休上班). */
		public Builder makeUpWorkday(LocalDate date) {
			this.makeUpWorkdays.add(date);
			this.holidays.remove(date);
			return this;
		}

		/** An exchange closure (休市) beyond weekends and holidays. */
		public Builder closure(LocalDate date, String name) {
			this.closures.put(date, name);
			return this;
		}

		public Builder session(TradingSession session) {
			this.sessions.add(session);
			return this;
		}

		public Builder sessions(Collection<TradingSession> sessions) {
			this.sessions.addAll(sessions);
			return this;
		}

		public BusinessCalendar build() {
			return new BusinessCalendar(this);
		}

	}

}
