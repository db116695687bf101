package io.tianshu.event.listen;

import java.time.Instant;

/**
 * A rejected message kept as a sample for the console.
 *
 * @param at when it arrived
 * @param transport {@code udp} or {@code tcp}
 * @param sourceAddress the sender
 * @param reason the stable reason code
 * @param detail what exactly was wrong
 * @param sample the start of the message (printable characters, others escaped)
 */
public record Rejection(Instant at, String transport, String sourceAddress, String reason, String detail,
		String sample) {

	static final int SAMPLE_LENGTH = 256;

	/**
	 * The first bytes of a message as printable text: ASCII as is, others as
	 * {@code \xNN}.
	 */
	static String sample(byte[] raw, int offset, int length) {
		StringBuilder out = new StringBuilder(Math.min(length, SAMPLE_LENGTH) + 16);
		int end = offset + length;
		for (int i = offset; i < end && out.length() < SAMPLE_LENGTH; i++) {
			int b = raw[i] & 0xff;
			if (b >= 0x20 && b < 0x7f && b != '\\') {
				out.append((char) b);
			}
			else {
				out.append(String.format("\\x%02x", b));
			}
		}
		if (out.length() >= SAMPLE_LENGTH && length > SAMPLE_LENGTH) {
			out.append("...");
		}
		return out.toString();
	}

}
