package io.tianshu.cmdb.transfer;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.IllegalCharsetNameException;
import java.nio.charset.StandardCharsets;
import java.nio.charset.UnsupportedCharsetException;
import java.util.Locale;
import java.util.Map;

import io.tianshu.platform.TianshuException;

/**
 * Decodes an uploaded text file. Automatic detection: a byte order mark decides (UTF-8,
 * UTF-16); else bytes that are valid UTF-8 are UTF-8; else GBK as Chinese Excel writes
 * it, read as GB18030 (its superset, so the {@code csv-gbk} export reads back
 * losslessly). Decoding is strict: an undecodable byte is an error naming its offset and
 * line, never a replacement character.
 */
final class TextDecoding {

	/** GBK files are read with its superset. */
	static final Charset GBK = Charset.forName("GB18030");

	private TextDecoding() {
	}

	/** The decoded text and the charset it was read with. */
	record Decoded(String text, String charset) {
	}

	/**
	 * @param requested {@code null}/{@code auto} to detect, else a charset name
	 * ({@code UTF-8}, {@code GBK}, {@code GB18030}, {@code UTF-16LE} ...)
	 */
	static Decoded decode(byte[] bytes, String requested) {
		int bomLength = 0;
		Charset bomCharset = null;
		if (bytes.length >= 3 && (bytes[0] & 0xFF) == 0xEF && (bytes[1] & 0xFF) == 0xBB && (bytes[2] & 0xFF) == 0xBF) {
			bomLength = 3;
			bomCharset = StandardCharsets.UTF_8;
		}
		else if (bytes.length >= 2 && (bytes[0] & 0xFF) == 0xFF && (bytes[1] & 0xFF) == 0xFE) {
			bomLength = 2;
			bomCharset = StandardCharsets.UTF_16LE;
		}
		else if (bytes.length >= 2 && (bytes[0] & 0xFF) == 0xFE && (bytes[1] & 0xFF) == 0xFF) {
			bomLength = 2;
			bomCharset = StandardCharsets.UTF_16BE;
		}
		if (requested == null || requested.isBlank() || requested.strip().equalsIgnoreCase("auto")) {
			if (bomCharset != null) {
				return new Decoded(strict(bytes, bomLength, bomCharset), label(bomCharset));
			}
			String utf8 = tryDecode(bytes, 0, StandardCharsets.UTF_8);
			if (utf8 != null) {
				return new Decoded(utf8, "UTF-8");
			}
			String gbk = tryDecode(bytes, 0, GBK);
			if (gbk != null) {
				return new Decoded(gbk, "GBK");
			}
			int at = firstError(bytes, 0, StandardCharsets.UTF_8);
			throw ImportFileException.of("cmdb.import.encoding",
					"The file is neither UTF-8 nor GBK: byte 0x%02X at offset %d (line %d) cannot be decoded; save it as UTF-8 CSV or xlsx"
						.formatted(bytes[at] & 0xFF, at, line(bytes, at)),
					Map.of("offset", at, "line", line(bytes, at)));
		}
		Charset charset = charset(requested.strip());
		int skip = (bomCharset != null && bomCharset.equals(charset)) ? bomLength : 0;
		return new Decoded(strict(bytes, skip, charset), label(charset));
	}

	private static Charset charset(String name) {
		String upper = name.toUpperCase(Locale.ROOT);
		if (upper.equals("GBK") || upper.equals("GB2312") || upper.equals("CP936")) {
			return GBK;
		}
		try {
			return Charset.forName(name);
		}
		catch (IllegalCharsetNameException | UnsupportedCharsetException ex) {
			throw TianshuException.invalidField("charset", "cmdb.import.charset-unknown",
					"Unknown charset '" + name + "'; use auto, UTF-8, GBK or GB18030");
		}
	}

	private static String label(Charset charset) {
		return charset.equals(GBK) ? "GBK" : charset.name();
	}

	private static String strict(byte[] bytes, int offset, Charset charset) {
		String text = tryDecode(bytes, offset, charset);
		if (text == null) {
			int at = firstError(bytes, offset, charset);
			throw ImportFileException.of("cmdb.import.encoding",
					"The file is not valid %s: byte 0x%02X at offset %d (line %d) cannot be decoded"
						.formatted(label(charset), bytes[at] & 0xFF, at, line(bytes, at)),
					Map.of("offset", at, "line", line(bytes, at), "charset", label(charset)));
		}
		return text;
	}

	private static String tryDecode(byte[] bytes, int offset, Charset charset) {
		CharsetDecoder decoder = decoder(charset);
		CharBuffer out = CharBuffer.allocate((int) Math.min(Integer.MAX_VALUE - 16,
				(long) ((bytes.length - offset) * (double) decoder.maxCharsPerByte()) + 16));
		ByteBuffer in = ByteBuffer.wrap(bytes, offset, bytes.length - offset);
		CoderResult result = decoder.decode(in, out, true);
		if (result.isError()) {
			return null;
		}
		if (decoder.flush(out).isError()) {
			return null;
		}
		out.flip();
		return out.toString();
	}

	private static int firstError(byte[] bytes, int offset, Charset charset) {
		CharsetDecoder decoder = decoder(charset);
		ByteBuffer in = ByteBuffer.wrap(bytes, offset, bytes.length - offset);
		CharBuffer out = CharBuffer.allocate(8192);
		while (true) {
			CoderResult result = decoder.decode(in, out, true);
			if (result.isError()) {
				return Math.min(in.position(), bytes.length - 1);
			}
			if (result.isUnderflow()) {
				return Math.max(0, bytes.length - 1);
			}
			out.clear();
		}
	}

	private static CharsetDecoder decoder(Charset charset) {
		return charset.newDecoder()
			.onMalformedInput(CodingErrorAction.REPORT)
			.onUnmappableCharacter(CodingErrorAction.REPORT);
	}

	private static int line(byte[] bytes, int offset) {
		int line = 1;
		for (int i = 0; i < offset && i < bytes.length; i++) {
			if (bytes[i] == '\n') {
				line++;
			}
		}
		return line;
	}

}
