package io.tianshu.platform.calendar;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import io.tianshu.platform.Audit;
import io.tianshu.platform.AuditEntry;
import io.tianshu.platform.Authorization;
import io.tianshu.platform.BusinessCalendar;
import io.tianshu.platform.CalendarChanged;
import io.tianshu.platform.CalendarDay;
import io.tianshu.platform.CalendarImportResult;
import io.tianshu.platform.CalendarImportResult.LineError;
import io.tianshu.platform.CalendarKind;
import io.tianshu.platform.CalendarSummary;
import io.tianshu.platform.Calendars;
import io.tianshu.platform.FieldViolation;
import io.tianshu.platform.PlatformPermissions;
import io.tianshu.platform.TianshuException;
import io.tianshu.platform.calendar.CalendarFileParser.Entry;
import io.tianshu.platform.calendar.CalendarFileParser.Parsed;
import io.tianshu.platform.calendar.CalendarStore.StoredDay;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * {@link Calendars} over the calendar tables, with snapshots cached until the calendar or
 * its holiday set changes (checked by a version key on every call, so a change made on
 * another node is seen at once).
 */
@Service
class DefaultCalendars implements Calendars {

	/** Largest file accepted by {@link #importFile}. */
	static final int MAX_IMPORT_BYTES = 512 * 1024;

	static final int MAX_DAYS = 366;

	private final CalendarStore store;

	private final Authorization authorization;

	private final Audit audit;

	private final ApplicationEventPublisher events;

	private final Clock clock;

	private final Map<String, Cached> cache = new ConcurrentHashMap<>();

	DefaultCalendars(CalendarStore store, Authorization authorization, Audit audit, ApplicationEventPublisher events,
			Clock clock) {
		this.store = store;
		this.authorization = authorization;
		this.audit = audit;
		this.events = events;
		this.clock = clock;
	}

	@Override
	@Transactional(readOnly = true)
	public List<CalendarSummary> list() {
		this.authorization.require(PlatformPermissions.CALENDAR_READ);
		return this.store.all().stream().map(CalendarRow::summary).toList();
	}

	@Override
	@Transactional(readOnly = true)
	public CalendarSummary get(String idOrCode) {
		this.authorization.require(PlatformPermissions.CALENDAR_READ);
		return row(idOrCode).summary();
	}

	@Override
	@Transactional(readOnly = true)
	public List<CalendarDay> days(String idOrCode, LocalDate from, LocalDate to) {
		this.authorization.require(PlatformPermissions.CALENDAR_READ);
		List<FieldViolation> violations = new ArrayList<>();
		if (from == null) {
			violations.add(new FieldViolation("from", "calendar.range.required", "from is required"));
		}
		if (to == null) {
			violations.add(new FieldViolation("to", "calendar.range.required", "to is required"));
		}
		if (violations.isEmpty() && to.isBefore(from)) {
			violations.add(new FieldViolation("to", "calendar.range.invalid", "to must not be before from"));
		}
		if (violations.isEmpty() && ChronoUnit.DAYS.between(from, to) >= MAX_DAYS) {
			violations.add(new FieldViolation("to", "calendar.range.too-long",
					"At most " + MAX_DAYS + " days can be listed at once"));
		}
		if (!violations.isEmpty()) {
			throw TianshuException.invalid("The date range is invalid", violations);
		}
		BusinessCalendar calendar = calendar(row(idOrCode).code());
		List<CalendarDay> days = new ArrayList<>();
		for (LocalDate day = from; !day.isAfter(to); day = day.plusDays(1)) {
			days.add(calendar.day(day));
		}
		return days;
	}

	@Override
	@Transactional(readOnly = true)
	public BusinessCalendar calendar(String code) {
		return find(code).orElseThrow(() -> notFound(code));
	}

	@Override
	@Transactional(readOnly = true)
	public Optional<BusinessCalendar> find(String code) {
		if (code == null || code.isBlank()) {
			return Optional.empty();
		}
		String resolved = code;
		UUID id = uuid(code);
		if (id != null) {
			Optional<CalendarRow> byId = this.store.findById(id);
			if (byId.isEmpty()) {
				return Optional.empty();
			}
			resolved = byId.get().code();
		}
		Optional<String> version = this.store.version(resolved);
		if (version.isEmpty()) {
			this.cache.remove(resolved);
			return Optional.empty();
		}
		Cached cached = this.cache.get(resolved);
		if (cached != null && cached.version().equals(version.get())) {
			return Optional.of(cached.calendar());
		}
		Optional<CalendarRow> row = this.store.findByCode(resolved);
		if (row.isEmpty()) {
			return Optional.empty();
		}
		BusinessCalendar built = build(row.get());
		this.cache.put(resolved, new Cached(version.get(), built));
		return Optional.of(built);
	}

