package io.tianshu.cmdb.web;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;

import io.tianshu.cmdb.BusinessView;
import io.tianshu.cmdb.CiId;
import io.tianshu.cmdb.LifecycleState;
import io.tianshu.cmdb.TopologyGraph;

import org.springframework.http.HttpInputMessage;
import org.springframework.http.HttpOutputMessage;
import org.springframework.http.MediaType;
import org.springframework.http.converter.AbstractHttpMessageConverter;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.util.StreamUtils;

/**
 * Writes impact, path and business-view answers as UTF-8 bytes directly: a business
 * system's impact to depth 4 is tens of thousands of nodes and edges (megabytes of JSON)
 * and most of those bytes are UUIDs and a few fixed names, which the general serializer
 * escaped and looked up value by value. The JSON is byte for byte what the records
 * serialize to with the application's mapper (same field order, {@code null}s left out,
 * the same escapes), so clients and the OpenAPI description see no difference; the tests
 * compare both.
 */
final class TopologyJsonConverter extends AbstractHttpMessageConverter<Object> {

	private static final byte[] HEX = "0123456789abcdef".getBytes(StandardCharsets.US_ASCII);

	/** Jackson writes {@code \\u} escapes with upper-case digits. */
	private static final byte[] ESCAPE_HEX = "0123456789ABCDEF".getBytes(StandardCharsets.US_ASCII);

	private static final byte[] ARRAY_END = ascii("],");

	private static final byte[] EDGES_OPEN = ascii("\"edges\":[");

	private static final byte[] ID = ascii("\"id\":");

	private static final byte[] LAYER = ascii("\"layer\":");

	private static final byte[] MODEL = ascii("\"model\":");

	private static final byte[] NAME = ascii("\"name\":");

	private static final byte[] NODES_OPEN = ascii("\"nodes\":[");

	private static final byte[] GRAPH_OPEN = ascii("{\"nodes\":[");

	private static final byte[] DEPTH = ascii("\"depth\":");

	private static final byte[] COMMA_DEPTH = ascii(",\"depth\":");

	private static final byte[] SOURCE = ascii("\"source\":");

	private static final byte[] STATE = ascii("\"state\":");

	private static final byte[] SYSTEM = ascii("\"system\":");

	private static final byte[] TARGET = ascii("\"target\":");

	private static final byte[] TYPE = ascii("\"type\":");

	TopologyJsonConverter() {
		super(MediaType.APPLICATION_JSON);
	}

	private static byte[] ascii(String text) {
		return text.getBytes(StandardCharsets.US_ASCII);
	}

	@Override
	protected boolean supports(Class<?> type) {
		return type == TopologyGraph.class || type == BusinessView.class;
	}

	@Override
	public boolean canRead(Class<?> type, MediaType mediaType) {
		return false;
	}

	@Override
	protected Object readInternal(Class<?> type, HttpInputMessage input) {
		throw new HttpMessageNotReadableException("Topology answers are not read", input);
	}

	@Override
	protected void writeInternal(Object value, HttpOutputMessage output) throws IOException {
		OutputStream out = StreamUtils.nonClosing(output.getBody());
		write(value, out);
		out.flush();
	}

	/**
	 * The answer as JSON on the stream, in pieces of {@link Json#CHUNK} bytes (also used
	 * by the tests).
	 */
	static void write(Object value, OutputStream out) throws IOException {
		Json j = new Json(out);
		if (value instanceof TopologyGraph graph) {
			j.raw(GRAPH_OPEN);
			boolean first = true;
			for (TopologyGraph.Node n : graph.nodes()) {
				j.open(first);
				first = false;
				boolean empty = ci(j, n.id(), n.model(), n.name(), n.state());
				j.raw(empty ? DEPTH : COMMA_DEPTH);
				j.number(n.depth());
				j.put('}');
			}
			j.raw(ARRAY_END);
			edges(j, graph.edges());
			j.put('}');
			j.flush();
			return;
		}
		BusinessView view = (BusinessView) value;
		j.put('{');
		if (view.system() != null) {
			j.id(true, SYSTEM, view.system().value());
			j.put(',');
		}
		j.raw(NODES_OPEN);
		boolean first = true;
		for (BusinessView.Node n : view.nodes()) {
			j.open(first);
			first = false;
			boolean empty = ci(j, n.id(), n.model(), n.name(), n.state());
			j.text(empty, LAYER, (n.layer() != null) ? n.layer().name() : null);
			j.put('}');
		}
		j.raw(ARRAY_END);
		edges(j, view.edges());
		j.put('}');
		j.flush();
	}

	/** The fields both kinds of node start with; whether the object is still empty. */
	private static boolean ci(Json j, CiId id, String model, String name, LifecycleState state) throws IOException {
		boolean empty = j.id(true, ID, (id != null) ? id.value() : null);
		empty = j.text(empty, MODEL, model);
		empty = j.text(empty, NAME, name);
		return j.text(empty, STATE, (state != null) ? state.name() : null);
	}

	private static void edges(Json j, List<TopologyGraph.Edge> edges) throws IOException {
		j.raw(EDGES_OPEN);
		boolean first = true;
		for (TopologyGraph.Edge e : edges) {
			j.open(first);
			first = false;
			boolean empty = j.id(true, ID, (e.id() != null) ? e.id().value() : null);
			empty = j.text(empty, TYPE, e.type());
			empty = j.id(empty, SOURCE, (e.source() != null) ? e.source().value() : null);
			j.id(empty, TARGET, (e.target() != null) ? e.target().value() : null);
			j.put('}');
		}
		j.put(']');
	}

