package io.tianshu.platform.calendar;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.tianshu.platform.Actor;
import io.tianshu.platform.Audit;
import io.tianshu.platform.AuditEntry;
import io.tianshu.platform.BusinessCalendar.Period;
import io.tianshu.platform.CalendarKind;
import io.tianshu.platform.Calendars;
import io.tianshu.platform.TradingSession;
import io.tianshu.platform.calendar.CalendarFileParser.Entry;
import io.tianshu.platform.calendar.CalendarFileParser.Parsed;
import io.tianshu.platform.calendar.CalendarStore.StoredDay;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.core.io.ClassPathResource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Writes the built-in calendars at every start (they are reference data, not demo data):
 * {@code CN-HOLIDAYS} from {@code calendars/cn-holidays.csv}, {@code CN-WORK} and
 * {@code CN-A} linked to it. Idempotent: unchanged data writes nothing; changed data is
 * audited as {@code platform.calendar.built-in-refreshed}. Imported days are never
 * overwritten. Runs before demo data, which may refer to these calendars.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 10)
class BuiltInCalendars implements ApplicationRunner {

	static final String HOLIDAY_RESOURCE = "calendars/cn-holidays.csv";

	static final String CLOSURE_RESOURCE = "calendars/cn-a-closures.csv";

	static final String ZONE = "Asia/Shanghai";

	/** SSE/SZSE A-share sessions (上交所/深交所 A 股交易时段). */
	static final List<TradingSession> CN_A_SESSIONS = List.of(
			new TradingSession("call-auction", LocalTime.of(9, 15), LocalTime.of(9, 25)),
			new TradingSession("continuous-morning", LocalTime.of(9, 30), LocalTime.of(11, 30)),
			new TradingSession("continuous-afternoon", LocalTime.of(13, 0), LocalTime.of(15, 0)));

	private static final Logger log = LoggerFactory.getLogger(BuiltInCalendars.class);

	private final CalendarStore store;

	private final DefaultCalendars calendars;

	private final JdbcClient jdbc;

	private final TransactionTemplate tx;

	private final Audit audit;

	private final Clock clock;

	BuiltInCalendars(CalendarStore store, DefaultCalendars calendars, JdbcClient jdbc, TransactionTemplate tx,
			Audit audit, Clock clock) {
		this.store = store;
		this.calendars = calendars;
		this.jdbc = jdbc;
		this.tx = tx;
		this.audit = audit;
		this.clock = clock;
	}

	@Override
	public void run(ApplicationArguments args) {
		refresh();
	}

	void refresh() {
		Parsed holidays = chinaHolidays();
		Parsed closures = exchangeClosures();
		this.tx.executeWithoutResult((status) -> {
			// nodes starting together refresh one after the other
			this.jdbc.sql("SELECT pg_advisory_xact_lock(hashtext('platform.calendar.built-in'))")
				.query(Object.class)
				.single();
			Instant now = this.clock.instant();
			boolean holidaysChanged = this.store.upsertBuiltIn(Calendars.CN_HOLIDAYS, "中国法定节假日 China public holidays",
					CalendarKind.HOLIDAYS, ZONE, source(), null, Map.of(), List.of(), now);
			CalendarRow holidaySet = this.store.findByCode(Calendars.CN_HOLIDAYS).orElseThrow();
			int changedDays = writeDays(holidaySet, holidays);
			if (changedDays > 0 && !holidaysChanged) {
				this.store.touch(holidaySet.id(), now);
			}
			boolean workChanged = this.store.upsertBuiltIn(Calendars.CN_WORK, "中国工作日历 China business hours",
					CalendarKind.BUSINESS_HOURS, ZONE,
					"Mon–Fri 09:00–18:00, lunch 12:00–13:00; holidays of CN-HOLIDAYS", holidaySet.id(), workingWeek(),
					List.of(), now);
			boolean tradingChanged = this.store
				.upsertBuiltIn(Calendars.CN_A, "A股交易日历 SSE/SZSE A-share trading", CalendarKind.TRADING, ZONE,
						"SSE/SZSE closures: the public holidays of CN-HOLIDAYS plus every Saturday and Sunday "
								+ "(make-up workdays are not trading days)",
						holidaySet.id(), Map.of(), CN_A_SESSIONS, now);
			CalendarRow market = this.store.findByCode(Calendars.CN_A).orElseThrow();
			int changedClosures = writeDays(market, closures);
			if (changedClosures > 0 && !tradingChanged) {
				this.store.touch(market.id(), now);
			}
			changedDays += changedClosures;
			if (holidaysChanged || changedDays > 0 || workChanged || tradingChanged) {
				Map<String, Object> after = new LinkedHashMap<>();
				after.put("holidayDays", holidays.entries().size());
				after.put("changedDays", changedDays);
				after.put("calendars", List.of(Calendars.CN_HOLIDAYS, Calendars.CN_WORK, Calendars.CN_A));
				this.audit.record(
						AuditEntry.success("platform.calendar.built-in-refreshed", "calendar", Calendars.CN_HOLIDAYS)
							.withChange(null, after)
							.by(Actor.SYSTEM));
				this.calendars.announce(this.store.findByCode(Calendars.CN_HOLIDAYS).orElseThrow());
				log.info("Built-in calendars refreshed ({} day(s) changed)", changedDays);
			}
		});
	}

