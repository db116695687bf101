package io.tianshu.event.listen;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.snmp4j.PDU;
import org.snmp4j.PDUv1;
import org.snmp4j.mp.SnmpConstants;
import org.snmp4j.smi.IpAddress;
import org.snmp4j.smi.OID;
import org.snmp4j.smi.OctetString;
import org.snmp4j.smi.TimeTicks;
import org.snmp4j.smi.Variable;
import org.snmp4j.smi.VariableBinding;

/**
 * A received trap in the SNMPv2 shape: a v1 trap is translated as RFC 3584 §3.1 does
 * (generic traps 0–5 become {@code snmpTraps.(generic+1)}, enterprise-specific ones
 * {@code enterprise.0.specific}), so rules match v1 and v2c traps by the same
 * {@code trapOid}.
 *
 * @param version {@code 1} or {@code 2c}
 * @param inform whether it is a v2c inform (the sender waits for a response)
 * @param trapOid the notification's OID
 * @param uptime the agent's sysUpTime in hundredths of a second, or -1
 * @param agentAddress the v1 agent-addr or the v2c {@code snmpTrapAddress.0}, or
 * {@code null}
 * @param enterprise the v1 enterprise OID, or {@code null}
 * @param genericTrap the v1 generic-trap, or -1
 * @param specificTrap the v1 specific-trap, or -1
 * @param varbinds OID to value, in order (without sysUpTime.0 and snmpTrapOID.0)
 */