	/**
	 * A UTF-8 buffer with the few JSON forms the answers need, written out whenever it
	 * fills: one small buffer per answer, not one array of the answer's size (fresh
	 * megabyte arrays cost more than writing them).
	 */
	static final class Json {

		static final int CHUNK = 64 * 1024;

		private final OutputStream out;

		private byte[] bytes = new byte[CHUNK];

		private int size;

		Json(OutputStream out) {
			this.out = out;
		}

		void flush() throws IOException {
			this.out.write(this.bytes, 0, this.size);
			this.size = 0;
		}

		private void ensure(int more) throws IOException {
			if (this.size + more > this.bytes.length) {
				flush();
				if (more > this.bytes.length) {
					// one very long text
					this.bytes = new byte[more];
				}
			}
		}

		void put(char ascii) throws IOException {
			ensure(1);
			this.bytes[this.size++] = (byte) ascii;
		}

		/** Bytes as they are (the fixed names and punctuation). */
		void raw(byte[] ascii) throws IOException {
			ensure(ascii.length);
			System.arraycopy(ascii, 0, this.bytes, this.size, ascii.length);
			this.size += ascii.length;
		}

		void open(boolean first) throws IOException {
			ensure(2);
			if (!first) {
				this.bytes[this.size++] = ',';
			}
			this.bytes[this.size++] = '{';
		}

		void number(int value) throws IOException {
			raw(ascii(Integer.toString(value)));
		}

		/** {@code name:"uuid"} unless null; whether the object is still empty. */
		boolean id(boolean empty, byte[] name, UUID value) throws IOException {
			if (value == null) {
				return empty;
			}
			if (!empty) {
				put(',');
			}
			raw(name);
			ensure(38);
			byte[] b = this.bytes;
			int at = this.size;
			long msb = value.getMostSignificantBits();
			long lsb = value.getLeastSignificantBits();
			b[at] = '"';
			hex(msb >>> 32, 8, b, at + 1);
			b[at + 9] = '-';
			hex(msb >>> 16, 4, b, at + 10);
			b[at + 14] = '-';
			hex(msb, 4, b, at + 15);
			b[at + 19] = '-';
			hex(lsb >>> 48, 4, b, at + 20);
			b[at + 24] = '-';
			hex(lsb, 12, b, at + 25);
			b[at + 37] = '"';
			this.size = at + 38;
			return false;
		}

		private static void hex(long bits, int digits, byte[] b, int at) {
			for (int i = digits - 1; i >= 0; i--) {
				b[at + i] = HEX[(int) (bits & 0xF)];
				bits >>>= 4;
			}
		}

		/** {@code name:"text"} unless null; whether the object is still empty. */
		boolean text(boolean empty, byte[] name, String value) throws IOException {
			if (value == null) {
				return empty;
			}
			if (!empty) {
				put(',');
			}
			raw(name);
			string(value);
			return false;
		}

		/** A JSON string with Jackson's escapes: {@code " \ } and control characters. */
		void string(String value) throws IOException {
			int n = value.length();
			// at most 6 bytes per char (an escape), 3 for any BMP char in UTF-8
			ensure(2 + n * 6);
			byte[] b = this.bytes;
			int at = this.size;
			b[at++] = '"';
			for (int i = 0; i < n; i++) {
				char c = value.charAt(i);
				if (c < 0x80) {
					if (c >= 0x20 && c != '"' && c != '\\') {
						b[at++] = (byte) c;
					}
					else {
						at = escape(c, b, at);
					}
				}
				else if (c < 0x800) {
					b[at++] = (byte) (0xC0 | (c >> 6));
					b[at++] = (byte) (0x80 | (c & 0x3F));
				}
				else if (Character.isHighSurrogate(c) && i + 1 < n && Character.isLowSurrogate(value.charAt(i + 1))) {
					int cp = Character.toCodePoint(c, value.charAt(++i));
					b[at++] = (byte) (0xF0 | (cp >> 18));
					b[at++] = (byte) (0x80 | ((cp >> 12) & 0x3F));
					b[at++] = (byte) (0x80 | ((cp >> 6) & 0x3F));
					b[at++] = (byte) (0x80 | (cp & 0x3F));
				}
				else {
					// an unpaired surrogate becomes U+FFFD, as String's own encoder does
					int cp = Character.isSurrogate(c) ? 0xFFFD : c;
					b[at++] = (byte) (0xE0 | (cp >> 12));
					b[at++] = (byte) (0x80 | ((cp >> 6) & 0x3F));
					b[at++] = (byte) (0x80 | (cp & 0x3F));
				}
			}
			b[at++] = '"';
			this.size = at;
		}

		private static int escape(char c, byte[] b, int at) {
			b[at++] = '\\';
			switch (c) {
				case '"', '\\' -> b[at++] = (byte) c;
				case '\n' -> b[at++] = 'n';
				case '\r' -> b[at++] = 'r';
				case '\t' -> b[at++] = 't';
				case '\b' -> b[at++] = 'b';
				case '\f' -> b[at++] = 'f';
				default -> {
					b[at++] = 'u';
					b[at++] = '0';
					b[at++] = '0';
					b[at++] = ESCAPE_HEX[c >> 4];
					b[at++] = ESCAPE_HEX[c & 0xF];
				}
			}
			return at;
		}

	}

}
