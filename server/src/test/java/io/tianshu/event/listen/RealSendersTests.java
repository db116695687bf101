package io.tianshu.event.listen;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The listeners against the real senders from Debian: util-linux {@code logger} and
 * net-snmp's {@code snmptrap}. Skipped only where the binaries are not installed (CI
 * installs them, see {@code .ci/run}).
 */
class RealSendersTests {

	private static final Path LOGGER = Path.of("/usr/bin/logger");

	private static final Path SNMPTRAP = Path.of("/usr/bin/snmptrap");

	private final CollectingSink sink = new CollectingSink();

	private SyslogListener syslog;

	private SnmpTrapListener snmp;

	@TempDir
	Path snmpHome;

	@AfterEach
	void stop() {
		if (this.syslog != null) {
			this.syslog.stop();
		}
		if (this.snmp != null) {
			this.snmp.stop();
		}
	}

	private SyslogListener syslog() {
		Assumptions.assumeTrue(Files.isExecutable(LOGGER), LOGGER + " is not installed (apt-get install bsdutils)");
		SyslogProperties properties = new SyslogProperties();
		properties.setBindAddress("127.0.0.1");
		properties.setUdpPort(0);
		properties.setTcpPort(0);
		this.syslog = new SyslogListener(properties, this.sink, Clock.systemUTC());
		this.syslog.start();
		return this.syslog;
	}

	private SnmpTrapListener snmp() {
		Assumptions.assumeTrue(Files.isExecutable(SNMPTRAP), SNMPTRAP + " is not installed (apt-get install snmp)");
		SnmpProperties properties = new SnmpProperties();
		properties.setBindAddress("127.0.0.1");
		properties.setPort(0);
		this.snmp = new SnmpTrapListener(properties, this.sink, Clock.systemUTC());
		this.snmp.start();
		return this.snmp;
	}

	private String run(String... command) throws IOException, InterruptedException {
		ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
		// no MIBs to load, no persistent state in the user's home
		builder.environment().put("MIBS", "");
		builder.environment().put("SNMP_PERSISTENT_DIR", this.snmpHome.toString());
		builder.environment().put("SNMPCONFPATH", this.snmpHome.toString());
		Process process = builder.start();
		assertThat(process.waitFor(20, TimeUnit.SECONDS)).as("%s finished", command[0]).isTrue();
		String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
		assertThat(process.exitValue()).as("%s exit code, output: %s", String.join(" ", command), output).isZero();
		return output;
	}

	private String logger(String transport, String format, String priority, String tag, String message)
			throws IOException, InterruptedException {
		int port = transport.equals("--udp") ? this.syslog.udpPort() : this.syslog.tcpPort();
		List<String> command = new ArrayList<>(List.of(LOGGER.toString(), "--server", "127.0.0.1", "--port",
				Integer.toString(port), transport, format, "-t", tag, "-p", priority));
		command.add(message);
		return run(command.toArray(String[]::new));
	}

	@Test
	void loggerOverUdpAndTcpInBothFormats() throws Exception {
		syslog();
		logger("--udp", "--rfc3164", "daemon.err", "udp3164", "disk /data 91% full");
		logger("--udp", "--rfc5424", "daemon.crit", "udp5424", "数据库连接池耗尽");
		logger("--tcp", "--rfc3164", "local0.warning", "tcp3164", "queue depth high");
		logger("--tcp", "--rfc5424", "user.info", "tcp5424", "job finished");
		await().untilAsserted(() -> assertThat(this.sink.signals()).hasSize(4));
		assertThat(this.sink.signals())
			.extracting((s) -> s.labels().get("app") + " " + s.severity() + " " + s.summary())
			.containsExactlyInAnyOrder("udp3164 major udp3164: disk /data 91% full",
					"udp5424 critical udp5424: 数据库连接池耗尽", "tcp3164 warning tcp3164: queue depth high",
					"tcp5424 info tcp5424: job finished");
		ReceivedSignal rfc5424 = this.sink.signals()
			.stream()
			.filter((s) -> s.labels().get("app").equals("udp5424"))
			.findFirst()
			.orElseThrow();
		// logger adds its own structured data
		assertThat(rfc5424.annotations()).containsKey("sd.timeQuality.tzKnown");
		assertThat(rfc5424.labels().get("facility")).isEqualTo("daemon");
		assertThat(this.syslog.status().rejected()).isZero();
	}

