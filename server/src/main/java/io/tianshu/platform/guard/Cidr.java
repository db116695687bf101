package io.tianshu.platform.guard;

import java.math.BigInteger;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * An IPv4 or IPv6 network such as {@code 10.0.0.0/8}; a bare address is a single host.
 * Only literals are parsed, never host names (no DNS look-up).
 */
record Cidr(byte[] network, int prefix) {

	private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");

	private static final Pattern IPV6 = Pattern.compile("[0-9a-fA-F:.]*:[0-9a-fA-F:.]*");

	static Optional<Cidr> parse(String text) {
		if (text == null) {
			return Optional.empty();
		}
		String[] parts = text.strip().split("/", -1);
		if (parts.length > 2) {
			return Optional.empty();
		}
		Optional<byte[]> address = address(parts[0]);
		if (address.isEmpty()) {
			return Optional.empty();
		}
		int bits = address.get().length * 8;
		int prefix = bits;
		if (parts.length == 2) {
			try {
				prefix = Integer.parseInt(parts[1]);
			}
			catch (NumberFormatException ex) {
				return Optional.empty();
			}
			if (prefix < 0 || prefix > bits) {
				return Optional.empty();
			}
		}
		return Optional.of(new Cidr(address.get(), prefix));
	}

	/** Parses an address literal; empty for anything else. */
	static Optional<byte[]> address(String text) {
		if (text == null) {
			return Optional.empty();
		}
		String literal = text.strip();
		if (literal.startsWith("[") && literal.endsWith("]")) {
			literal = literal.substring(1, literal.length() - 1);
		}
		int zone = literal.indexOf('%');
		if (zone >= 0) {
			literal = literal.substring(0, zone);
		}
		if (!IPV4.matcher(literal).matches() && !IPV6.matcher(literal).matches()) {
			return Optional.empty();
		}
		if (IPV4.matcher(literal).matches()) {
			for (String octet : literal.split("\\.")) {
				if (Integer.parseInt(octet) > 255) {
					return Optional.empty();
				}
			}
		}
		try {
			return Optional.of(InetAddress.getByName(literal).getAddress());
		}
		catch (UnknownHostException ex) {
			return Optional.empty();
		}
	}

	boolean contains(String address) {
		Optional<byte[]> candidate = address(address);
		if (candidate.isEmpty() || candidate.get().length != this.network.length) {
			return false;
		}
		int bits = this.network.length * 8;
		if (this.prefix == 0) {
			return true;
		}
		BigInteger mask = BigInteger.ONE.shiftLeft(bits)
			.subtract(BigInteger.ONE)
			.shiftRight(bits - this.prefix)
			.shiftLeft(bits - this.prefix);
		BigInteger net = new BigInteger(1, this.network).and(mask);
		return new BigInteger(1, candidate.get()).and(mask).equals(net);
	}

}
