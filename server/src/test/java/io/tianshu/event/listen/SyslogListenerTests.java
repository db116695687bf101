package io.tianshu.event.listen;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The syslog listener on real loopback sockets (ephemeral ports), into an in-memory sink.
 */
class SyslogListenerTests {

	private static final InetAddress LOOPBACK = InetAddress.getLoopbackAddress();

	private final CollectingSink sink = new CollectingSink();

	private final List<SyslogListener> started = new ArrayList<>();

	@AfterEach
	void stop() {
		this.started.forEach(SyslogListener::stop);
	}

	private SyslogListener start(Consumer<SyslogProperties> customize) {
		return start(customize, Clock.systemUTC());
	}

	private SyslogListener start(Consumer<SyslogProperties> customize, Clock clock) {
		SyslogProperties properties = new SyslogProperties();
		properties.setEnabled(true);
		properties.setBindAddress("127.0.0.1");
		properties.setUdpPort(0);
		properties.setTcpPort(0);
		customize.accept(properties);
		SyslogListener listener = new SyslogListener(properties, this.sink, clock);
		listener.start();
		this.started.add(listener);
		return listener;
	}

	private static void udp(int port, String... messages) throws IOException {
		try (DatagramSocket socket = new DatagramSocket()) {
			for (String message : messages) {
				byte[] bytes = message.getBytes(StandardCharsets.UTF_8);
				socket.send(new DatagramPacket(bytes, bytes.length, LOOPBACK, port));
			}
		}
	}

	@Test
	void udpMessagesBecomeSignals() throws IOException {
		SyslogListener listener = start((p) -> {
		});
		udp(listener.udpPort(), "<27>Jun 11 09:31:58 web01 nginx[12]: upstream timed out",
				"<165>1 2003-10-11T22:14:15.003Z db01 postgres 77 ID47 [meta sequenceId=\"29\"] checkpoint");
		await().untilAsserted(() -> assertThat(this.sink.signals()).hasSize(2));
		ReceivedSignal first = this.sink.signals()
			.stream()
			.filter((s) -> "nginx".equals(s.labels().get("app")))
			.findFirst()
			.orElseThrow();
		assertThat(first.protocol()).isEqualTo("syslog");
		assertThat(first.integrationKey()).isEqualTo("syslog");
		assertThat(first.sourceAddress()).isEqualTo("127.0.0.1");
		assertThat(first.severity()).isEqualTo("major");
		assertThat(first.sourceSeverity()).isEqualTo("err");
		assertThat(first.status()).isEqualTo("firing");
		assertThat(first.summary()).isEqualTo("nginx: upstream timed out");
		assertThat(first.labels()).containsEntry("host", "web01").containsEntry("facility", "daemon");
		assertThat(new String(first.raw(), StandardCharsets.UTF_8)).startsWith("<27>Jun 11");
		ReceivedSignal second = this.sink.signals()
			.stream()
			.filter((s) -> "postgres".equals(s.labels().get("app")))
			.findFirst()
			.orElseThrow();
		assertThat(second.severity()).isEqualTo("info");
		assertThat(second.startsAt()).isEqualTo(java.time.Instant.parse("2003-10-11T22:14:15.003Z"));
		assertThat(second.annotations()).containsEntry("sd.meta.sequenceId", "29").containsEntry("msgid", "ID47");
	}

	@Test
	void tcpWithOctetCountingAndNewlineFraming() throws IOException {
		SyslogListener listener = start((p) -> {
		});
		String counted = "<14>1 - app01 svc - - - counted one";
		try (Socket socket = new Socket(LOOPBACK, listener.tcpPort())) {
			OutputStream out = socket.getOutputStream();
			out.write(
					(counted.getBytes(StandardCharsets.UTF_8).length + " " + counted).getBytes(StandardCharsets.UTF_8));
			out.write("<12>Jun 11 09:31:58 app01 svc: newline two\n<12>Jun 11 09:31:59 app01 svc: newline three\n"
				.getBytes(StandardCharsets.UTF_8));
			out.flush();
			await().untilAsserted(() -> assertThat(this.sink.signals()).extracting(ReceivedSignal::summary)
				.containsExactly("svc: counted one", "svc: newline two", "svc: newline three"));
			assertThat(listener.status().openConnections()).isEqualTo(1);
		}
		await().untilAsserted(() -> assertThat(listener.status().openConnections()).isZero());
	}

