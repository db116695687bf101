package io.tianshu.event.listen;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Parses one syslog message (without transport framing), detecting the format: after the
 * PRI, a version number and a space mean RFC 5424, anything else is read as RFC 3164 the
 * lenient way real devices need (Cisco sequence numbers and {@code *}/{@code .} time
 * markers, milliseconds, a year, {@code UTC}, ISO timestamps, a missing host name). RFC
 * 3164 timestamps carry neither year nor zone: the configured zone applies and the year
 * is the one that puts the time nearest to its arrival (a December message arriving in
 * January belongs to the year before). A message without a valid PRI is rejected; so is
 * an RFC 5424 message whose header or structured data is malformed.
 */
final class SyslogParser {

	private static final String[] MONTHS = { "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct",
			"Nov", "Dec" };

	/**
	 * A sender's clock may run ahead a little; beyond this a 3164 date is last year's.
	 */
	private static final Duration FUTURE_TOLERANCE = Duration.ofDays(7);

	private final ZoneId zone;

	private final Charset fallback;

	SyslogParser(ZoneId zone, Charset fallback) {
		this.zone = zone;
		this.fallback = fallback;
	}

	SyslogMessage parse(byte[] raw, Instant receivedAt) throws RejectedInput {
		return parse(raw, 0, raw.length, receivedAt);
	}

	SyslogMessage parse(byte[] raw, int offset, int length, Instant receivedAt) throws RejectedInput {
		int end = offset + length;
		while (end > offset && isTrailingJunk(raw[end - 1])) {
			end--;
		}
		int start = offset;
		while (start < end && (raw[start] == ' ' || raw[start] == '\n' || raw[start] == '\r' || raw[start] == 0)) {
			start++;
		}
		if (start == end) {
			throw new RejectedInput("syslog.empty", "empty message");
		}
		// the header is ASCII: one char per byte, so string indexes are byte offsets
		String s = new String(raw, start, end - start, StandardCharsets.ISO_8859_1);
		if (s.charAt(0) != '<') {
			throw new RejectedInput("syslog.missing-pri", "does not start with <PRI>");
		}
		int close = s.indexOf('>');
		if (close < 2 || close > 4) {
			throw new RejectedInput("syslog.invalid-pri", "PRI is not 1-3 digits in <>");
		}
		int pri = 0;
		for (int i = 1; i < close; i++) {
			char c = s.charAt(i);
			if (c < '0' || c > '9') {
				throw new RejectedInput("syslog.invalid-pri", "PRI is not a number");
			}
			pri = pri * 10 + (c - '0');
		}
		if (pri > 191) {
			throw new RejectedInput("syslog.invalid-pri", "PRI " + pri + " is above 191");
		}
		int pos = close + 1;
		int versionEnd = pos;
		while (versionEnd < s.length() && versionEnd - pos < 3 && isDigit(s.charAt(versionEnd))) {
			versionEnd++;
		}
		if (versionEnd > pos && s.charAt(pos) != '0' && versionEnd < s.length() && s.charAt(versionEnd) == ' ') {
			return parse5424(raw, start, s, pri, versionEnd + 1);
		}
		return parse3164(raw, start, s, pri, pos, receivedAt);
	}

