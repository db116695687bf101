package io.tianshu.platform.guard;

import java.time.DayOfWeek;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

import io.tianshu.platform.BusinessCalendar;
import io.tianshu.platform.CalendarKind;
import io.tianshu.platform.FieldViolation;
import io.tianshu.platform.GuardDecision.Verdict;
import io.tianshu.platform.GuardRequest;
import io.tianshu.platform.OperationRisk;
import io.tianshu.platform.TradingSession;

/**
 * Turns a policy's {@code config} into a checkable {@link Rule}, collecting every invalid
 * field. Pure: calendars come in as a look-up function.
 * <p>
 * Configs:
 * <ul>
 * <li>{@code WINDOW}: {@code mode} ALLOW (only inside the windows) or FORBID (never
 * inside them), {@code windows: [{days: ["SATURDAY"], start: "00:00", end: "06:00",
 * dayType}]} ({@code days} empty for every day; {@code end} "24:00" or not after
 * {@code start} runs into the next day; {@code dayType} ANY, WORKDAY, NON_WORKDAY,
 * TRADING_DAY, NON_TRADING_DAY judged by {@code calendar}), optional {@code calendar},
 * {@code timeZone} (default the calendar's, else Asia/Shanghai), {@code allowEmergency}
 * (default true), {@code minRisk}.</li>
 * <li>{@code MARKET_HOURS}: {@code calendar} (a trading calendar), optional
 * {@code sessions} (names, default all), {@code marginMinutes} (0–240),
 * {@code minRisk}.</li>
 * <li>{@code SOURCE_ALLOWLIST}: {@code cidrs} (IPv4/IPv6 networks), optional
 * {@code minRisk}.</li>
 * </ul>
 */
final class PolicyRules {

	static final ZoneId DEFAULT_ZONE = ZoneId.of("Asia/Shanghai");

	private PolicyRules() {
	}

	/**
	 * The rule for a config; violations are added to {@code violations} (paths start with
	 * {@code config.}) and the answer is empty when there was any.
	 */
	static Optional<Rule> compile(PolicyKind kind, Map<String, Object> config,
			Function<String, Optional<BusinessCalendar>> calendars, List<FieldViolation> violations) {
		Reader in = new Reader(config, violations);
		Rule rule = switch (kind) {
			case WINDOW -> window(in, calendars);
			case MARKET_HOURS -> marketHours(in, calendars);
			case SOURCE_ALLOWLIST -> sourceAllowlist(in);
		};
		return in.failed() ? Optional.empty() : Optional.of(rule);
	}

	private static Rule window(Reader in, Function<String, Optional<BusinessCalendar>> calendars) {
		String mode = in.string("mode", true);
		if (mode != null && !mode.equals("ALLOW") && !mode.equals("FORBID")) {
			in.fail("mode", "guard.policy.mode-invalid", "mode must be ALLOW or FORBID");
		}
		BusinessCalendar calendar = in.calendar("calendar", false, calendars, null);
		ZoneId zone = in.zone("timeZone", (calendar != null) ? calendar.zone() : DEFAULT_ZONE);
		boolean allowEmergency = in.bool("allowEmergency", true);
		OperationRisk minRisk = in.risk("minRisk");
		List<Map<String, Object>> raw = in.objects("windows", true);
		List<Window> windows = new ArrayList<>();
		for (int i = 0; i < raw.size(); i++) {
			Reader w = in.nested("windows[" + i + "]", raw.get(i));
			Set<DayOfWeek> days = w.days("days");
			LocalTime start = w.time("start", true, false);
			LocalTime end = w.time("end", true, true);
			DayType dayType = w.enumValue("dayType", DayType.class, DayType.ANY);
			if (dayType != DayType.ANY && calendar == null) {
				w.fail("dayType", "guard.policy.calendar-required", "dayType " + dayType + " needs a calendar");
			}
			if ((dayType == DayType.TRADING_DAY || dayType == DayType.NON_TRADING_DAY) && calendar != null
					&& calendar.kind() != CalendarKind.TRADING) {
				w.fail("dayType", "guard.policy.calendar-not-trading",
						"dayType " + dayType + " needs a trading calendar");
			}
			if (start != null && end != null) {
				windows.add(new Window(days, start, end, dayType));
			}
		}
		if (mode == null || in.failed()) {
			return null;
		}
		return new WindowRule(mode.equals("ALLOW"), zone, calendar, List.copyOf(windows), allowEmergency, minRisk);
	}

