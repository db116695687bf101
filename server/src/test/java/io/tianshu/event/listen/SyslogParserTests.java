package io.tianshu.event.listen;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class SyslogParserTests {

	private static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");

	private static final Instant NOW = Instant.parse("2025-06-11T02:00:00Z");

	private final SyslogParser parser = new SyslogParser(SHANGHAI, Charset.forName("GB18030"));

	private SyslogMessage parse(String line) throws RejectedInput {
		return this.parser.parse(line.getBytes(StandardCharsets.UTF_8), NOW);
	}

	@Test
	void rfc3164WithHostTagAndPid() throws Exception {
		SyslogMessage m = parse("<34>Jun 11 09:31:58 mymachine su[230]: 'su root' failed for lonvick on /dev/pts/8");
		assertThat(m.format()).isEqualTo("rfc3164");
		assertThat(m.facility()).isEqualTo(4);
		assertThat(m.severity()).isEqualTo(2);
		assertThat(m.facilityName()).isEqualTo("auth");
		assertThat(m.severityName()).isEqualTo("crit");
		// no year and no zone: the configured zone, the year nearest to arrival
		assertThat(m.timestamp()).isEqualTo(Instant.parse("2025-06-11T01:31:58Z"));
		assertThat(m.hostname()).isEqualTo("mymachine");
		assertThat(m.appName()).isEqualTo("su");
		assertThat(m.procId()).isEqualTo("230");
		assertThat(m.message()).isEqualTo("'su root' failed for lonvick on /dev/pts/8");
	}

	@Test
	void rfc3164SpacePaddedDayAndTagWithoutPid() throws Exception {
		SyslogMessage m = parse("<27>Jun  2 03:58:03 vm tag: héllo msg");
		assertThat(m.timestamp()).isEqualTo(Instant.parse("2025-06-01T19:58:03Z"));
		assertThat(m.hostname()).isEqualTo("vm");
		assertThat(m.appName()).isEqualTo("tag");
		assertThat(m.procId()).isNull();
		assertThat(m.message()).isEqualTo("héllo msg");
	}

	@Test
	void rfc3164DecemberMessageArrivingInJanuaryIsLastYears() throws Exception {
		SyslogMessage m = this.parser.parse("<13>Dec 31 23:59:59 h app: late".getBytes(StandardCharsets.US_ASCII),
				Instant.parse("2026-01-01T00:00:10Z"));
		assertThat(m.timestamp()).isEqualTo(Instant.parse("2025-12-31T15:59:59Z"));
		SyslogMessage ahead = this.parser.parse("<13>Jan  1 08:00:05 h app: early".getBytes(StandardCharsets.US_ASCII),
				Instant.parse("2025-12-31T23:59:59Z"));
		assertThat(ahead.timestamp()).isEqualTo(Instant.parse("2026-01-01T00:00:05Z"));
	}

	@Test
	void rfc3164WithoutHostname() throws Exception {
		SyslogMessage m = parse("<13>Jun 11 09:31:58 sshd[99]: Accepted publickey");
		assertThat(m.hostname()).isNull();
		assertThat(m.appName()).isEqualTo("sshd");
		assertThat(m.procId()).isEqualTo("99");
		assertThat(m.message()).isEqualTo("Accepted publickey");
	}

	@Test
	void rfc3164WithoutTimestampIsAllMessage() throws Exception {
		SyslogMessage m = parse("<13>hello world");
		assertThat(m.timestamp()).isNull();
		assertThat(m.hostname()).isNull();
		assertThat(m.appName()).isNull();
		assertThat(m.message()).isEqualTo("hello world");
		assertThat(parse("<13>myapp: started").appName()).isEqualTo("myapp");
	}

	@Test
	void rfc3164WithIsoTimestamp() throws Exception {
		SyslogMessage m = parse("<30>2025-06-11T09:31:58.123+08:00 web01 nginx[12]: upstream timed out");
		assertThat(m.timestamp()).isEqualTo(Instant.parse("2025-06-11T01:31:58.123Z"));
		assertThat(m.hostname()).isEqualTo("web01");
		assertThat(m.appName()).isEqualTo("nginx");
	}

	@Test
	void ciscoWithSequenceNumberMillisecondsAndUtc() throws Exception {
		SyslogMessage m = parse("<189>29: Jun 11 09:31:58.470 UTC: %SYS-5-CONFIG_I: Configured from console by vty0");
		assertThat(m.facilityName()).isEqualTo("local7");
		assertThat(m.severity()).isEqualTo(5);
		assertThat(m.timestamp()).isEqualTo(Instant.parse("2025-06-11T09:31:58.470Z"));
		assertThat(m.hostname()).isNull();
		assertThat(m.appName()).isNull();
		assertThat(m.message()).isEqualTo("%SYS-5-CONFIG_I: Configured from console by vty0");
	}

	@Test
	void ciscoUnsynchronisedClockAndLocalZoneName() throws Exception {
		SyslogMessage m = parse(
				"<187>123: *Jun 11 09:31:58.015 CST: %LINK-3-UPDOWN: Interface GigabitEthernet0/1, changed state to down");
		// "CST" is ambiguous (China or US Central): the configured zone applies
		assertThat(m.timestamp()).isEqualTo(Instant.parse("2025-06-11T01:31:58.015Z"));
		assertThat(m.severity()).isEqualTo(3);
		assertThat(m.message()).startsWith("%LINK-3-UPDOWN: Interface GigabitEthernet0/1");
	}

	@Test
	void ciscoWithYearAndRelayedWithHostname() throws Exception {
		SyslogMessage withYear = parse("<189>45: Jun 11 2024 09:31:58: %SYS-5-RESTART: System restarted");
		assertThat(withYear.timestamp()).isEqualTo(Instant.parse("2024-06-11T01:31:58Z"));
		assertThat(withYear.message()).isEqualTo("%SYS-5-RESTART: System restarted");
		SyslogMessage relayed = parse(
				"<187>Jun 11 09:31:58 router1 1234: Jun 11 09:31:57.470: %LINK-3-UPDOWN: Interface Gi0/2, changed state to up");
		assertThat(relayed.hostname()).isEqualTo("router1");
		assertThat(relayed.appName()).isNull();
		assertThat(relayed.message()).isEqualTo("%LINK-3-UPDOWN: Interface Gi0/2, changed state to up");
	}

	@Test
	void rfc5424WithStructuredDataAndEscapes() throws Exception {
		SyslogMessage m = parse("<165>1 2003-10-11T22:14:15.003Z mymachine.example.com evntslog - ID47 "
				+ "[exampleSDID@32473 iut=\"3\" eventSource=\"Application\" eventID=\"1011\"]"
				+ "[examplePriority@32473 class=\"high\" note=\"a \\\"quoted\\\" \\] and \\\\ and \\x\"] "
				+ "An application event log entry...");
		assertThat(m.format()).isEqualTo("rfc5424");
		assertThat(m.facilityName()).isEqualTo("local4");
		assertThat(m.severityName()).isEqualTo("notice");
		assertThat(m.timestamp()).isEqualTo(Instant.parse("2003-10-11T22:14:15.003Z"));
		assertThat(m.hostname()).isEqualTo("mymachine.example.com");
		assertThat(m.appName()).isEqualTo("evntslog");
		assertThat(m.procId()).isNull();
		assertThat(m.msgId()).isEqualTo("ID47");
		assertThat(m.structuredData()).containsOnlyKeys("exampleSDID@32473", "examplePriority@32473");
		assertThat(m.structuredData().get("exampleSDID@32473")).containsEntry("iut", "3")
			.containsEntry("eventSource", "Application")
			.containsEntry("eventID", "1011");
		assertThat(m.structuredData().get("examplePriority@32473")).containsEntry("class", "high")
			.containsEntry("note", "a \"quoted\" ] and \\ and \\x");
		assertThat(m.message()).isEqualTo("An application event log entry...");
	}

	@Test
	void rfc5424WithBomAndUtf8InStructuredData() throws Exception {
		byte[] head = "<34>1 2003-10-11T22:14:15.003+08:00 host su 77 - [origin city=\"上海\"] "
			.getBytes(StandardCharsets.UTF_8);
		byte[] msg = "'su root' 失败".getBytes(StandardCharsets.UTF_8);
		byte[] raw = new byte[head.length + 3 + msg.length];
		System.arraycopy(head, 0, raw, 0, head.length);
		raw[head.length] = (byte) 0xEF;
		raw[head.length + 1] = (byte) 0xBB;
		raw[head.length + 2] = (byte) 0xBF;
		System.arraycopy(msg, 0, raw, head.length + 3, msg.length);
		SyslogMessage m = this.parser.parse(raw, NOW);
		assertThat(m.timestamp()).isEqualTo(Instant.parse("2003-10-11T14:14:15.003Z"));
		assertThat(m.procId()).isEqualTo("77");
		assertThat(m.structuredData().get("origin")).containsEntry("city", "上海");
		assertThat(m.message()).isEqualTo("'su root' 失败");
	}

	@Test
	void rfc5424AllNilAndNoMessage() throws Exception {
		SyslogMessage m = parse("<14>1 - - - - - -");
		assertThat(m.timestamp()).isNull();
		assertThat(m.hostname()).isNull();
		assertThat(m.appName()).isNull();
		assertThat(m.structuredData()).isEmpty();
		assertThat(m.message()).isEmpty();
	}

	@Test
	void notUtf8FallsBackToTheConfiguredCharset() throws Exception {
		byte[] gbk = "<11>Jun 11 09:31:58 fw01 kernel: 告警".getBytes(Charset.forName("GBK"));
		assertThat(this.parser.parse(gbk, NOW).message()).isEqualTo("告警");
		SyslogParser latin = new SyslogParser(ZoneOffset.UTC, StandardCharsets.ISO_8859_1);
		byte[] raw = "<11>1 - - - - - - caf\u00e9".getBytes(StandardCharsets.ISO_8859_1);
		assertThat(latin.parse(raw, NOW).message()).isEqualTo("café");
	}

	@Test
	void trailingNewlinesAndNulsAreNotPartOfTheMessage() throws Exception {
		assertThat(parse("<13>Jun 11 09:31:58 h app: text\r\n\u0000").message()).isEqualTo("text");
	}

	@Test
	void garbageIsRejectedWithAReason() {
		assertReason("", "syslog.empty");
		assertReason("\n\r\n", "syslog.empty");
		assertReason("GET / HTTP/1.1", "syslog.missing-pri");
		assertReason("<>hello", "syslog.invalid-pri");
		assertReason("<1234>hello", "syslog.invalid-pri");
		assertReason("<1x>hello", "syslog.invalid-pri");
		assertReason("<192>hello", "syslog.invalid-pri");
		assertReason("<13", "syslog.invalid-pri");
		assertReason("<13>1 2003-13-45T99:00:00Z host app - - - msg", "syslog.invalid-timestamp");
		assertReason("<13>1 2003-10-11T22:14:15Z host", "syslog.invalid-header");
		assertReason("<13>1 2003-10-11T22:14:15Z host app 1 id ", "syslog.invalid-header");
		assertReason("<13>1 - host app - - [id a=\"unterminated]", "syslog.invalid-structured-data");
		assertReason("<13>1 - host app - - [id a=b]", "syslog.invalid-structured-data");
		assertReason("<13>1 - host app - - x msg", "syslog.invalid-structured-data");
		assertReason("<13>1 - host app - - [id]x", "syslog.invalid-structured-data");
	}

	private void assertReason(String line, String reason) {
		assertThatExceptionOfType(RejectedInput.class).as(line)
			.isThrownBy(() -> parse(line))
			.satisfies((ex) -> assertThat(ex.reason()).isEqualTo(reason));
	}

	@Test
	void randomBytesNeverEscapeAsAnythingButARejection() {
		java.util.Random random = new java.util.Random(42);
		int parsed = 0;
		for (int i = 0; i < 20_000; i++) {
			byte[] raw = new byte[random.nextInt(120)];
			random.nextBytes(raw);
			if (raw.length > 0 && random.nextBoolean()) {
				raw[0] = '<';
			}
			try {
				this.parser.parse(raw, NOW);
				parsed++;
			}
			catch (RejectedInput ex) {
				assertThat(ex.reason()).startsWith("syslog.");
			}
		}
		// only inputs that happen to start with a valid <PRI> parse (leniently, as RFC
		// 3164)
		assertThat(parsed).isLessThan(2_000);
	}

}