	private SyslogMessage parse5424(byte[] raw, int start, String s, int pri, int pos) throws RejectedInput {
		Cursor c = new Cursor(s, pos);
		String timestamp = c.field("TIMESTAMP");
		String hostname = nil(c.field("HOSTNAME"));
		String appName = nil(c.field("APP-NAME"));
		String procId = nil(c.field("PROCID"));
		String msgId = nil(c.field("MSGID"));
		Instant time = null;
		if (!"-".equals(timestamp)) {
			try {
				time = OffsetDateTime.parse(timestamp).toInstant();
			}
			catch (DateTimeParseException ex) {
				throw new RejectedInput("syslog.invalid-timestamp",
						"not an RFC 3339 timestamp: " + abbreviate(timestamp));
			}
		}
		Map<String, Map<String, String>> sd = new LinkedHashMap<>();
		if (c.pos >= s.length()) {
			throw new RejectedInput("syslog.invalid-header", "STRUCTURED-DATA missing");
		}
		if (s.charAt(c.pos) == '-') {
			c.pos++;
		}
		else if (s.charAt(c.pos) == '[') {
			while (c.pos < s.length() && s.charAt(c.pos) == '[') {
				parseSdElement(c, sd);
			}
		}
		else {
			throw new RejectedInput("syslog.invalid-structured-data", "STRUCTURED-DATA is neither - nor [...]");
		}
		String message = "";
		if (c.pos < s.length()) {
			if (s.charAt(c.pos) != ' ') {
				throw new RejectedInput("syslog.invalid-structured-data", "no space after STRUCTURED-DATA");
			}
			message = decodeMessage(raw, start + c.pos + 1, s.length() - c.pos - 1, true);
		}
		return new SyslogMessage("rfc5424", pri >> 3, pri & 7, time, hostname, appName, procId, msgId, sd, message);
	}

	private static void parseSdElement(Cursor c, Map<String, Map<String, String>> sd) throws RejectedInput {
		String s = c.s;
		c.pos++; // '['
		int idStart = c.pos;
		while (c.pos < s.length() && isSdNameChar(s.charAt(c.pos))) {
			c.pos++;
		}
		if (c.pos == idStart || c.pos >= s.length()) {
			throw new RejectedInput("syslog.invalid-structured-data", "SD-ID missing or unterminated");
		}
		String id = s.substring(idStart, c.pos);
		Map<String, String> params = sd.computeIfAbsent(id, (k) -> new LinkedHashMap<>());
		for (;;) {
			if (c.pos >= s.length()) {
				throw new RejectedInput("syslog.invalid-structured-data", "SD-ELEMENT " + id + " unterminated");
			}
			char ch = s.charAt(c.pos);
			if (ch == ']') {
				c.pos++;
				return;
			}
			if (ch != ' ') {
				throw new RejectedInput("syslog.invalid-structured-data", "unexpected character in " + id);
			}
			c.pos++;
			int nameStart = c.pos;
			while (c.pos < s.length() && isSdNameChar(s.charAt(c.pos))) {
				c.pos++;
			}
			if (c.pos == nameStart || c.pos + 1 >= s.length() || s.charAt(c.pos) != '=' || s.charAt(c.pos + 1) != '"') {
				throw new RejectedInput("syslog.invalid-structured-data", "PARAM-NAME=\"...\" expected in " + id);
			}
			String name = s.substring(nameStart, c.pos);
			c.pos += 2;
			StringBuilder value = new StringBuilder();
			boolean closed = false;
			while (c.pos < s.length()) {
				char v = s.charAt(c.pos++);
				if (v == '\\' && c.pos < s.length()) {
					char next = s.charAt(c.pos);
					if (next == '"' || next == '\\' || next == ']') {
						value.append(next);
						c.pos++;
						continue;
					}
					// RFC 5424 §6.3.3: any other backslash is kept as is
					value.append(v);
					continue;
				}
				if (v == '"') {
					closed = true;
					break;
				}
				value.append(v);
			}
			if (!closed) {
				throw new RejectedInput("syslog.invalid-structured-data", "PARAM-VALUE of " + name + " unterminated");
			}
			// the values are UTF-8 (RFC 5424 §6.3.3); the header was read byte per char
			params.putIfAbsent(name, utf8(value.toString()));
		}
	}