	private int writeDays(CalendarRow calendar, Parsed holidays) {
		int changed = 0;
		Set<LocalDate> wanted = new HashSet<>();
		for (Entry entry : holidays.entries()) {
			wanted.add(entry.date());
			if (this.store.putDay(calendar.id(), entry.date(), entry.type(), entry.name(), "BUILT_IN")) {
				changed++;
			}
		}
		for (StoredDay day : this.store.days(calendar.id())) {
			if ("BUILT_IN".equals(day.origin()) && !wanted.contains(day.day())
					&& this.store.deleteBuiltInDay(calendar.id(), day.day())) {
				changed++;
			}
		}
		return changed;
	}

	/** The shipped mainland China holidays; a malformed resource stops the start. */
	static Parsed chinaHolidays() {
		return read(HOLIDAY_RESOURCE);
	}

	/** The shipped SSE/SZSE closures beyond public holidays and weekends. */
	static Parsed exchangeClosures() {
		return read(CLOSURE_RESOURCE);
	}

	private static Parsed read(String resource) {
		try (InputStream in = new ClassPathResource(resource).getInputStream()) {
			Parsed parsed = CalendarFileParser.parseCsv(new String(in.readAllBytes(), StandardCharsets.UTF_8));
			if (!parsed.errors().isEmpty()) {
				throw new IllegalStateException(resource + " is malformed: " + parsed.errors());
			}
			return parsed;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/**
	 * A built-in calendar built from the shipped data alone, without the database: for
	 * tests and for checking the data.
	 */
	static io.tianshu.platform.BusinessCalendar snapshot(String code) {
		CalendarKind kind = switch (code) {
			case Calendars.CN_WORK -> CalendarKind.BUSINESS_HOURS;
			case Calendars.CN_HOLIDAYS -> CalendarKind.HOLIDAYS;
			case Calendars.CN_A -> CalendarKind.TRADING;
			default -> throw new IllegalArgumentException("Not a built-in calendar: " + code);
		};
		var builder = io.tianshu.platform.BusinessCalendar.builder(code, kind, java.time.ZoneId.of(ZONE));
		if (kind == CalendarKind.BUSINESS_HOURS) {
			workingWeek().forEach(builder::hours);
		}
		if (kind == CalendarKind.TRADING) {
			builder.sessions(CN_A_SESSIONS);
			exchangeClosures().entries().forEach((entry) -> builder.closure(entry.date(), entry.name()));
		}
		for (Entry entry : chinaHolidays().entries()) {
			if (entry.type() == DayType.HOLIDAY) {
				builder.holiday(entry.date(), entry.name());
			}
			else if (entry.type() == DayType.WORKDAY) {
				builder.makeUpWorkday(entry.date());
			}
		}
		return builder.build();
	}

	static Map<DayOfWeek, List<Period>> workingWeek() {
		Map<DayOfWeek, List<Period>> week = new EnumMap<>(DayOfWeek.class);
		List<Period> hours = List.of(new Period(LocalTime.of(9, 0), LocalTime.of(12, 0)),
				new Period(LocalTime.of(13, 0), LocalTime.of(18, 0)));
		for (DayOfWeek day : List.of(DayOfWeek.MONDAY, DayOfWeek.TUESDAY, DayOfWeek.WEDNESDAY, DayOfWeek.THURSDAY,
				DayOfWeek.FRIDAY)) {
			week.put(day, hours);
		}
		return week;
	}

	private static String source() {
		return "国务院办公厅关于2024年、2025年、2026年部分节假日安排的通知 (国办发明电〔2023〕7号, 〔2024〕12号, 〔2025〕7号)";
	}

}
