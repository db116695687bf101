package io.tianshu.event.listen;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class MappingRulesTests {

	private final MappingRules syslogDefaults = MappingRules.load("syslog", null, true);

	private final MappingRules snmpDefaults = MappingRules.load("snmp", null, true);

	private static Map<String, String> syslog(int severity, String message) {
		SyslogMessage m = new SyslogMessage("rfc3164", 3, severity, null, "web01", "nginx", "12", null, Map.of(),
				message);
		return SyslogReceiver.fields(m, "udp", "10.0.0.5");
	}

	@Test
	void syslogSeveritiesMapToTheCommonScale() {
		String[] expected = { "critical", "critical", "critical", "major", "warning", "info", "info", "info" };
		for (int severity = 0; severity < 8; severity++) {
			MappingRules.Outcome o = this.syslogDefaults.apply(syslog(severity, "boom"));
			assertThat(o.severity()).as("severity %d", severity).isEqualTo(expected[severity]);
			assertThat(o.dropped()).isFalse();
		}
		MappingRules.Outcome o = this.syslogDefaults.apply(syslog(3, "upstream timed out"));
		assertThat(o.summary()).isEqualTo("nginx: upstream timed out");
		assertThat(o.labels()).containsEntry("host", "web01")
			.containsEntry("app", "nginx")
			.containsEntry("facility", "daemon");
		assertThat(o.annotations()).containsEntry("message", "upstream timed out").containsEntry("procid", "12");
		assertThat(o.fingerprint()).isNull();
		assertThat(o.status()).isNull();
	}

	@Test
	void ciscoLinkUpResolvesTheLinkDownOfTheSameInterface() {
		MappingRules.Outcome down = this.syslogDefaults
			.apply(syslog(3, "%LINK-3-UPDOWN: Interface GigabitEthernet0/1, changed state to down"));
		MappingRules.Outcome up = this.syslogDefaults
			.apply(syslog(3, "%LINK-3-UPDOWN: Interface GigabitEthernet0/1, changed state to up"));
		assertThat(down.status()).isEqualTo("firing");
		assertThat(up.status()).isEqualTo("resolved");
		assertThat(down.fingerprint()).isEqualTo("web01/link/GigabitEthernet0/1").isEqualTo(up.fingerprint());
		assertThat(down.summary()).isEqualTo("Link down: web01 GigabitEthernet0/1");
		assertThat(down.labels()).containsEntry("interface", "GigabitEthernet0/1").containsEntry("host", "web01");
		assertThat(down.matched()).containsExactly("cisco-link-down", "severity-major", "syslog-defaults");
	}

	@Test
	void snmpLinkDownAndLinkUpShareAFingerprint() {
		Map<String, String> fields = new HashMap<>(
				Map.of("trapOid", "1.3.6.1.6.3.1.1.5.3", "host", "10.0.0.1", "ifIndex", "2", "trapName", "linkDown"));
		MappingRules.Outcome down = this.snmpDefaults.apply(fields);
		fields.put("trapOid", "1.3.6.1.6.3.1.1.5.4");
		fields.put("trapName", "linkUp");
		fields.put("ifDescr", "eth1");
		MappingRules.Outcome up = this.snmpDefaults.apply(fields);
		assertThat(down.status()).isEqualTo("firing");
		assertThat(down.severity()).isEqualTo("major");
		assertThat(up.status()).isEqualTo("resolved");
		assertThat(down.fingerprint()).isEqualTo("10.0.0.1/link/2").isEqualTo(up.fingerprint());
		assertThat(down.summary()).isEqualTo("Link down: 10.0.0.1 interface 2");
		assertThat(up.summary()).isEqualTo("Link up: 10.0.0.1 interface eth1");
		assertThat(this.snmpDefaults.apply(Map.of("trapOid", "1.3.6.1.6.3.1.1.5.1", "host", "h")).severity())
			.isEqualTo("info");
		assertThat(this.snmpDefaults.apply(Map.of("trapOid", "1.3.6.1.6.3.1.1.5.5", "host", "h")).severity())
			.isEqualTo("warning");
		MappingRules.Outcome unknown = this.snmpDefaults
			.apply(Map.of("trapOid", "1.3.6.1.4.1.9.9.41.2.0.1", "host", "h"));
		assertThat(unknown.severity()).isEqualTo("warning");
		assertThat(unknown.summary()).isEqualTo("SNMP trap 1.3.6.1.4.1.9.9.41.2.0.1 from h");
	}

	@Test
	void aRulesFileRefinesTheBuiltInRulesFieldByField(@TempDir Path dir) throws Exception {
		Path file = dir.resolve("rules.yaml");
		Files.writeString(file, """
				- name: drop-debug
				  match: {severity: '7'}
				  drop: true
				- name: keep-debug-of-payments
				  match: {app: 'payment.*', severity: '7'}
				  drop: false
				- name: disk-full
				  match:
				    message: 'disk (?<mount>/\\S*) is (?<pct>\\d+)% full'
				  severity: '${pct:-0}'
				  summary: 'Disk ${mount} on ${host} at ${pct}%'
				  fingerprint: '${host}/disk/${mount}'
				  labels: {mount: '${mount}', host: 'overridden-${host}'}
				""");
		MappingRules rules = MappingRules.load("syslog", file, true);
		// drop-debug is first and sets drop, so payments debug is dropped too: order
		// matters
		assertThat(rules.apply(syslog(7, "noise")).dropped()).isTrue();
		MappingRules.Outcome disk = rules.apply(syslog(4, "disk /var is 97% full"));
		// an invalid rendered severity ("97") falls through to the next rule that sets
		// one
		assertThat(disk.severity()).isEqualTo("warning");
		assertThat(disk.summary()).isEqualTo("Disk /var on web01 at 97%");
		assertThat(disk.fingerprint()).isEqualTo("web01/disk//var");
		// the file's label wins over the built-in one, the others still come from the
		// built-ins
		assertThat(disk.labels()).containsEntry("host", "overridden-web01")
			.containsEntry("mount", "/var")
			.containsEntry("app", "nginx");
	}

	@Test
	void withoutBuiltInsOnlyTheFileApplies(@TempDir Path dir) throws Exception {
		Path file = dir.resolve("rules.json");
		Files.writeString(file, "[{\"name\": \"all\", \"severity\": \"minor\", \"summary\": \"${message}\"}]");
		MappingRules rules = MappingRules.load("syslog", file, false);
		assertThat(rules.size()).isEqualTo(1);
		MappingRules.Outcome o = rules.apply(syslog(0, "x"));
		assertThat(o.severity()).isEqualTo("minor");
		assertThat(o.labels()).isEmpty();
	}

	@Test
	void invalidRulesAreReportedWithTheirName() {
		assertInvalid("- match: {a: b}", "name missing");
		assertInvalid("- name: r\n  match: {a: '('}", "rule 'r': match.a is not a regular expression");
		assertInvalid("- name: r\n  severity: high", "severity must be one of");
		assertInvalid("- name: r\n  status: open", "status must be one of");
		assertInvalid("- name: r\n  drop: maybe", "drop must be true or false");
		assertInvalid("- name: r\n  sumary: x", "unknown key 'sumary'");
		assertInvalid("- name: r\n  summary: '${host'", "unterminated");
		assertInvalid("name: r", "not a YAML/JSON list of rules");
	}

	private static void assertInvalid(String yaml, String message) {
		assertThatIllegalArgumentException().isThrownBy(
				() -> MappingRules.parse(new ByteArrayInputStream(yaml.getBytes(StandardCharsets.UTF_8)), "test.yaml"))
			.withMessageContaining(message);
	}

	@Test
	void templatesWithNestedFallbacks() {
		Template t = Template.of("a ${x:-${y:-none}} b ${z}");
		assertThat(t.render(Map.of("x", "1"))).isEqualTo("a 1 b ");
		assertThat(t.render(Map.of("y", "2", "z", "3"))).isEqualTo("a 2 b 3");
		assertThat(t.render(Map.of())).isEqualTo("a none b ");
		assertThat(Template.of("plain $ and } text").render(Map.of())).isEqualTo("plain $ and } text");
	}

	@Test
	void signalsAreBoundedAndFarFutureTimestampsNotBelieved() {
		MappingRules.Outcome outcome = this.syslogDefaults.apply(syslog(3, "x".repeat(10_000)));
		Map<String, String> extra = new HashMap<>();
		for (int i = 0; i < 200; i++) {
			extra.put("sd.id.p" + i, "v");
		}
		Instant now = Instant.parse("2025-06-11T02:00:00Z");
		ReceivedSignal s = SignalShape.build("syslog", "syslog", now, "10.0.0.5", outcome, "info", "err", "fallback",
				extra, now.plusSeconds(86_400), new byte[0]);
		assertThat(s.summary()).hasSize(SignalShape.MAX_SUMMARY);
		assertThat(s.annotations()).hasSize(SignalShape.MAX_ANNOTATIONS)
			.containsEntry("sourceTimestamp", "2025-06-12T02:00:00Z");
		assertThat(s.annotations().get("message")).hasSize(SignalShape.MAX_ANNOTATION_VALUE);
		assertThat(s.startsAt()).isEqualTo(now);
		assertThat(s.severity()).isEqualTo("major");
		assertThat(s.status()).isEqualTo("firing");
	}

}