	private SyslogMessage parse3164(byte[] raw, int start, String s, int pri, int pos, Instant receivedAt) {
		Cursor c = new Cursor(s, pos);
		skipCiscoSequence(c);
		Instant time = timestamp3164(c, receivedAt);
		String hostname = null;
		if (time != null) {
			skipSpaces(c);
			int tokenEnd = s.indexOf(' ', c.pos);
			String token = s.substring(c.pos, (tokenEnd < 0) ? s.length() : tokenEnd);
			if (!token.isEmpty() && !token.endsWith(":") && token.indexOf('[') < 0 && token.charAt(0) != '%') {
				hostname = token;
				c.pos += token.length();
				skipSpaces(c);
				// a relay in front of a Cisco device: "host 123: *Mar 1 18:46:11.015:
				// %LINK-..."
				int mark = c.pos;
				if (skipCiscoSequence(c)) {
					Instant inner = timestamp3164(c, receivedAt);
					if (inner == null) {
						c.pos = mark;
					}
				}
			}
		}
		skipSpaces(c);
		String appName = null;
		String procId = null;
		int tagEnd = c.pos;
		while (tagEnd < s.length() && tagEnd - c.pos <= 48 && isTagChar(s.charAt(tagEnd))) {
			tagEnd++;
		}
		if (tagEnd > c.pos && tagEnd < s.length() && s.charAt(c.pos) != '%' && !allDigits(s, c.pos, tagEnd)) {
			char after = s.charAt(tagEnd);
			if (after == '[') {
				int pidEnd = s.indexOf(']', tagEnd);
				if (pidEnd > tagEnd + 1 && pidEnd - tagEnd <= 129) {
					appName = s.substring(c.pos, tagEnd);
					procId = s.substring(tagEnd + 1, pidEnd);
					c.pos = pidEnd + 1;
					if (c.pos < s.length() && s.charAt(c.pos) == ':') {
						c.pos++;
					}
				}
			}
			else if (after == ':') {
				appName = s.substring(c.pos, tagEnd);
				c.pos = tagEnd + 1;
			}
			if (appName != null && c.pos < s.length() && s.charAt(c.pos) == ' ') {
				c.pos++;
			}
		}
		String message = decodeMessage(raw, start + c.pos, s.length() - c.pos, false);
		return new SyslogMessage("rfc3164", pri >> 3, pri & 7, time, hostname, appName, procId, null, Map.of(),
				message);
	}

	/** Cisco's "123: " message counter; consumed when present. */
	private static boolean skipCiscoSequence(Cursor c) {
		String s = c.s;
		int i = c.pos;
		while (i < s.length() && isDigit(s.charAt(i))) {
			i++;
		}
		if (i > c.pos && i + 1 < s.length() && s.charAt(i) == ':' && s.charAt(i + 1) == ' ') {
			c.pos = i + 2;
			return true;
		}
		return false;
	}