record SnmpTrap(String version, boolean inform, String trapOid, long uptime, String agentAddress, String enterprise,
		int genericTrap, int specificTrap, Map<String, String> varbinds) {

	static final String SNMP_TRAPS = "1.3.6.1.6.3.1.1.5";

	private static final Map<String, String> TRAP_NAMES = Map.of(SNMP_TRAPS + ".1", "coldStart", SNMP_TRAPS + ".2",
			"warmStart", SNMP_TRAPS + ".3", "linkDown", SNMP_TRAPS + ".4", "linkUp", SNMP_TRAPS + ".5",
			"authenticationFailure", SNMP_TRAPS + ".6", "egpNeighborLoss");

	/**
	 * Well-known columns whose values rules can name ({@code ${ifIndex}},
	 * {@code ${ifDescr}}).
	 */
	private static final List<Map.Entry<String, String>> COLUMNS = List.of(Map.entry("1.3.6.1.2.1.2.2.1.1", "ifIndex"),
			Map.entry("1.3.6.1.2.1.2.2.1.2", "ifDescr"), Map.entry("1.3.6.1.2.1.2.2.1.3", "ifType"),
			Map.entry("1.3.6.1.2.1.2.2.1.7", "ifAdminStatus"), Map.entry("1.3.6.1.2.1.2.2.1.8", "ifOperStatus"),
			Map.entry("1.3.6.1.2.1.31.1.1.1.1", "ifName"), Map.entry("1.3.6.1.2.1.31.1.1.1.18", "ifAlias"),
			Map.entry("1.3.6.1.2.1.1.5", "sysName"), Map.entry("1.3.6.1.2.1.1.1", "sysDescr"));

	/** The trap in a PDU, or throws when the PDU is no trap or lacks snmpTrapOID.0. */
	static SnmpTrap of(PDU pdu, String version) throws RejectedInput {
		if (pdu instanceof PDUv1 v1 && pdu.getType() == PDU.V1TRAP) {
			String enterprise = v1.getEnterprise().toDottedString();
			int generic = v1.getGenericTrap();
			int specific = v1.getSpecificTrap();
			String trapOid = (generic >= 0 && generic < 6) ? SNMP_TRAPS + "." + (generic + 1)
					: enterprise + ".0." + specific;
			IpAddress agent = v1.getAgentAddress();
			String agentAddress = (agent != null && !agent.getInetAddress().isAnyLocalAddress()) ? agent.toString()
					: null;
			return new SnmpTrap("1", false, trapOid, v1.getTimestamp(), agentAddress, enterprise, generic, specific,
					values(pdu.getVariableBindings()));
		}
		if (pdu.getType() != PDU.TRAP && pdu.getType() != PDU.INFORM) {
			throw new RejectedInput("snmp.not-a-trap", "a " + PDU.getTypeString(pdu.getType()) + " PDU, not a trap");
		}
		Variable trapOid = pdu.getVariable(SnmpConstants.snmpTrapOID);
		if (!(trapOid instanceof OID oid)) {
			throw new RejectedInput("snmp.missing-trap-oid", "no snmpTrapOID.0 varbind");
		}
		Variable upTime = pdu.getVariable(SnmpConstants.sysUpTime);
		Variable address = pdu.getVariable(SnmpConstants.snmpTrapAddress);
		Map<String, String> varbinds = new LinkedHashMap<>();
		for (VariableBinding vb : pdu.getVariableBindings()) {
			OID name = vb.getOid();
			if (!name.equals(SnmpConstants.snmpTrapOID) && !name.equals(SnmpConstants.sysUpTime)) {
				varbinds.put(name.toDottedString(), text(vb.getVariable()));
			}
		}
		return new SnmpTrap("2c", pdu.getType() == PDU.INFORM, oid.toDottedString(),
				(upTime instanceof TimeTicks ticks) ? ticks.getValue() : -1, (address != null) ? text(address) : null,
				null, -1, -1, varbinds);
	}

	String trapName() {
		return TRAP_NAMES.get(this.trapOid);
	}

	/**
	 * The fields rules match and templates use: {@code trapOid}, {@code trapName},
	 * {@code version}, {@code community}, {@code host}, {@code sourceAddress},
	 * {@code agentAddress}, {@code enterprise}, {@code genericTrap},
	 * {@code specificTrap}, {@code uptime}, every varbind as {@code oid.<oid>} and the
	 * well-known columns by name ({@code ifIndex} also from the index of any
	 * ifTable/ifXTable column).
	 */
	Map<String, String> fields(String community, String source) {
		Map<String, String> f = new LinkedHashMap<>();
		f.put("version", this.version);
		f.put("community", community);
		f.put("trapOid", this.trapOid);
		if (trapName() != null) {
			f.put("trapName", trapName());
		}
		f.put("sourceAddress", source);
		f.put("host", (this.agentAddress != null) ? this.agentAddress : source);
		if (this.agentAddress != null) {
			f.put("agentAddress", this.agentAddress);
		}
		if (this.enterprise != null) {
			f.put("enterprise", this.enterprise);
			f.put("genericTrap", Integer.toString(this.genericTrap));
			f.put("specificTrap", Integer.toString(this.specificTrap));
		}
		if (this.uptime >= 0) {
			f.put("uptime", Long.toString(this.uptime));
		}
		this.varbinds.forEach((oid, value) -> {
			f.put("oid." + oid, value);
			for (Map.Entry<String, String> column : COLUMNS) {
				String prefix = column.getKey();
				if (oid.startsWith(prefix + ".")) {
					f.putIfAbsent(column.getValue(), value);
					if (prefix.startsWith("1.3.6.1.2.1.2.2.1.") || prefix.startsWith("1.3.6.1.2.1.31.1.1.1.")) {
						f.putIfAbsent("ifIndex", oid.substring(prefix.length() + 1));
					}
				}
			}
		});
		return f;
	}

	private static Map<String, String> values(List<? extends VariableBinding> bindings) {
		Map<String, String> out = new LinkedHashMap<>();
		for (VariableBinding vb : bindings) {
			out.put(vb.getOid().toDottedString(), text(vb.getVariable()));
		}
		return out;
	}

	/** A value as text: an octet string as UTF-8 when printable, else as hex. */
	static String text(Variable value) {
		if (value instanceof OctetString octets) {
			return octets.isPrintable() ? new String(octets.getValue(), java.nio.charset.StandardCharsets.UTF_8)
					: octets.toHexString();
		}
		if (value instanceof OID oid) {
			return oid.toDottedString();
		}
		return value.toString();
	}

}
