package io.tianshu.platform.audit;

import java.io.DataInputStream;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Instant;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.tianshu.platform.audit.AuditProperties.Protocol;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The forwarder against real sockets on loopback.
 */
class SyslogForwarderTests {

	static ChainedRecord record(long id, String outcome, String detail) {
		return new ChainedRecord(id, id, Instant.parse("2026-03-01T08:00:00.123456Z"), "USER", null, "ali\"ce", null,
				"10.0.0.9", "req-" + id, "platform.user.updated", "user", "u]1", outcome, null, null, detail,
				AuditChain.GENESIS, "ab".repeat(32));
	}

	@Test
	void formatsRfc5424WithStructuredData() {
		byte[] bytes = SyslogForwarder.format(record(7, "FAILURE", "bad 密码"), "host1", "tianshu", "123");
		String text = new String(bytes, StandardCharsets.UTF_8);
		// facility 13 (log audit) * 8 + severity 4 (warning) = 108
		assertThat(text).startsWith("<108>1 2026-03-01T08:00:00.123456Z host1 tianshu 123 platform.user.updated "
				+ "[tianshu@32473 id=\"7\" seq=\"7\" actor=\"ali\\\"ce\" actorKind=\"USER\" "
				+ "action=\"platform.user.updated\" outcome=\"FAILURE\" target=\"user/u\\]1\" requestId=\"req-7\" "
				+ "source=\"10.0.0.9\" hash=\"" + "ab".repeat(32) + "\"] \uFEFFali\"ce platform.user.updated user/u]1 "
				+ "FAILURE: bad 密码");
		assertThat(
				new String(SyslogForwarder.format(record(8, "SUCCESS", null), "h", "a", "1"), StandardCharsets.UTF_8))
			.startsWith("<110>1 ");
	}

	@Test
	void sendsOneDatagramPerRecordOverUdp() throws Exception {
		try (DatagramSocket receiver = new DatagramSocket(0, InetAddress.getLoopbackAddress());
				SyslogForwarder forwarder = new SyslogForwarder("127.0.0.1", receiver.getLocalPort(), Protocol.UDP,
						"tianshu", 10, new SimpleMeterRegistry())) {
			receiver.setSoTimeout(10_000);
			assertThat(forwarder.offer(record(1, "SUCCESS", null))).isTrue();
			assertThat(forwarder.offer(record(2, "DENIED", "no"))).isTrue();
			assertThat(receive(receiver)).contains(" id=\"1\" ").startsWith("<110>1 ");
			assertThat(receive(receiver)).contains(" id=\"2\" ").startsWith("<109>1 ");
			await().until(() -> forwarder.sent() == 2);
		}
	}

	@Test
	void framesWithOctetCountingOverTcp() throws Exception {
		try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
				SyslogForwarder forwarder = new SyslogForwarder("127.0.0.1", server.getLocalPort(), Protocol.TCP,
						"tianshu", 10, null)) {
			server.setSoTimeout(10_000);
			forwarder.offer(record(1, "SUCCESS", "first"));
			forwarder.offer(record(2, "SUCCESS", "第二"));
			try (Socket connection = server.accept()) {
				connection.setSoTimeout(10_000);
				DataInputStream in = new DataInputStream(connection.getInputStream());
				String first = frame(in);
				String second = frame(in);
				assertThat(first).startsWith("<110>1 ").endsWith("SUCCESS: first");
				assertThat(second).contains(" id=\"2\" ").endsWith("SUCCESS: 第二");
			}
		}
	}

	@Test
	void dropsAndCountsWhenTheQueueIsFullWithoutBlocking() throws Exception {
		SimpleMeterRegistry registry = new SimpleMeterRegistry();
		try (DatagramSocket receiver = new DatagramSocket(0, InetAddress.getLoopbackAddress());
				SyslogForwarder forwarder = new SyslogForwarder("127.0.0.1", receiver.getLocalPort(), Protocol.UDP,
						"tianshu", 2, registry, false)) {
			receiver.setSoTimeout(10_000);
			// the sender is held back, so the third record finds the queue full
			assertThat(forwarder.offer(record(1, "SUCCESS", null))).isTrue();
			assertThat(forwarder.offer(record(2, "SUCCESS", null))).isTrue();
			assertThat(forwarder.offer(record(3, "SUCCESS", null))).isFalse();
			assertThat(forwarder.dropped()).isEqualTo(1);
			assertThat(registry.counter("tianshu.audit.forward.dropped", "reason", "queue-full").count()).isEqualTo(1);
			forwarder.start();
			assertThat(receive(receiver)).contains(" id=\"1\" ");
			assertThat(receive(receiver)).contains(" id=\"2\" ");
			await().until(() -> forwarder.sent() == 2);
		}
	}

	@Test
	void anUnreachableReceiverCostsOnlyTheRecord() throws Exception {
		int closedPort;
		try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
			closedPort = probe.getLocalPort();
		}
		try (SyslogForwarder forwarder = new SyslogForwarder("127.0.0.1", closedPort, Protocol.TCP, "tianshu", 10,
				null)) {
			assertThat(forwarder.offer(record(1, "SUCCESS", null))).isTrue();
			await().until(() -> forwarder.dropped() == 1);
			assertThat(forwarder.sent()).isZero();
		}
	}

	private static String receive(DatagramSocket socket) throws Exception {
		DatagramPacket packet = new DatagramPacket(new byte[65535], 65535);
		socket.receive(packet);
		return new String(packet.getData(), 0, packet.getLength(), StandardCharsets.UTF_8);
	}

	private static String frame(DataInputStream in) throws Exception {
		StringBuilder length = new StringBuilder();
		int c;
		while ((c = in.read()) != ' ') {
			assertThat(c).isBetween((int) '0', (int) '9');
			length.append((char) c);
		}
		byte[] message = new byte[Integer.parseInt(length.toString())];
		in.readFully(message);
		return new String(message, StandardCharsets.UTF_8);
	}

}