	/**
	 * "Mmm dd hh:mm:ss" (optionally ".fff", a year before or after the time, "UTC"/"GMT"
	 * or another zone name followed by ':', a trailing ':'), or an ISO 8601 timestamp;
	 * the cursor moves past it. {@code null} (cursor unmoved) when there is none.
	 */
	private Instant timestamp3164(Cursor c, Instant receivedAt) {
		String s = c.s;
		int i = c.pos;
		if (i < s.length() && (s.charAt(i) == '*' || s.charAt(i) == '.')) {
			i++;
		}
		if (i + 4 < s.length() && isDigit(s.charAt(i)) && s.charAt(i + 4) == '-') {
			return isoTimestamp(c, i);
		}
		if (i + 15 > s.length()) {
			return null;
		}
		int month = monthOf(s, i);
		if (month < 0 || s.charAt(i + 3) != ' ') {
			return null;
		}
		int day = twoDigits(s, i + 4, true);
		if (day < 1 || s.charAt(i + 6) != ' ') {
			return null;
		}
		int j = i + 7;
		int year = -1;
		if (j + 5 <= s.length() && allDigits(s, j, j + 4) && s.charAt(j + 4) == ' ') {
			year = Integer.parseInt(s, j, j + 4, 10);
			j += 5;
		}
		if (j + 8 > s.length() || s.charAt(j + 2) != ':' || s.charAt(j + 5) != ':') {
			return null;
		}
		int hour = twoDigits(s, j, false);
		int minute = twoDigits(s, j + 3, false);
		int second = twoDigits(s, j + 6, false);
		if (hour < 0 || minute < 0 || second < 0) {
			return null;
		}
		j += 8;
		int nanos = 0;
		if (j < s.length() && s.charAt(j) == '.') {
			int f = j + 1;
			while (f < s.length() && f - j <= 9 && isDigit(s.charAt(f))) {
				f++;
			}
			if (f > j + 1) {
				String fraction = (s.substring(j + 1, f) + "000000000").substring(0, 9);
				nanos = Integer.parseInt(fraction);
				j = f;
			}
		}
		if (year < 0 && j + 5 <= s.length() && s.charAt(j) == ' ' && allDigits(s, j + 1, j + 5)
				&& (j + 5 == s.length() || s.charAt(j + 5) == ' ' || s.charAt(j + 5) == ':')) {
			year = Integer.parseInt(s, j + 1, j + 5, 10);
			j += 5;
		}
		ZoneId zoneOfTime = this.zone;
		int zoneEnd = j + 1;
		while (zoneEnd < s.length() && zoneEnd - j <= 5 && s.charAt(zoneEnd) >= 'A' && s.charAt(zoneEnd) <= 'Z') {
			zoneEnd++;
		}
		if (j < s.length() && s.charAt(j) == ' ' && zoneEnd - j >= 4) {
			String zoneName = s.substring(j + 1, zoneEnd);
			boolean universal = zoneName.equals("UTC") || zoneName.equals("GMT");
			boolean colonAfter = zoneEnd < s.length() && s.charAt(zoneEnd) == ':';
			if (universal || colonAfter) {
				// other names (CST is China's or America's) are not interpreted: the
				// configured zone applies
				if (universal) {
					zoneOfTime = ZoneOffset.UTC;
				}
				j = zoneEnd;
			}
		}
		if (j < s.length() && s.charAt(j) == ':') {
			j++;
		}
		if (j < s.length() && s.charAt(j) != ' ') {
			return null;
		}
		try {
			LocalTime time = LocalTime.of(hour, minute, second, nanos);
			Instant at;
			if (year >= 0) {
				at = LocalDateTime.of(LocalDate.of(year, month, day), time).atZone(zoneOfTime).toInstant();
			}
			else {
				at = nearestYear(month, day, time, zoneOfTime, receivedAt);
				if (at == null) {
					return null;
				}
			}
			c.pos = j;
			return at;
		}
		catch (DateTimeException ex) {
			return null;
		}
	}

	private Instant isoTimestamp(Cursor c, int i) {
		String s = c.s;
		int end = s.indexOf(' ', i);
		if (end < 0) {
			end = s.length();
		}
		String token = s.substring(i, end);
		if (token.endsWith(":")) {
			token = token.substring(0, token.length() - 1);
		}
		Instant at;
		try {
			at = OffsetDateTime.parse(token).toInstant();
		}
		catch (DateTimeParseException ex) {
			try {
				at = LocalDateTime.parse(token).atZone(this.zone).toInstant();
			}
			catch (DateTimeParseException notLocal) {
				return null;
			}
		}
		c.pos = end;
		return at;
	}

	private static Instant nearestYear(int month, int day, LocalTime time, ZoneId zone, Instant receivedAt) {
		int year = receivedAt.atZone(zone).getYear();
		Instant best = null;
		for (int candidate = year + 1; candidate >= year - 1; candidate--) {
			Instant at;
			try {
				at = LocalDateTime.of(LocalDate.of(candidate, month, day), time).atZone(zone).toInstant();
			}
			catch (DateTimeException ex) {
				continue; // Feb 29 of a year without one
			}
			if (at.isAfter(receivedAt.plus(FUTURE_TOLERANCE))) {
				continue;
			}
			if (best == null
					|| Duration.between(at, receivedAt).abs().compareTo(Duration.between(best, receivedAt).abs()) < 0) {
				best = at;
			}
		}
		return best;
	}

