package io.tianshu.event.listen;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;
import java.util.UUID;

import io.tianshu.TianshuIntegrationTest;
import io.tianshu.event.AlertQuery;
import io.tianshu.event.AlertView;
import io.tianshu.event.Alerts;
import io.tianshu.event.IntegrationKind;
import io.tianshu.event.LabelMatcher;
import io.tianshu.event.Severity;
import io.tianshu.platform.Authorization;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The syslog listener wired to the real intake: a message sent over UDP is stored as an
 * alert of a syslog integration, and the same message again is a duplicate, not a second
 * alert.
 */
@TianshuIntegrationTest
class ListenerIntakeIntegrationTests {

	@Autowired
	ReceivedSignalSink sink;

	@Autowired
	Alerts alerts;

	@Autowired
	Authorization authorization;

	@Test
	void syslogOverUdpIsStoredAsAnAlertAndRepeatsAreDuplicates() throws IOException {
		assertThat(this.sink).isNotInstanceOf(LoggingSignalSink.class);
		SyslogProperties properties = new SyslogProperties();
		properties.setEnabled(true);
		properties.setBindAddress("127.0.0.1");
		properties.setUdpPort(0);
		properties.setTcpPort(0);
		SyslogListener listener = new SyslogListener(properties, this.sink, Clock.systemUTC());
		listener.start();
		try {
			String host = "lsn" + UUID.randomUUID().toString().substring(0, 6);
			String line = "<26>Jun 11 09:31:58 " + host + " raid[7]: array degraded";
			udp(listener.udpPort(), line);
			AlertView stored = await().until(() -> find(host), (found) -> found.size() == 1).get(0);
			assertThat(stored.source()).isEqualTo(IntegrationKind.SYSLOG);
			assertThat(stored.severity()).isEqualTo(Severity.CRITICAL);
			assertThat(stored.summary()).contains("array degraded");
			udp(listener.udpPort(), line);
			await().untilAsserted(() -> {
				List<AlertView> again = find(host);
				assertThat(again).hasSize(1);
				assertThat(again.get(0).duplicates() + again.get(0).occurrences())
					.isGreaterThan(stored.duplicates() + stored.occurrences());
			});
		}
		finally {
			listener.stop();
		}
	}

	private List<AlertView> find(String host) {
		return this.authorization.runAsSystem(() -> this.alerts
			.search(new AlertQuery(null, null, null, null, null, null, List.of(LabelMatcher.parse("host=" + host)),
					null, null, null, null, 10))
			.items());
	}

	private static void udp(int port, String message) throws IOException {
		try (DatagramSocket socket = new DatagramSocket()) {
			byte[] bytes = message.getBytes(StandardCharsets.UTF_8);
			socket.send(new DatagramPacket(bytes, bytes.length, InetAddress.getLoopbackAddress(), port));
		}
	}

}
