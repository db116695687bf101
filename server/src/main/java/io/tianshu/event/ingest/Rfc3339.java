package io.tianshu.event.ingest;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

/**
 * Parses RFC 3339 timestamps as {@link OffsetDateTime#parse} does, with a fast path for
 * the shape every sender writes ({@code 2025-03-01T08:00:00.123Z},
 * {@code 2025-03-01T16:00:00+08:00}): a request of many alerts carries two or three per
 * alert, and the general formatter cost more than the JSON parse. Anything else goes to
 * {@link OffsetDateTime#parse}, with its errors.
 */
final class Rfc3339 {

	private Rfc3339() {
	}

	static Instant parse(String text) {
		Instant fast = fast(text);
		return (fast != null) ? fast : OffsetDateTime.parse(text).toInstant();
	}

	private static Instant fast(String s) {
		int n = s.length();
		if (n < 20 || s.charAt(4) != '-' || s.charAt(7) != '-' || s.charAt(10) != 'T' || s.charAt(13) != ':'
				|| s.charAt(16) != ':') {
			return null;
		}
		int year = digits(s, 0, 4);
		int month = digits(s, 5, 2);
		int day = digits(s, 8, 2);
		int hour = digits(s, 11, 2);
		int minute = digits(s, 14, 2);
		int second = digits(s, 17, 2);
		if ((year | month | day | hour | minute | second) < 0) {
			return null;
		}
		int i = 19;
		int nanos = 0;
		if (i < n && s.charAt(i) == '.') {
			int start = ++i;
			while (i < n && i - start < 9 && Character.isDigit(s.charAt(i))) {
				nanos = nanos * 10 + (s.charAt(i) - '0');
				i++;
			}
			int count = i - start;
			if (count == 0 || (i < n && Character.isDigit(s.charAt(i)))) {
				return null;
			}
			for (int k = count; k < 9; k++) {
				nanos *= 10;
			}
		}
		int offset;
		if (i == n - 1 && s.charAt(i) == 'Z') {
			offset = 0;
		}
		else if (i == n - 6 && (s.charAt(i) == '+' || s.charAt(i) == '-') && s.charAt(i + 3) == ':') {
			int h = digits(s, i + 1, 2);
			int m = digits(s, i + 4, 2);
			if ((h | m) < 0 || h > 18 || m > 59) {
				return null;
			}
			offset = ((s.charAt(i) == '-') ? -1 : 1) * (h * 3600 + m * 60);
		}
		else {
			return null;
		}
		try {
			// validates the calendar fields as the formatter does
			return LocalDateTime.of(year, month, day, hour, minute, second, nanos)
				.toInstant(ZoneOffset.ofTotalSeconds(offset));
		}
		catch (java.time.DateTimeException ex) {
			return null;
		}
	}

	/** The non-negative number of {@code count} ASCII digits at {@code at}, or -1. */
	private static int digits(String s, int at, int count) {
		int v = 0;
		for (int k = at; k < at + count; k++) {
			char c = s.charAt(k);
			if (c < '0' || c > '9') {
				return -1;
			}
			v = v * 10 + (c - '0');
		}
		return v;
	}

}
