package io.tianshu.event.ingest;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Alertmanager's alert fingerprint, exactly as {@code model.LabelSet.Fingerprint()} of
 * {@code prometheus/common} computes it: FNV-1a 64 over the label names in byte order,
 * each name and value followed by the separator byte {@code 0xff}; the empty set hashes
 * to the FNV offset basis. Written as 16 lower-case hex digits ({@code %016x}), as
 * Alertmanager shows it.
 */
final class AlertmanagerFingerprint {

	private static final long OFFSET = 0xcbf29ce484222325L;

	private static final long PRIME = 0x100000001b3L;

	private static final int SEPARATOR = 0xff;

	private AlertmanagerFingerprint() {
	}

	static String of(Map<String, String> labels) {
		// Go sorts label names by their UTF-8 bytes: String order for valid (ASCII) names
		SortedMap<String, String> sorted = (labels instanceof SortedMap<String, String> given
				&& given.comparator() == null) ? given : new TreeMap<>(labels);
		long h = OFFSET;
		for (Map.Entry<String, String> e : sorted.entrySet()) {
			h = add(h, e.getKey());
			h = addByte(h, SEPARATOR);
			h = add(h, e.getValue());
			h = addByte(h, SEPARATOR);
		}
		return HexFormat.of().toHexDigits(h);
	}

	private static long add(long h, String s) {
		for (byte b : s.getBytes(StandardCharsets.UTF_8)) {
			h = addByte(h, b & 0xff);
		}
		return h;
	}

	private static long addByte(long h, int b) {
		h ^= b;
		return h * PRIME;
	}

}
