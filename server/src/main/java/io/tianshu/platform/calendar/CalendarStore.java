package io.tianshu.platform.calendar;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import io.tianshu.platform.BusinessCalendar.Period;
import io.tianshu.platform.CalendarKind;
import io.tianshu.platform.TradingSession;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Calendars and their listed days in {@code platform.calendar} and
 * {@code platform.calendar_day}.
 */
@Repository
class CalendarStore {

	private static final String COLUMNS = """
			c.id, c.code, c.name, c.kind, c.time_zone, c.built_in, c.source, c.holiday_calendar_id,
			c.weekly_hours::text AS weekly_hours, c.sessions::text AS sessions, c.updated_at""";

	private final JdbcClient jdbc;

	private final JsonMapper json;

	CalendarStore(JdbcClient jdbc, JsonMapper json) {
		this.jdbc = jdbc;
		this.json = json;
	}

	List<CalendarRow> all() {
		return this.jdbc.sql("SELECT " + COLUMNS + " FROM platform.calendar c ORDER BY c.code").query(this::row).list();
	}

	Optional<CalendarRow> findByCode(String code) {
		return this.jdbc.sql("SELECT " + COLUMNS + " FROM platform.calendar c WHERE c.code = ?")
			.param(code)
			.query(this::row)
			.optional();
	}

	Optional<CalendarRow> findById(UUID id) {
		return this.jdbc.sql("SELECT " + COLUMNS + " FROM platform.calendar c WHERE c.id = ?")
			.param(id)
			.query(this::row)
			.optional();
	}

	/** Codes of the calendars that take their holidays from this one. */
	List<String> linkedTo(UUID holidayCalendarId) {
		return this.jdbc.sql("SELECT code FROM platform.calendar WHERE holiday_calendar_id = ? ORDER BY code")
			.param(holidayCalendarId)
			.query(String.class)
			.list();
	}

	/**
	 * A version key that changes whenever the calendar or its holiday set changes, empty
	 * when there is no such calendar.
	 */
	Optional<String> version(String code) {
		return this.jdbc.sql("""
				SELECT c.id::text || ':' || c.updated_at::text || ':' || coalesce(h.updated_at::text, '')
				FROM platform.calendar c LEFT JOIN platform.calendar h ON h.id = c.holiday_calendar_id
				WHERE c.code = ?""").param(code).query(String.class).optional();
	}

	List<StoredDay> days(UUID calendarId) {
		return this.jdbc.sql("SELECT day, type, name, origin FROM platform.calendar_day WHERE calendar_id = ?")
			.param(calendarId)
			.query((rs, n) -> new StoredDay(rs.getObject("day", LocalDate.class), DayType.valueOf(rs.getString("type")),
					rs.getString("name"), rs.getString("origin")))
			.list();
	}

	/**
	 * Inserts or updates a built-in calendar by code; answers whether anything changed.
	 */
	boolean upsertBuiltIn(String code, String name, CalendarKind kind, String timeZone, String source,
			UUID holidayCalendarId, Map<DayOfWeek, List<Period>> weeklyHours, List<TradingSession> sessions,
			Instant now) {
		return this.jdbc.sql("""
				INSERT INTO platform.calendar (id, code, name, kind, time_zone, built_in, source, holiday_calendar_id,
				  weekly_hours, sessions, created_at, updated_at)
				VALUES (?, ?, ?, ?, ?, TRUE, ?, ?, ?::jsonb, ?::jsonb, ?, ?)
				ON CONFLICT (code) DO UPDATE SET name = EXCLUDED.name, kind = EXCLUDED.kind,
				  time_zone = EXCLUDED.time_zone, built_in = TRUE, source = EXCLUDED.source,
				  holiday_calendar_id = EXCLUDED.holiday_calendar_id, weekly_hours = EXCLUDED.weekly_hours,
				  sessions = EXCLUDED.sessions, updated_at = EXCLUDED.updated_at
				WHERE (calendar.name, calendar.kind, calendar.time_zone, calendar.built_in, calendar.source,
				  calendar.holiday_calendar_id, calendar.weekly_hours, calendar.sessions)
				  IS DISTINCT FROM (EXCLUDED.name, EXCLUDED.kind, EXCLUDED.time_zone, TRUE, EXCLUDED.source,
				  EXCLUDED.holiday_calendar_id, EXCLUDED.weekly_hours, EXCLUDED.sessions)""")
			.params(UUID.randomUUID(), code, name, kind.name(), timeZone, source, holidayCalendarId,
					weeklyJson(weeklyHours), sessionsJson(sessions), Timestamp.from(now), Timestamp.from(now))
			.update() > 0;
	}