	@Test
	void garbageIsCountedAndSampledAndTheListenersKeepWorking() throws IOException {
		SyslogListener listener = start((p) -> p.setMaxMessageSize(1000));
		udp(listener.udpPort(), "GET / HTTP/1.1", "<999>nope", "", "<13>1 bad-time h a - - - x");
		try (DatagramSocket socket = new DatagramSocket()) {
			byte[] big = ("<13>" + "z".repeat(2000)).getBytes(StandardCharsets.US_ASCII);
			socket.send(new DatagramPacket(big, big.length, LOOPBACK, listener.udpPort()));
			byte[] binary = { (byte) 0x80, 0x00, (byte) 0xff, '<', '1', '>' };
			socket.send(new DatagramPacket(binary, binary.length, LOOPBACK, listener.udpPort()));
		}
		try (Socket socket = new Socket(LOOPBACK, listener.tcpPort())) {
			socket.getOutputStream().write("\u0016\u0003\u0001 tls hello?\n".getBytes(StandardCharsets.ISO_8859_1));
			socket.getOutputStream().flush();
		}
		udp(listener.udpPort(), "<13>Jun 11 09:31:58 h app: still alive");
		await().untilAsserted(() -> assertThat(this.sink.signals()).extracting(ReceivedSignal::summary)
			.containsExactly("app: still alive"));
		await().untilAsserted(() -> {
			ListenerStatus status = listener.status();
			assertThat(status.rejectedByReason()).containsEntry("syslog.missing-pri", 3L)
				.containsEntry("syslog.invalid-pri", 1L)
				.containsEntry("syslog.empty", 1L)
				.containsEntry("syslog.invalid-timestamp", 1L)
				.containsEntry("syslog.too-large", 1L);
			assertThat(status.rejected()).isEqualTo(7);
			assertThat(status.received()).isEqualTo(8);
			assertThat(status.stored()).isEqualTo(1);
		});
		List<Rejection> recent = listener.status().recentRejections();
		Rejection tls = recent.stream().filter((r) -> r.transport().equals("tcp")).findFirst().orElseThrow();
		assertThat(tls.reason()).isEqualTo("syslog.missing-pri");
		assertThat(tls.sourceAddress()).isEqualTo("127.0.0.1");
		assertThat(tls.sample()).startsWith("\\x16\\x03\\x01 tls hello?");
		assertThat(recent).extracting(Rejection::sample).contains("GET / HTTP/1.1", "<999>nope");
		assertThat(listener.status().endpoints()).allSatisfy((e) -> assertThat(e.running()).isTrue());
	}

	@Test
	void theStatusSaysWhenTheListenerStartedAndWhenTheLastMessageArrived() throws IOException {
		Instant start = Instant.parse("2026-03-02T01:00:00Z");
		SettableClock clock = new SettableClock(start);
		SyslogListener listener = start((p) -> {
		}, clock);
		ListenerStatus before = listener.status();
		assertThat(before.enabled()).isTrue();
		assertThat(before.startedAt()).isEqualTo(start);
		assertThat(before.lastMessageAt()).as("nothing received yet").isNull();
		assertThat(before.endpoints()).extracting(ListenerStatus.Endpoint::address)
			.containsExactly("127.0.0.1:" + listener.udpPort(), "127.0.0.1:" + listener.tcpPort());
		Instant later = start.plusSeconds(90);
		clock.set(later);
		udp(listener.udpPort(), "<13>Jun 11 09:31:58 h app: hello", "no pri at all");
		await().untilAsserted(() -> {
			ListenerStatus status = listener.status();
			assertThat(status.received()).isEqualTo(2);
			assertThat(status.stored()).isEqualTo(1);
			assertThat(status.rejectedByReason()).containsExactly(java.util.Map.entry("syslog.missing-pri", 1L));
		});
		ListenerStatus after = listener.status();
		assertThat(after.startedAt()).isEqualTo(start);
		assertThat(after.lastMessageAt()).isEqualTo(later);
	}