	private String decodeMessage(byte[] raw, int offset, int length, boolean rfc5424) {
		if (length <= 0) {
			return "";
		}
		if (length >= 3 && (raw[offset] & 0xff) == 0xEF && (raw[offset + 1] & 0xff) == 0xBB
				&& (raw[offset + 2] & 0xff) == 0xBF) {
			// RFC 5424 §6.4: a BOM announces UTF-8; decode what follows leniently if it
			// lies
			return new String(raw, offset + 3, length - 3, StandardCharsets.UTF_8);
		}
		CharsetDecoder utf8 = StandardCharsets.UTF_8.newDecoder()
			.onMalformedInput(CodingErrorAction.REPORT)
			.onUnmappableCharacter(CodingErrorAction.REPORT);
		try {
			CharBuffer decoded = utf8.decode(ByteBuffer.wrap(raw, offset, length));
			return decoded.toString();
		}
		catch (CharacterCodingException ex) {
			return new String(raw, offset, length, this.fallback);
		}
	}

	private static String utf8(String latin1) {
		for (int i = 0; i < latin1.length(); i++) {
			if (latin1.charAt(i) >= 0x80) {
				return new String(latin1.getBytes(StandardCharsets.ISO_8859_1), StandardCharsets.UTF_8);
			}
		}
		return latin1;
	}

	private static int monthOf(String s, int i) {
		for (int m = 0; m < 12; m++) {
			if (s.startsWith(MONTHS[m], i)) {
				return m + 1;
			}
		}
		return -1;
	}

	/** Two digits (the first may be a space when {@code padded}), or -1. */
	private static int twoDigits(String s, int i, boolean padded) {
		char a = s.charAt(i);
		char b = s.charAt(i + 1);
		if (!isDigit(b)) {
			return -1;
		}
		if (a == ' ' && padded) {
			return b - '0';
		}
		return isDigit(a) ? (a - '0') * 10 + (b - '0') : -1;
	}

	private static boolean allDigits(String s, int from, int to) {
		if (to > s.length() || from >= to) {
			return false;
		}
		for (int i = from; i < to; i++) {
			if (!isDigit(s.charAt(i))) {
				return false;
			}
		}
		return true;
	}

	private static void skipSpaces(Cursor c) {
		while (c.pos < c.s.length() && c.s.charAt(c.pos) == ' ') {
			c.pos++;
		}
	}

	private static String nil(String value) {
		return "-".equals(value) ? null : value;
	}

	private static String abbreviate(String value) {
		return (value.length() > 40) ? value.substring(0, 40) + "..." : value;
	}

	private static boolean isDigit(char c) {
		return c >= '0' && c <= '9';
	}

	private static boolean isTagChar(char c) {
		return c > ' ' && c < 0x7f && c != '[' && c != ':' && c != ']';
	}

	private static boolean isSdNameChar(char c) {
		return c > ' ' && c < 0x7f && c != '=' && c != ']' && c != '"';
	}

	private static boolean isTrailingJunk(byte b) {
		return b == '\n' || b == '\r' || b == 0;
	}

	/** A position in the header text. */
	private static final class Cursor {

		private final String s;

		private int pos;

		Cursor(String s, int pos) {
			this.s = s;
			this.pos = pos;
		}

		/** The next space-terminated header field; the cursor moves past the space. */
		String field(String name) throws RejectedInput {
			int end = this.s.indexOf(' ', this.pos);
			if (end <= this.pos) {
				throw new RejectedInput("syslog.invalid-header", name + " missing");
			}
			String value = this.s.substring(this.pos, end);
			this.pos = end + 1;
			return value;
		}

	}

}
