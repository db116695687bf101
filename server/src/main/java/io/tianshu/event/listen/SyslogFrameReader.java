package io.tianshu.event.listen;

import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;

/**
 * Splits a TCP syslog stream into messages (RFC 6587), detecting the framing per message:
 * a frame starting with digits and a space is octet-counted ({@code 57 <34>1 ...}),
 * anything else runs to the next LF (or NUL) — non-transparent framing, trailing CR
 * removed. A frame over the limit is skipped (the rest of the line, or the counted
 * octets) and reported as {@code syslog.frame-too-long}, so one bad frame does not cost
 * the connection.
 */
final class SyslogFrameReader {

	/** The longest octet count accepted as such: 9,999,999. */
	private static final int MAX_COUNT_DIGITS = 7;

	private final InputStream in;

	private final int maxFrame;

	private final byte[] buf = new byte[64 * 1024];

	private int pos;

	private int limit;

	SyslogFrameReader(InputStream in, int maxFrame) {
		this.in = in;
		this.maxFrame = maxFrame;
	}

	/** One frame, or {@code null} at the end of the stream. */
	Frame next() throws IOException {
		int b;
		do {
			b = read();
			if (b < 0) {
				return null;
			}
		}
		while (b == '\n' || b == '\r' || b == 0);
		if (b >= '0' && b <= '9') {
			long count = b - '0';
			byte[] digits = new byte[MAX_COUNT_DIGITS + 1];
			digits[0] = (byte) b;
			int n = 1;
			int c;
			while ((c = read()) >= '0' && c <= '9' && n < MAX_COUNT_DIGITS) {
				digits[n++] = (byte) c;
				count = count * 10 + (c - '0');
			}
			if (c == ' ') {
				return counted(count);
			}
			// not an octet count: a line that happens to start with digits
			Line line = new Line(this.maxFrame);
			line.append(digits, n);
			if (c < 0) {
				return line.frame();
			}
			if (c == '\n' || c == 0) {
				return line.frame();
			}
			line.append((byte) c);
			return restOfLine(line);
		}
		Line line = new Line(this.maxFrame);
		line.append((byte) b);
		return restOfLine(line);
	}

	private Frame counted(long count) throws IOException {
		if (count > this.maxFrame) {
			byte[] head = readUpTo((int) Math.min(count, Rejection.SAMPLE_LENGTH));
			skip(count - head.length);
			return Frame.rejected("syslog.frame-too-long",
					"octet count " + count + " above the limit of " + this.maxFrame, head);
		}
		byte[] frame = readUpTo((int) count);
		if (frame.length < count) {
			return Frame.rejected("syslog.truncated-frame",
					"connection closed after " + frame.length + " of " + count + " octets", frame);
		}
		return Frame.of(frame);
	}

	private Frame restOfLine(Line line) throws IOException {
		for (;;) {
			// scan the buffer for the terminator instead of a call per byte
			if (this.pos == this.limit && !fill()) {
				return line.frame();
			}
			int start = this.pos;
			int i = start;
			while (i < this.limit && this.buf[i] != '\n' && this.buf[i] != 0) {
				i++;
			}
			line.append(this.buf, start, i - start);
			if (i < this.limit) {
				this.pos = i + 1;
				return line.frame();
			}
			this.pos = this.limit;
		}
	}

	private int read() throws IOException {
		if (this.pos == this.limit && !fill()) {
			return -1;
		}
		return this.buf[this.pos++] & 0xff;
	}

	private boolean fill() throws IOException {
		int n = this.in.read(this.buf, 0, this.buf.length);
		if (n <= 0) {
			return false;
		}
		this.pos = 0;
		this.limit = n;
		return true;
	}

	private byte[] readUpTo(int count) throws IOException {
		byte[] out = new byte[count];
		int n = 0;
		while (n < count) {
			if (this.pos == this.limit && !fill()) {
				return Arrays.copyOf(out, n);
			}
			int chunk = Math.min(count - n, this.limit - this.pos);
			System.arraycopy(this.buf, this.pos, out, n, chunk);
			this.pos += chunk;
			n += chunk;
		}
		return out;
	}

	private void skip(long count) throws IOException {
		long left = count;
		while (left > 0) {
			if (this.pos == this.limit && !fill()) {
				return;
			}
			int chunk = (int) Math.min(left, this.limit - this.pos);
			this.pos += chunk;
			left -= chunk;
		}
	}

	/** A frame's bytes, or why it was rejected (with its first bytes as a sample). */
	record Frame(byte[] bytes, String reason, String detail) {

		static Frame of(byte[] bytes) {
			return new Frame(bytes, null, null);
		}

		static Frame rejected(String reason, String detail, byte[] head) {
			return new Frame(head, reason, detail);
		}

		boolean ok() {
			return this.reason == null;
		}

	}

	/** A line being collected, cut off at the limit. */
	private static final class Line {

		private final int max;

		private byte[] bytes = new byte[256];

		private int length;

		private long total;

		Line(int max) {
			this.max = max;
		}

		void append(byte b) {
			append(new byte[] { b }, 0, 1);
		}

		void append(byte[] src, int count) {
			append(src, 0, count);
		}

		void append(byte[] src, int offset, int count) {
			this.total += count;
			int room = this.max - this.length;
			int take = Math.min(room, count);
			if (take <= 0) {
				return;
			}
			if (this.length + take > this.bytes.length) {
				this.bytes = Arrays.copyOf(this.bytes,
						Math.min(this.max, Math.max(this.bytes.length * 2, this.length + take)));
			}
			System.arraycopy(src, offset, this.bytes, this.length, take);
			this.length += take;
		}

		Frame frame() {
			int end = this.length;
			if (end > 0 && this.bytes[end - 1] == '\r') {
				end--;
			}
			if (this.total > this.max) {
				return Frame.rejected("syslog.frame-too-long", "line longer than " + this.max + " bytes",
						Arrays.copyOf(this.bytes, Math.min(end, Rejection.SAMPLE_LENGTH)));
			}
			return Frame.of(Arrays.copyOf(this.bytes, end));
		}

	}

}