	@Test
	void connectionsBeyondTheLimitAreClosedAndIdleOnesTimeOut() throws IOException {
		SyslogListener listener = start((p) -> {
			p.setMaxConnections(1);
			p.setIdleTimeout(Duration.ofMillis(300));
		});
		try (Socket first = new Socket(LOOPBACK, listener.tcpPort());
				Socket second = new Socket(LOOPBACK, listener.tcpPort())) {
			await().untilAsserted(() -> assertThat(listener.status().rejectedByReason())
				.containsEntry("syslog.too-many-connections", 1L));
			second.setSoTimeout(5000);
			assertThat(second.getInputStream().read()).as("closed by the listener").isEqualTo(-1);
			first.setSoTimeout(5000);
			InputStream in = first.getInputStream();
			// silent for longer than the idle timeout: the listener closes it
			assertThat(in.read()).isEqualTo(-1);
			await().untilAsserted(() -> assertThat(listener.status().openConnections()).isZero());
		}
	}

	@Test
	void signalsAreDeliveredInBatchesAndRetriedWhenTheSinkFails() throws IOException {
		SyslogListener listener = start((p) -> {
			p.setBatchSize(50);
			p.setBatchDelay(Duration.ofMillis(200));
		});
		this.sink.failNext(2);
		String[] messages = new String[120];
		for (int i = 0; i < messages.length; i++) {
			messages[i] = "<13>1 - h app - - - message " + i;
		}
		// over TCP nothing is lost on the way, so every message must arrive exactly once
		try (Socket socket = new Socket(LOOPBACK, listener.tcpPort())) {
			OutputStream out = socket.getOutputStream();
			for (String message : messages) {
				out.write((message + "\n").getBytes(StandardCharsets.UTF_8));
			}
			out.flush();
			await().untilAsserted(() -> assertThat(this.sink.signals()).hasSize(120));
		}
		assertThat(this.sink.signals()).extracting(ReceivedSignal::summary)
			.containsExactly(java.util.Arrays.stream(messages)
				.map((m) -> "app: " + m.substring(m.indexOf("message")))
				.toArray(String[]::new));
		assertThat(this.sink.batches()).allSatisfy((batch) -> assertThat(batch).hasSizeLessThanOrEqualTo(50));
		assertThat(this.sink.batches().size()).isLessThan(120);
		assertThat(listener.status().sinkFailures()).isEqualTo(2);
		assertThat(this.sink.calls()).isEqualTo(this.sink.batches().size() + 2);
	}

	@Test
	void rulesCanDropMessages(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws IOException {
		java.nio.file.Path rules = dir.resolve("syslog.yaml");
		java.nio.file.Files.writeString(rules, "- name: no-debug\n  match: {severity: '7'}\n  drop: true\n");
		SyslogListener listener = start((p) -> p.setRulesFile(rules));
		udp(listener.udpPort(), "<15>Jun 11 09:31:58 h app: debug noise", "<11>Jun 11 09:31:58 h app: real");
		await().untilAsserted(() -> assertThat(listener.status().dropped()).isEqualTo(1));
		await().untilAsserted(
				() -> assertThat(this.sink.signals()).extracting(ReceivedSignal::summary).containsExactly("app: real"));
	}

	@Test
	void aPortInUseLeavesThatTransportOffWithTheReason() throws IOException {
		try (DatagramSocket taken = new DatagramSocket(0, LOOPBACK)) {
			SyslogListener listener = start((p) -> {
				p.setUdpPort(taken.getLocalPort());
				p.setTcpEnabled(false);
			});
			ListenerStatus.Endpoint udp = listener.status().endpoints().get(0);
			assertThat(udp.running()).isFalse();
			assertThat(udp.error()).contains("BindException");
		}
	}

	/** A clock the test moves. */
	private static final class SettableClock extends Clock {

		private final AtomicReference<Instant> now;

		SettableClock(Instant now) {
			this.now = new AtomicReference<>(now);
		}

		void set(Instant instant) {
			this.now.set(instant);
		}

		@Override
		public ZoneId getZone() {
			return ZoneOffset.UTC;
		}

		@Override
		public Clock withZone(ZoneId zone) {
			return this;
		}

		@Override
		public Instant instant() {
			return this.now.get();
		}

	}

}