	private static Rule marketHours(Reader in, Function<String, Optional<BusinessCalendar>> calendars) {
		BusinessCalendar calendar = in.calendar("calendar", true, calendars, CalendarKind.TRADING);
		OperationRisk minRisk = in.risk("minRisk");
		int margin = in.integer("marginMinutes", 0, 0, 240);
		List<String> names = in.strings("sessions", false);
		Set<String> sessions = new LinkedHashSet<>(names);
		if (calendar != null) {
			for (int i = 0; i < names.size(); i++) {
				String name = names.get(i);
				if (calendar.sessions().stream().noneMatch((s) -> s.name().equals(name))) {
					in.fail("sessions[" + i + "]", "guard.policy.session-unknown",
							calendar.code() + " has no session " + name);
				}
			}
		}
		if (in.failed()) {
			return null;
		}
		return new MarketHoursRule(calendar, sessions, margin, minRisk);
	}

	private static Rule sourceAllowlist(Reader in) {
		OperationRisk minRisk = in.risk("minRisk");
		List<String> texts = in.strings("cidrs", true);
		List<Cidr> cidrs = new ArrayList<>();
		for (int i = 0; i < texts.size(); i++) {
			Optional<Cidr> cidr = Cidr.parse(texts.get(i));
			if (cidr.isEmpty()) {
				in.fail("cidrs[" + i + "]", "guard.policy.cidr-invalid",
						"'" + texts.get(i) + "' is not an IPv4 or IPv6 network (10.0.0.0/8)");
			}
			else {
				cidrs.add(cidr.get());
			}
		}
		if (in.failed()) {
			return null;
		}
		return new SourceAllowlistRule(List.copyOf(cidrs), minRisk);
	}

	/** What a policy says about a request, if anything. */
	record Finding(Verdict verdict, String code, String message) {

		static Finding deny(String code, String message) {
			return new Finding(Verdict.DENY, code, message);
		}

		static Finding approval(String code, String message) {
			return new Finding(Verdict.REQUIRE_APPROVAL, code, message);
		}

	}

	/** A compiled policy config. */
	interface Rule {

		/** Empty when the policy has nothing against the request. */
		Optional<Finding> check(GuardRequest request, Instant at);

	}

	enum DayType {

		ANY, WORKDAY, NON_WORKDAY, TRADING_DAY, NON_TRADING_DAY

	}

	record Window(Set<DayOfWeek> days, LocalTime start, LocalTime end, DayType dayType) {

		boolean contains(Instant at, ZoneId zone, BusinessCalendar calendar) {
			LocalDate today = at.atZone(zone).toLocalDate();
			for (LocalDate startDay : List.of(today, today.minusDays(1))) {
				if (!this.days.isEmpty() && !this.days.contains(startDay.getDayOfWeek())) {
					continue;
				}
				if (!dayMatches(startDay, calendar)) {
					continue;
				}
				ZonedDateTime from = startDay.atTime(this.start).atZone(zone);
				boolean nextDay = this.end.equals(LocalTime.MIDNIGHT) || !this.end.isAfter(this.start);
				ZonedDateTime to = (nextDay ? startDay.plusDays(1) : startDay).atTime(this.end).atZone(zone);
				if (!at.isBefore(from.toInstant()) && at.isBefore(to.toInstant())) {
					return true;
				}
			}
			return false;
		}

		private boolean dayMatches(LocalDate day, BusinessCalendar calendar) {
			return switch (this.dayType) {
				case ANY -> true;
				case WORKDAY -> calendar.isWorkday(day);
				case NON_WORKDAY -> !calendar.isWorkday(day);
				case TRADING_DAY -> calendar.isTradingDay(day);
				case NON_TRADING_DAY -> !calendar.isTradingDay(day);
			};
		}

	}

	private static boolean below(GuardRequest request, OperationRisk minRisk) {
		return minRisk != null && request.risk() != null && !request.risk().atLeast(minRisk);
	}

	/** DENY, or REQUIRE_APPROVAL for a justified emergency when overriding is allowed. */
	private static Finding blocked(GuardRequest request, boolean overridable, String code, String message,
			String approvalCode) {
		if (overridable && request.justifiedEmergency()) {
			return Finding.approval(approvalCode, message + "; emergency override needs approval");
		}
		if (overridable && request.emergency()) {
			return Finding.deny("guard.emergency.reason-required", message + "; an emergency needs a reason");
		}
		return Finding.deny(code, message);
	}

