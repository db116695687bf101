package io.tianshu.event.listen;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.time.Clock;
import java.util.List;
import java.util.function.Consumer;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.snmp4j.CommunityTarget;
import org.snmp4j.PDU;
import org.snmp4j.PDUv1;
import org.snmp4j.Snmp;
import org.snmp4j.event.ResponseEvent;
import org.snmp4j.mp.SnmpConstants;
import org.snmp4j.smi.Integer32;
import org.snmp4j.smi.IpAddress;
import org.snmp4j.smi.OID;
import org.snmp4j.smi.OctetString;
import org.snmp4j.smi.TimeTicks;
import org.snmp4j.smi.UdpAddress;
import org.snmp4j.smi.VariableBinding;
import org.snmp4j.transport.DefaultUdpTransportMapping;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The trap listener on a real loopback port, sent to by SNMP4J as a manager would. */
class SnmpTrapListenerTests {

	private static final OID IF_INDEX = new OID("1.3.6.1.2.1.2.2.1.1");

	private final CollectingSink sink = new CollectingSink();

	private SnmpTrapListener listener;

	private Snmp sender;

	@BeforeEach
	void sender() throws IOException {
		this.sender = new Snmp(new DefaultUdpTransportMapping());
		this.sender.listen();
	}

	@AfterEach
	void stop() throws IOException {
		this.sender.close();
		if (this.listener != null) {
			this.listener.stop();
		}
	}

	private SnmpTrapListener start(Consumer<SnmpProperties> customize) {
		SnmpProperties properties = new SnmpProperties();
		properties.setEnabled(true);
		properties.setBindAddress("127.0.0.1");
		properties.setPort(0);
		customize.accept(properties);
		this.listener = new SnmpTrapListener(properties, this.sink, Clock.systemUTC());
		this.listener.start();
		assertThat(this.listener.running()).isTrue();
		return this.listener;
	}

	private CommunityTarget<UdpAddress> target(String community, int version) {
		CommunityTarget<UdpAddress> target = new CommunityTarget<>(
				new UdpAddress(InetAddress.getLoopbackAddress(), this.listener.port()), new OctetString(community));
		target.setVersion(version);
		target.setTimeout(3000);
		target.setRetries(0);
		return target;
	}

	private static PDU v2Trap(int type, String trapOid, VariableBinding... varbinds) {
		PDU pdu = new PDU();
		pdu.setType(type);
		pdu.add(new VariableBinding(SnmpConstants.sysUpTime, new TimeTicks(4242)));
		pdu.add(new VariableBinding(SnmpConstants.snmpTrapOID, new OID(trapOid)));
		for (VariableBinding vb : varbinds) {
			pdu.add(vb);
		}
		return pdu;
	}

	@Test
	void v2cLinkDownThenLinkUpResolveTheSameAlert() throws IOException {
		start((p) -> {
		});
		this.sender.send(
				v2Trap(PDU.TRAP, "1.3.6.1.6.3.1.1.5.3",
						new VariableBinding(new OID(IF_INDEX).append(7), new Integer32(7)),
						new VariableBinding(new OID("1.3.6.1.2.1.2.2.1.2.7"), new OctetString("eth7"))),
				target("public", SnmpConstants.version2c));
		this.sender.send(
				v2Trap(PDU.TRAP, "1.3.6.1.6.3.1.1.5.4",
						new VariableBinding(new OID(IF_INDEX).append(7), new Integer32(7))),
				target("public", SnmpConstants.version2c));
		await().untilAsserted(() -> assertThat(this.sink.signals()).hasSize(2));
		List<ReceivedSignal> signals = this.sink.signals();
		ReceivedSignal down = signals.stream().filter((s) -> s.status().equals("firing")).findFirst().orElseThrow();
		ReceivedSignal up = signals.stream().filter((s) -> s.status().equals("resolved")).findFirst().orElseThrow();
		assertThat(down.protocol()).isEqualTo("snmp");
		assertThat(down.severity()).isEqualTo("major");
		assertThat(down.sourceSeverity()).isEqualTo("linkDown");
		assertThat(down.fingerprint()).isEqualTo("127.0.0.1/link/7").isEqualTo(up.fingerprint());
		assertThat(down.summary()).isEqualTo("Link down: 127.0.0.1 interface eth7");
		assertThat(down.labels()).containsEntry("trapName", "linkDown").containsEntry("ifIndex", "7");
		assertThat(down.annotations()).containsEntry("oid.1.3.6.1.2.1.2.2.1.2.7", "eth7")
			.containsEntry("uptime", "4242");
		assertThat(down.raw()).isNotEmpty();
		assertThat(down.raw()[0]).as("a BER SEQUENCE").isEqualTo((byte) 0x30);
	}

