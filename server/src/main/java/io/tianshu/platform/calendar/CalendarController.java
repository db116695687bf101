package io.tianshu.platform.calendar;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.format.DateTimeParseException;
import java.util.List;

import io.tianshu.platform.CalendarDay;
import io.tianshu.platform.CalendarImportResult;
import io.tianshu.platform.CalendarSummary;
import io.tianshu.platform.Calendars;
import io.tianshu.platform.PlatformPermissions;
import io.tianshu.platform.RequiresPermission;
import io.tianshu.platform.TianshuException;
import io.tianshu.platform.TradingSession;

import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RequestPart;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;

/**
 * {@code /api/v1/calendars}: list calendars, view their days, import holidays.
 */
@RestController
@RequestMapping("/api/v1/calendars")
class CalendarController {

	private final Calendars calendars;

	CalendarController(Calendars calendars) {
		this.calendars = calendars;
	}

	@GetMapping
	@RequiresPermission(PlatformPermissions.CALENDAR_READ)
	List<CalendarSummary> list() {
		return this.calendars.list();
	}

	@GetMapping("/{id}")
	@RequiresPermission(PlatformPermissions.CALENDAR_READ)
	CalendarSummary get(@PathVariable String id) {
		return this.calendars.get(id);
	}

	@GetMapping("/{id}/days")
	@RequiresPermission(PlatformPermissions.CALENDAR_READ)
	List<DayJson> days(@PathVariable String id, @RequestParam(required = false) String from,
			@RequestParam(required = false) String to) {
		return this.calendars.days(id, date("from", from), date("to", to)).stream().map(DayJson::of).toList();
	}

	@PostMapping(path = "/{id}/import", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
	@RequiresPermission(PlatformPermissions.CALENDAR_WRITE)
	CalendarImportResult importFile(@PathVariable String id,
			@RequestPart(name = "file", required = false) MultipartFile file) {
		if (file == null) {
			throw TianshuException.invalidField("file", "calendar.import.file-required", "A file part is required");
		}
		if (file.getSize() > DefaultCalendars.MAX_IMPORT_BYTES) {
			throw TianshuException.invalidField("file", "calendar.import.too-large",
					"The file is larger than " + DefaultCalendars.MAX_IMPORT_BYTES / 1024 + " KiB");
		}
		try {
			return this.calendars.importFile(id, file.getOriginalFilename(), file.getBytes());
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private static LocalDate date(String field, String value) {
		if (value == null || value.isBlank()) {
			return null;
		}
		try {
			return LocalDate.parse(value);
		}
		catch (DateTimeParseException ex) {
			throw TianshuException.invalidField(field, "calendar.range.bad-date",
					field + " must be a date (yyyy-MM-dd)");
		}
	}

	record DayJson(LocalDate date, boolean workday, boolean holiday, String holidayName, boolean makeUpWorkday,
			boolean tradingDay, List<SessionJson> sessions) {

		static DayJson of(CalendarDay day) {
			return new DayJson(day.date(), day.workday(), day.holiday(), day.holidayName(), day.makeUpWorkday(),
					day.tradingDay(), day.sessions().stream().map(SessionJson::of).toList());
		}

	}

	record SessionJson(String name, String start, String end) {

		static SessionJson of(TradingSession session) {
			return new SessionJson(session.name(), hhmm(session.start()), hhmm(session.end()));
		}

		private static String hhmm(LocalTime time) {
			return String.format("%02d:%02d", time.getHour(), time.getMinute());
		}

	}

}