	record WindowRule(boolean allowOnlyInside, ZoneId zone, BusinessCalendar calendar, List<Window> windows,
			boolean allowEmergency, OperationRisk minRisk) implements Rule {

		@Override
		public Optional<Finding> check(GuardRequest request, Instant at) {
			if (below(request, this.minRisk)) {
				return Optional.empty();
			}
			boolean inside = this.windows.stream().anyMatch((w) -> w.contains(at, this.zone, this.calendar));
			if (this.allowOnlyInside && !inside) {
				return Optional.of(blocked(request, this.allowEmergency, "guard.window.outside",
						"Outside the allowed change window", "guard.window.emergency-approval"));
			}
			if (!this.allowOnlyInside && inside) {
				return Optional.of(blocked(request, this.allowEmergency, "guard.window.forbidden",
						"Inside a forbidden window", "guard.window.emergency-approval"));
			}
			return Optional.empty();
		}

	}

	record MarketHoursRule(BusinessCalendar calendar, Set<String> sessions, int marginMinutes,
			OperationRisk minRisk) implements Rule {

		@Override
		public Optional<Finding> check(GuardRequest request, Instant at) {
			if (below(request, this.minRisk)) {
				return Optional.empty();
			}
			Optional<TradingSession> session = sessionAt(at);
			if (session.isEmpty()) {
				return Optional.empty();
			}
			return Optional.of(blocked(request, true, "guard.market-hours.in-session",
					this.calendar.code() + " is in session " + session.get().name(),
					"guard.market-hours.emergency-approval"));
		}

		private Optional<TradingSession> sessionAt(Instant at) {
			ZoneId zone = this.calendar.zone();
			LocalDate date = at.atZone(zone).toLocalDate();
			for (TradingSession session : this.calendar.sessions(date)) {
				if (!this.sessions.isEmpty() && !this.sessions.contains(session.name())) {
					continue;
				}
				Instant from = date.atTime(session.start())
					.atZone(zone)
					.toInstant()
					.minusSeconds(this.marginMinutes * 60L);
				Instant to = date.atTime(session.end()).atZone(zone).toInstant().plusSeconds(this.marginMinutes * 60L);
				if (!at.isBefore(from) && at.isBefore(to)) {
					return Optional.of(session);
				}
			}
			return Optional.empty();
		}

	}

	record SourceAllowlistRule(List<Cidr> cidrs, OperationRisk minRisk) implements Rule {

		@Override
		public Optional<Finding> check(GuardRequest request, Instant at) {
			if (below(request, this.minRisk)) {
				return Optional.empty();
			}
			String address = request.sourceAddress();
			if (address == null || Cidr.address(address).isEmpty()) {
				return Optional.of(Finding.deny("guard.source.unknown", "The source address is unknown"));
			}
			if (this.cidrs.stream().noneMatch((c) -> c.contains(address))) {
				return Optional.of(Finding.deny("guard.source.not-allowed", address + " is not an allowed source"));
			}
			return Optional.empty();
		}

	}

	/** Reads config fields, recording violations under {@code config.<path>}. */
	private static final class Reader {

		private final Map<String, Object> values;

		private final String prefix;

		private final List<FieldViolation> violations;

		private final int before;

		Reader(Map<String, Object> values, List<FieldViolation> violations) {
			this(values, "config.", violations);
		}

		private Reader(Map<String, Object> values, String prefix, List<FieldViolation> violations) {
			this.values = (values != null) ? values : Map.of();
			this.prefix = prefix;
			this.violations = violations;
			this.before = violations.size();
		}

		Reader nested(String path, Map<String, Object> values) {
			return new Reader(values, this.prefix + path + ".", this.violations);
		}

		boolean failed() {
			return this.violations.size() > this.before;
		}

		void fail(String field, String code, String message) {
			this.violations.add(new FieldViolation(this.prefix + field, code, message));
		}

		String string(String field, boolean required) {
			Object value = this.values.get(field);
			if (value == null || (value instanceof String s && s.isBlank())) {
				if (required) {
					fail(field, "guard.policy.required", field + " is required");
				}
				return null;
			}
			if (!(value instanceof String s)) {
				fail(field, "guard.policy.not-a-string", field + " must be a string");
				return null;
			}
			return s.strip();
		}

		boolean bool(String field, boolean fallback) {
			Object value = this.values.get(field);
			if (value == null) {
				return fallback;
			}
			if (!(value instanceof Boolean b)) {
				fail(field, "guard.policy.not-a-boolean", field + " must be true or false");
				return fallback;
			}
			return b;
		}

		int integer(String field, int fallback, int min, int max) {
			Object value = this.values.get(field);
			if (value == null) {
				return fallback;
			}
			if (!(value instanceof Integer i) || i < min || i > max) {
				fail(field, "guard.policy.out-of-range", field + " must be a whole number " + min + "–" + max);
				return fallback;
			}
			return i;
		}