	@Test
	void v1TrapsAreTranslatedToV2TrapOids() throws IOException {
		start((p) -> {
		});
		PDUv1 pdu = new PDUv1();
		pdu.setType(PDU.V1TRAP);
		pdu.setEnterprise(new OID("1.3.6.1.4.1.8072.3.2.10"));
		pdu.setAgentAddress(new IpAddress("192.0.2.9"));
		pdu.setGenericTrap(PDUv1.COLDSTART);
		pdu.setTimestamp(100);
		this.sender.send(pdu, target("public", SnmpConstants.version1));
		PDUv1 specific = new PDUv1();
		specific.setType(PDU.V1TRAP);
		specific.setEnterprise(new OID("1.3.6.1.4.1.9.9.41.2"));
		specific.setAgentAddress(new IpAddress("192.0.2.10"));
		specific.setGenericTrap(PDUv1.ENTERPRISE_SPECIFIC);
		specific.setSpecificTrap(1);
		specific.add(new VariableBinding(new OID("1.3.6.1.4.1.9.9.41.1.2.3.1.5.1"), new OctetString("fan failed")));
		this.sender.send(specific, target("public", SnmpConstants.version1));
		await().untilAsserted(() -> assertThat(this.sink.signals()).hasSize(2));
		ReceivedSignal cold = this.sink.signals()
			.stream()
			.filter((s) -> s.severity().equals("info"))
			.findFirst()
			.orElseThrow();
		assertThat(cold.summary()).isEqualTo("Cold start: 192.0.2.9 restarted");
		assertThat(cold.labels()).containsEntry("host", "192.0.2.9").containsEntry("trapOid", "1.3.6.1.6.3.1.1.5.1");
		assertThat(cold.annotations()).containsEntry("enterprise", "1.3.6.1.4.1.8072.3.2.10")
			.containsEntry("uptime", "100")
			.containsEntry("agentAddress", "192.0.2.9");
		ReceivedSignal enterprise = this.sink.signals()
			.stream()
			.filter((s) -> s.severity().equals("warning"))
			.findFirst()
			.orElseThrow();
		assertThat(enterprise.labels()).containsEntry("trapOid", "1.3.6.1.4.1.9.9.41.2.0.1");
		assertThat(enterprise.annotations()).containsEntry("oid.1.3.6.1.4.1.9.9.41.1.2.3.1.5.1", "fan failed");
	}

	@Test
	void anInformIsAnsweredAfterTheSinkStoredIt() throws IOException {
		start((p) -> {
		});
		ResponseEvent<UdpAddress> answer = this.sender.send(v2Trap(PDU.INFORM, "1.3.6.1.6.3.1.1.5.5"),
				target("public", SnmpConstants.version2c));
		assertThat(answer.getResponse()).as("inform answered").isNotNull();
		assertThat(answer.getResponse().getType()).isEqualTo(PDU.RESPONSE);
		// answered only once stored
		assertThat(this.sink.signals()).extracting(ReceivedSignal::summary)
			.containsExactly("SNMP authentication failure at 127.0.0.1");
	}

	@Test
	void unknownCommunitiesGarbageAndNonTrapsAreCountedAndTheListenerKeepsWorking() throws IOException {
		start((p) -> p.setCommunities(List.of("s3cret")));
		this.sender.send(v2Trap(PDU.TRAP, "1.3.6.1.6.3.1.1.5.1"), target("public", SnmpConstants.version2c));
		try (DatagramSocket socket = new DatagramSocket()) {
			for (byte[] garbage : new byte[][] { "hello snmp".getBytes(), { 0x30, (byte) 0x82, 0x7f, 0x00, 0x02 },
					{ 0x30, 0x03, 0x02, 0x01, 0x09 } }) {
				socket.send(new DatagramPacket(garbage, garbage.length, InetAddress.getLoopbackAddress(),
						this.listener.port()));
			}
		}
		PDU get = new PDU();
		get.setType(PDU.GET);
		get.add(new VariableBinding(SnmpConstants.sysUpTime));
		CommunityTarget<UdpAddress> impatient = target("s3cret", SnmpConstants.version2c);
		impatient.setTimeout(100);
		assertThat(this.sender.send(get, impatient).getResponse()).as("a GET is not answered").isNull();
		PDU noTrapOid = new PDU();
		noTrapOid.setType(PDU.TRAP);
		noTrapOid.add(new VariableBinding(SnmpConstants.sysUpTime, new TimeTicks(1)));
		this.sender.send(noTrapOid, target("s3cret", SnmpConstants.version2c));
		this.sender.send(v2Trap(PDU.TRAP, "1.3.6.1.6.3.1.1.5.2"), target("s3cret", SnmpConstants.version2c));
		await().untilAsserted(() -> assertThat(this.sink.signals()).extracting(ReceivedSignal::summary)
			.containsExactly("Warm start: 127.0.0.1 reinitialised"));
		await().untilAsserted(() -> {
			ListenerStatus status = this.listener.status();
			assertThat(status.rejectedByReason()).containsEntry("snmp.community-not-allowed", 1L)
				.containsEntry("snmp.not-a-trap", 1L)
				.containsEntry("snmp.missing-trap-oid", 1L)
				.containsEntry("snmp.unsupported-version", 1L);
			assertThat(status.rejectedByReason().get("snmp.malformed-pdu")).isEqualTo(2L);
			assertThat(status.received()).isEqualTo(7);
		});
		assertThat(this.listener.status().recentRejections()).extracting(Rejection::sample).contains("hello snmp");
		assertThat(this.listener.running()).isTrue();
	}

}