	@Test
	void loggerWithOctetCountingAndStructuredData() throws Exception {
		syslog();
		run(LOGGER.toString(), "--server", "127.0.0.1", "--port", Integer.toString(this.syslog.tcpPort()), "--tcp",
				"--octet-count", "--rfc5424", "--sd-id", "deploy@32473", "--sd-param", "version=\"1.4.2\"", "--msgid",
				"DEPLOY", "-t", "ci", "-p", "local3.notice", "deployed");
		await().untilAsserted(() -> assertThat(this.sink.signals()).hasSize(1));
		ReceivedSignal signal = this.sink.signals().get(0);
		assertThat(signal.annotations()).containsEntry("sd.deploy@32473.version", "1.4.2")
			.containsEntry("msgid", "DEPLOY");
		assertThat(signal.summary()).isEqualTo("ci: deployed");
	}

	@Test
	void snmptrapV2cLinkDownAndLinkUp() throws Exception {
		snmp();
		String target = "udp:127.0.0.1:" + this.snmp.port();
		run(SNMPTRAP.toString(), "-v", "2c", "-c", "public", target, "", "1.3.6.1.6.3.1.1.5.3", "1.3.6.1.2.1.2.2.1.1.2",
				"i", "2", "1.3.6.1.2.1.2.2.1.2.2", "s", "GigabitEthernet0/2");
		await().untilAsserted(() -> assertThat(this.sink.signals()).hasSize(1));
		run(SNMPTRAP.toString(), "-v", "2c", "-c", "public", target, "", "1.3.6.1.6.3.1.1.5.4", "1.3.6.1.2.1.2.2.1.1.2",
				"i", "2");
		await().untilAsserted(() -> assertThat(this.sink.signals()).hasSize(2));
		ReceivedSignal down = this.sink.signals().get(0);
		ReceivedSignal up = this.sink.signals().get(1);
		assertThat(down.status()).isEqualTo("firing");
		assertThat(down.summary()).isEqualTo("Link down: 127.0.0.1 interface GigabitEthernet0/2");
		assertThat(up.status()).isEqualTo("resolved");
		assertThat(up.fingerprint()).isEqualTo(down.fingerprint()).isEqualTo("127.0.0.1/link/2");
	}

	@Test
	void snmptrapV1AndInformAndV3() throws Exception {
		snmp();
		String target = "udp:127.0.0.1:" + this.snmp.port();
		// v1: enterprise, agent-addr, generic trap 2 (linkDown), specific 0, uptime from
		// the agent
		run(SNMPTRAP.toString(), "-v", "1", "-c", "public", target, "1.3.6.1.4.1.8072.3.2.10", "192.0.2.7", "2", "0",
				"", "1.3.6.1.2.1.2.2.1.1.3", "i", "3");
		// an inform succeeds (exit 0) only when answered
		run(SNMPTRAP.toString(), "-v", "2c", "-c", "public", "-Ci", "-r", "0", "-t", "5", target, "",
				"1.3.6.1.6.3.1.1.5.1");
		await().untilAsserted(() -> assertThat(this.sink.signals()).hasSize(2));
		ReceivedSignal v1 = this.sink.signals().get(0);
		assertThat(v1.labels()).containsEntry("host", "192.0.2.7").containsEntry("trapName", "linkDown");
		assertThat(v1.fingerprint()).isEqualTo("192.0.2.7/link/3");
		assertThat(v1.annotations()).containsEntry("enterprise", "1.3.6.1.4.1.8072.3.2.10");
		assertThat(this.sink.signals().get(1).summary()).isEqualTo("Cold start: 127.0.0.1 restarted");
		// SNMPv3 is not supported: counted, not crashed
		run(SNMPTRAP.toString(), "-v", "3", "-u", "nobody", "-l", "noAuthNoPriv", "-e", "0x80001f8880aabbccdd", target,
				"", "1.3.6.1.6.3.1.1.5.1");
		await().untilAsserted(
				() -> assertThat(this.snmp.status().rejectedByReason()).containsEntry("snmp.unsupported-version", 1L));
		assertThat(this.snmp.running()).isTrue();
	}

}