		OperationRisk risk(String field) {
			return enumValue(field, OperationRisk.class, null);
		}

		<E extends Enum<E>> E enumValue(String field, Class<E> type, E fallback) {
			String text = string(field, false);
			if (text == null) {
				return fallback;
			}
			try {
				return Enum.valueOf(type, text.toUpperCase(Locale.ROOT));
			}
			catch (IllegalArgumentException ex) {
				fail(field, "guard.policy.value-invalid", "'" + text + "' is not a valid " + field);
				return fallback;
			}
		}

		ZoneId zone(String field, ZoneId fallback) {
			String text = string(field, false);
			if (text == null) {
				return fallback;
			}
			try {
				return ZoneId.of(text);
			}
			catch (DateTimeException ex) {
				fail(field, "guard.policy.zone-invalid", "'" + text + "' is not a time zone");
				return fallback;
			}
		}

		LocalTime time(String field, boolean required, boolean allow24) {
			String text = string(field, required);
			if (text == null) {
				return null;
			}
			if (allow24 && text.equals("24:00")) {
				return LocalTime.MIDNIGHT;
			}
			try {
				return LocalTime.parse(text);
			}
			catch (DateTimeParseException ex) {
				fail(field, "guard.policy.time-invalid", "'" + text + "' is not a time (HH:mm)");
				return null;
			}
		}

		List<String> strings(String field, boolean required) {
			Object value = this.values.get(field);
			if (value == null) {
				if (required) {
					fail(field, "guard.policy.required", field + " is required");
				}
				return List.of();
			}
			if (!(value instanceof List<?> list)) {
				fail(field, "guard.policy.not-a-list", field + " must be a list");
				return List.of();
			}
			if (required && list.isEmpty()) {
				fail(field, "guard.policy.required", field + " must not be empty");
			}
			List<String> out = new ArrayList<>();
			for (int i = 0; i < list.size(); i++) {
				if (list.get(i) instanceof String s && !s.isBlank()) {
					out.add(s.strip());
				}
				else {
					fail(field + "[" + i + "]", "guard.policy.not-a-string", "must be a non-blank string");
				}
			}
			return out;
		}

		@SuppressWarnings("unchecked")
		List<Map<String, Object>> objects(String field, boolean required) {
			Object value = this.values.get(field);
			if (!(value instanceof List<?> list) || (required && list.isEmpty())) {
				if (value != null || required) {
					fail(field, "guard.policy.required", field + " must be a non-empty list");
				}
				return List.of();
			}
			List<Map<String, Object>> out = new ArrayList<>();
			for (int i = 0; i < list.size(); i++) {
				if (list.get(i) instanceof Map<?, ?> map) {
					out.add((Map<String, Object>) map);
				}
				else {
					fail(field + "[" + i + "]", "guard.policy.not-an-object", "must be an object");
				}
			}
			return out;
		}

		Set<DayOfWeek> days(String field) {
			Set<DayOfWeek> days = EnumSet.noneOf(DayOfWeek.class);
			List<String> names = strings(field, false);
			for (int i = 0; i < names.size(); i++) {
				Optional<DayOfWeek> day = dayOfWeek(names.get(i));
				if (day.isEmpty()) {
					fail(field + "[" + i + "]", "guard.policy.day-invalid",
							"'" + names.get(i) + "' is not a weekday (MONDAY or MON)");
				}
				else {
					days.add(day.get());
				}
			}
			return days;
		}

		BusinessCalendar calendar(String field, boolean required,
				Function<String, Optional<BusinessCalendar>> calendars, CalendarKind kind) {
			String code = string(field, required);
			if (code == null) {
				return null;
			}
			Optional<BusinessCalendar> calendar = calendars.apply(code);
			if (calendar.isEmpty()) {
				fail(field, "guard.policy.calendar-unknown", "No calendar " + code);
				return null;
			}
			if (kind != null && calendar.get().kind() != kind) {
				fail(field, "guard.policy.calendar-not-trading", code + " is not a trading calendar");
				return null;
			}
			return calendar.get();
		}

		private static Optional<DayOfWeek> dayOfWeek(String text) {
			String upper = text.toUpperCase(Locale.ROOT);
			for (DayOfWeek day : DayOfWeek.values()) {
				if (day.name().equals(upper) || day.name().substring(0, 3).equals(upper)) {
					return Optional.of(day);
				}
			}
			return Optional.empty();
		}

	}

}
