package io.tianshu.platform.calendar;

import java.nio.charset.StandardCharsets;

import io.tianshu.TianshuIntegrationTest;
import io.tianshu.platform.PlatformPermissions;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.hasItem;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

@TianshuIntegrationTest
class CalendarApiTests {

	@Autowired
	MockMvc mvc;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	BuiltInCalendars builtIn;

	private static RequestPostProcessor reader() {
		return user("reader").authorities(new SimpleGrantedAuthority(PlatformPermissions.CALENDAR_READ));
	}

	private static RequestPostProcessor writer() {
		return user("writer").authorities(new SimpleGrantedAuthority(PlatformPermissions.CALENDAR_READ),
				new SimpleGrantedAuthority(PlatformPermissions.CALENDAR_WRITE));
	}

	@Test
	void listsTheBuiltInCalendars() throws Exception {
		this.mvc.perform(get("/api/v1/calendars").with(reader()))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$[?(@.code == 'CN-A')].kind").value(hasItem("TRADING")))
			.andExpect(jsonPath("$[?(@.code == 'CN-WORK')].kind").value(hasItem("BUSINESS_HOURS")))
			.andExpect(jsonPath("$[?(@.code == 'CN-HOLIDAYS')].builtIn").value(hasItem(true)))
			.andExpect(jsonPath("$[?(@.code == 'CN-A')].timeZone").value(hasItem("Asia/Shanghai")));
	}

	@Test
	void showsTradingDaysAroundNationalDay() throws Exception {
		String id = this.jdbc.sql("SELECT id::text FROM platform.calendar WHERE code = 'CN-A'")
			.query(String.class)
			.single();
		this.mvc.perform(get("/api/v1/calendars/" + id + "/days?from=2025-09-28&to=2025-10-09").with(reader()))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.length()").value(12))
			.andExpect(jsonPath("$[0].date").value("2025-09-28"))
			.andExpect(jsonPath("$[0].workday").value(true))
			.andExpect(jsonPath("$[0].makeUpWorkday").value(true))
			.andExpect(jsonPath("$[0].tradingDay").value(false))
			.andExpect(jsonPath("$[0].sessions.length()").value(0))
			.andExpect(jsonPath("$[3].date").value("2025-10-01"))
			.andExpect(jsonPath("$[3].holiday").value(true))
			.andExpect(jsonPath("$[3].holidayName").value("国庆节、中秋节"))
			.andExpect(jsonPath("$[11].date").value("2025-10-09"))
			.andExpect(jsonPath("$[11].tradingDay").value(true))
			.andExpect(jsonPath("$[11].sessions[1].name").value("continuous-morning"))
			.andExpect(jsonPath("$[11].sessions[1].start").value("09:30"))
			.andExpect(jsonPath("$[11].sessions[1].end").value("11:30"));
	}

	@Test
	void rejectsBadRangesAndUnknownCalendars() throws Exception {
		this.mvc.perform(get("/api/v1/calendars/CN-WORK/days?from=2025-02-01&to=2025-01-01").with(reader()))
			.andExpect(status().isUnprocessableContent())
			.andExpect(jsonPath("$.errors[0].code").value("calendar.range.invalid"));
		this.mvc.perform(get("/api/v1/calendars/CN-WORK/days?from=2025-01-01&to=2026-06-01").with(reader()))
			.andExpect(status().isUnprocessableContent())
			.andExpect(jsonPath("$.errors[0].code").value("calendar.range.too-long"));
		this.mvc.perform(get("/api/v1/calendars/CN-WORK/days?from=yesterday&to=2025-01-01").with(reader()))
			.andExpect(status().isUnprocessableContent());
		this.mvc.perform(get("/api/v1/calendars/NOPE/days?from=2025-01-01&to=2025-01-02").with(reader()))
			.andExpect(status().isNotFound())
			.andExpect(jsonPath("$.code").value("calendar.not-found"));
	}

	@Test
	void refreshingUnchangedBuiltInDataWritesNothing() {
		String refreshed = "SELECT count(*) FROM platform.audit_record WHERE action = 'platform.calendar.built-in-refreshed'";
		long before = this.jdbc.sql(refreshed).query(Long.class).single();
		assertThat(before).isPositive();
		String versions = "SELECT string_agg(code || updated_at::text, ',' ORDER BY code) FROM platform.calendar";
		String stamps = this.jdbc.sql(versions).query(String.class).single();
		this.builtIn.refresh();
		assertThat(this.jdbc.sql(refreshed).query(Long.class).single()).isEqualTo(before);
		assertThat(this.jdbc.sql(versions).query(String.class).single()).isEqualTo(stamps);
		assertThat(this.jdbc.sql("""
				SELECT count(*) FROM platform.calendar_day d JOIN platform.calendar c ON c.id = d.calendar_id
				WHERE c.code = 'CN-A' AND d.day = '2024-02-09' AND d.type = 'CLOSURE'""").query(Long.class).single())
			.isEqualTo(1);
	}