	/**
	 * Writes one day. Built-in writes never replace an imported day; imports replace
	 * anything. Answers whether the row changed.
	 */
	boolean putDay(UUID calendarId, LocalDate day, DayType type, String name, String origin) {
		String guard = "BUILT_IN".equals(origin) ? "calendar_day.origin = 'BUILT_IN' AND " : "";
		return this.jdbc.sql("""
				INSERT INTO platform.calendar_day (calendar_id, day, type, name, origin) VALUES (?, ?, ?, ?, ?)
				ON CONFLICT (calendar_id, day) DO UPDATE SET type = EXCLUDED.type, name = EXCLUDED.name,
				  origin = EXCLUDED.origin
				WHERE %s (calendar_day.type, calendar_day.name, calendar_day.origin)
				  IS DISTINCT FROM (EXCLUDED.type, EXCLUDED.name, EXCLUDED.origin)""".formatted(guard))
			.params(calendarId, day, type.name(), name, origin)
			.update() > 0;
	}

	boolean deleteBuiltInDay(UUID calendarId, LocalDate day) {
		return this.jdbc
			.sql("DELETE FROM platform.calendar_day WHERE calendar_id = ? AND day = ? AND origin = 'BUILT_IN'")
			.params(calendarId, day)
			.update() > 0;
	}

	void touch(UUID calendarId, Instant now) {
		this.jdbc.sql("UPDATE platform.calendar SET updated_at = ? WHERE id = ?")
			.params(Timestamp.from(now), calendarId)
			.update();
	}

	private CalendarRow row(ResultSet rs, int rowNum) throws SQLException {
		return new CalendarRow(rs.getObject("id", UUID.class), rs.getString("code"), rs.getString("name"),
				CalendarKind.valueOf(rs.getString("kind")), rs.getString("time_zone"), rs.getBoolean("built_in"),
				rs.getString("source"), rs.getObject("holiday_calendar_id", UUID.class),
				weekly(rs.getString("weekly_hours")), sessions(rs.getString("sessions")),
				rs.getObject("updated_at", OffsetDateTime.class).toInstant());
	}

	private String weeklyJson(Map<DayOfWeek, List<Period>> weeklyHours) {
		Map<String, List<String>> out = new LinkedHashMap<>();
		weeklyHours.forEach((day, periods) -> out.put(day.name(),
				periods.stream().map((p) -> p.start() + "-" + (p.endsAtMidnight() ? "24:00" : p.end())).toList()));
		return this.json.writeValueAsString(out);
	}

	private Map<DayOfWeek, List<Period>> weekly(String text) {
		Map<String, List<String>> stored = this.json.readValue(text, new TypeReference<Map<String, List<String>>>() {
		});
		Map<DayOfWeek, List<Period>> out = new EnumMap<>(DayOfWeek.class);
		stored.forEach((day, periods) -> {
			List<Period> list = new ArrayList<>();
			for (String period : periods) {
				String[] parts = period.split("-");
				LocalTime end = parts[1].equals("24:00") ? LocalTime.MIDNIGHT : LocalTime.parse(parts[1]);
				list.add(new Period(LocalTime.parse(parts[0]), end));
			}
			out.put(DayOfWeek.valueOf(day), List.copyOf(list));
		});
		return out;
	}

	private String sessionsJson(List<TradingSession> sessions) {
		return this.json.writeValueAsString(sessions.stream()
			.map((s) -> Map.of("name", s.name(), "start", s.start().toString(), "end", s.end().toString()))
			.toList());
	}

	private List<TradingSession> sessions(String text) {
		List<Map<String, String>> stored = this.json.readValue(text, new TypeReference<List<Map<String, String>>>() {
		});
		return stored.stream()
			.map((s) -> new TradingSession(s.get("name"), LocalTime.parse(s.get("start")),
					LocalTime.parse(s.get("end"))))
			.toList();
	}

	/** One listed day of a calendar. */
	record StoredDay(LocalDate day, DayType type, String name, String origin) {
	}

}