	@Override
	@Transactional
	public CalendarImportResult importFile(String idOrCode, String fileName, byte[] content) {
		this.authorization.require(PlatformPermissions.CALENDAR_WRITE);
		CalendarRow calendar = row(idOrCode);
		if (content == null || content.length == 0) {
			throw TianshuException.invalidField("file", "calendar.import.empty", "The file is empty");
		}
		if (content.length > MAX_IMPORT_BYTES) {
			throw TianshuException.invalidField("file", "calendar.import.too-large",
					"The file is larger than " + MAX_IMPORT_BYTES / 1024 + " KiB");
		}
		String text;
		try {
			text = StandardCharsets.UTF_8.newDecoder()
				.onMalformedInput(CodingErrorAction.REPORT)
				.onUnmappableCharacter(CodingErrorAction.REPORT)
				.decode(ByteBuffer.wrap(content))
				.toString();
		}
		catch (CharacterCodingException ex) {
			throw TianshuException.invalidField("file", "calendar.import.not-utf8", "The file is not UTF-8 text");
		}
		Parsed parsed = CalendarFileParser.parse(fileName, text);
		List<LineError> errors = new ArrayList<>(parsed.errors());
		List<Entry> accepted = new ArrayList<>();
		for (Entry entry : parsed.entries()) {
			if (entry.type() == DayType.CLOSURE && calendar.kind() != CalendarKind.TRADING) {
				errors.add(new LineError(entry.line(), "calendar.import.closure-not-trading",
						"CLOSURE days belong on trading calendars only"));
			}
			else {
				accepted.add(entry);
			}
		}
		errors.sort(java.util.Comparator.comparingInt(LineError::line));
		if (accepted.isEmpty()) {
			List<FieldViolation> violations = errors.stream()
				.map((e) -> new FieldViolation("file.line[" + e.line() + "]", e.code(), e.message()))
				.toList();
			if (violations.isEmpty()) {
				throw TianshuException.invalidField("file", "calendar.import.empty", "The file lists no days");
			}
			throw TianshuException.invalid("The file has no valid line", violations);
		}
		int written = 0;
		for (Entry entry : accepted) {
			if (this.store.putDay(calendar.id(), entry.date(), entry.type(), entry.name(), "IMPORT")) {
				written++;
			}
		}
		this.store.touch(calendar.id(), this.clock.instant());
		Map<String, Object> after = new LinkedHashMap<>();
		after.put("fileName", fileName);
		after.put("accepted", accepted.size());
		after.put("changed", written);
		after.put("skipped", errors.size());
		after.put("from", accepted.stream().map(Entry::date).min(LocalDate::compareTo).orElseThrow().toString());
		after.put("to", accepted.stream().map(Entry::date).max(LocalDate::compareTo).orElseThrow().toString());
		this.audit.record(AuditEntry.success("platform.calendar.imported", "calendar", calendar.code())
			.withChange(null, after)
			.withDetail(errors.isEmpty() ? null : errors.size() + " line(s) rejected"));
		announce(calendar);
		return new CalendarImportResult(accepted.size(), errors.size(), List.copyOf(errors));
	}

	/** Publishes {@link CalendarChanged} for the calendar and those linking it. */
	void announce(CalendarRow calendar) {
		this.events.publishEvent(new CalendarChanged(calendar.id(), calendar.code()));
		for (String linked : this.store.linkedTo(calendar.id())) {
			this.store.findByCode(linked)
				.ifPresent((row) -> this.events.publishEvent(new CalendarChanged(row.id(), row.code())));
		}
	}

	private BusinessCalendar build(CalendarRow row) {
		BusinessCalendar.Builder builder = BusinessCalendar.builder(row.code(), row.kind(), ZoneId.of(row.timeZone()));
		if (row.kind() == CalendarKind.BUSINESS_HOURS) {
			row.weeklyHours().forEach(builder::hours);
		}
		builder.sessions(row.sessions());
		if (row.holidayCalendarId() != null) {
			this.store.days(row.holidayCalendarId()).forEach((day) -> apply(builder, day, row.kind()));
		}
		// the calendar's own days win over its holiday set's
		this.store.days(row.id()).forEach((day) -> apply(builder, day, row.kind()));
		return builder.build();
	}

	private static void apply(BusinessCalendar.Builder builder, StoredDay day, CalendarKind kind) {
		switch (day.type()) {
			case HOLIDAY -> builder.holiday(day.day(), day.name());
			case WORKDAY -> builder.makeUpWorkday(day.day());
			case CLOSURE -> {
				if (kind == CalendarKind.TRADING) {
					builder.closure(day.day(), day.name());
				}
			}
		}
	}

	private CalendarRow row(String idOrCode) {
		UUID id = uuid(idOrCode);
		Optional<CalendarRow> row = (id != null) ? this.store.findById(id) : this.store.findByCode(idOrCode);
		return row.orElseThrow(() -> notFound(idOrCode));
	}

	private static TianshuException notFound(String idOrCode) {
		return TianshuException.notFound("calendar.not-found", "No calendar " + idOrCode);
	}

	private static UUID uuid(String text) {
		if (text == null || text.length() != 36) {
			return null;
		}
		try {
			return UUID.fromString(text);
		}
		catch (IllegalArgumentException ex) {
			return null;
		}
	}

	private record Cached(String version, BusinessCalendar calendar) {
	}

}