	@Test
	void forbidsCallersWithoutPermission() throws Exception {
		this.mvc.perform(get("/api/v1/calendars").with(user("nobody").authorities(new SimpleGrantedAuthority("x"))))
			.andExpect(status().isForbidden());
		MockMultipartFile file = new MockMultipartFile("file", "days.csv", "text/csv",
				"2031-01-01,HOLIDAY,元旦".getBytes(StandardCharsets.UTF_8));
		this.mvc.perform(multipart("/api/v1/calendars/CN-HOLIDAYS/import").file(file).with(reader()).with(csrf()))
			.andExpect(status().isForbidden());
		assertThat(this.jdbc.sql("SELECT count(*) FROM platform.calendar_day WHERE day = '2031-01-01'")
			.query(Long.class)
			.single()).isZero();
	}

	@Test
	void importsCsvKeepingGoodLinesAuditsAndFeedsLinkedCalendars() throws Exception {
		String csv = "date,type,name\n2030-01-01,HOLIDAY,元旦\n2030-01-05,WORKDAY,调休\nnot-a-date,HOLIDAY,x\n"
				+ "2030-01-02,CLOSURE,closed\n";
		MockMultipartFile file = new MockMultipartFile("file", "2030.csv", "text/csv",
				csv.getBytes(StandardCharsets.UTF_8));
		this.mvc.perform(multipart("/api/v1/calendars/CN-HOLIDAYS/import").file(file).with(writer()).with(csrf()))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.imported").value(2))
			.andExpect(jsonPath("$.skipped").value(2))
			.andExpect(jsonPath("$.errors[0].line").value(4))
			.andExpect(jsonPath("$.errors[0].code").value("calendar.import.bad-date"))
			.andExpect(jsonPath("$.errors[1].code").value("calendar.import.closure-not-trading"));
		// CN-WORK takes its holidays from CN-HOLIDAYS: 2030-01-05 (Saturday) is now a
		// workday
		this.mvc.perform(get("/api/v1/calendars/CN-WORK/days?from=2030-01-01&to=2030-01-05").with(reader()))
			.andExpect(jsonPath("$[0].holiday").value(true))
			.andExpect(jsonPath("$[4].makeUpWorkday").value(true))
			.andExpect(jsonPath("$[4].workday").value(true));
		assertThat(this.jdbc.sql("""
				SELECT count(*) FROM platform.audit_record
				WHERE action = 'platform.calendar.imported' AND target_id = 'CN-HOLIDAYS' AND actor_name = 'writer'""")
			.query(Long.class)
			.single()).isPositive();
		// a refresh of the built-in data keeps imported days
		this.builtIn.refresh();
		assertThat(this.jdbc.sql("""
				SELECT origin FROM platform.calendar_day d JOIN platform.calendar c ON c.id = d.calendar_id
				WHERE c.code = 'CN-HOLIDAYS' AND d.day = '2030-01-01'""").query(String.class).single())
			.isEqualTo("IMPORT");
	}

	@Test
	void importsIcsIntoTheTradingCalendar() throws Exception {
		String ics = String.join("\r\n", "BEGIN:VCALENDAR", "BEGIN:VEVENT", "DTSTART;VALUE=DATE:20320301",
				"DTEND;VALUE=DATE:20320303", "SUMMARY:Typhoon", " closure", "END:VEVENT", "END:VCALENDAR");
		MockMultipartFile file = new MockMultipartFile("file", "closures.ics", "text/calendar",
				ics.getBytes(StandardCharsets.UTF_8));
		this.mvc.perform(multipart("/api/v1/calendars/CN-A/import").file(file).with(writer()).with(csrf()))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.imported").value(2))
			.andExpect(jsonPath("$.skipped").value(0));
		this.mvc.perform(get("/api/v1/calendars/CN-A/days?from=2032-03-01&to=2032-03-03").with(reader()))
			.andExpect(jsonPath("$[0].tradingDay").value(false))
			.andExpect(jsonPath("$[0].holidayName").value("Typhoonclosure"))
			.andExpect(jsonPath("$[2].tradingDay").value(true));
	}

	@Test
	void rejectsWhollyInvalidFiles() throws Exception {
		MockMultipartFile bad = new MockMultipartFile("file", "bad.csv", "text/csv",
				"2030-02-30,HOLIDAY,x\nfoo\n".getBytes(StandardCharsets.UTF_8));
		this.mvc.perform(multipart("/api/v1/calendars/CN-HOLIDAYS/import").file(bad).with(writer()).with(csrf()))
			.andExpect(status().isUnprocessableContent())
			.andExpect(jsonPath("$.errors.length()").value(2))
			.andExpect(jsonPath("$.errors[0].field").value("file.line[1]"))
			.andExpect(jsonPath("$.errors[1].code").value("calendar.import.bad-columns"));
		MockMultipartFile empty = new MockMultipartFile("file", "empty.csv", "text/csv", new byte[0]);
		this.mvc.perform(multipart("/api/v1/calendars/CN-HOLIDAYS/import").file(empty).with(writer()).with(csrf()))
			.andExpect(status().isUnprocessableContent())
			.andExpect(jsonPath("$.code").value("calendar.import.empty"));
		MockMultipartFile large = new MockMultipartFile("file", "large.csv", "text/csv",
				new byte[DefaultCalendars.MAX_IMPORT_BYTES + 1]);
		this.mvc.perform(multipart("/api/v1/calendars/CN-HOLIDAYS/import").file(large).with(writer()).with(csrf()))
			.andExpect(status().isUnprocessableContent())
			.andExpect(jsonPath("$.code").value("calendar.import.too-large"));
	}

}
