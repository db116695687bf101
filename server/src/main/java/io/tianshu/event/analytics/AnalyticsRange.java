package io.tianshu.event.analytics;

import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import io.tianshu.platform.TianshuException;

/**
 * The time range and bucketing of an analytics query: {@code [from, to)} cut into hours
 * or days of a time zone (default {@code Asia/Shanghai}, where the trading day is).
 * Bucket starts are aligned to the zone's hours or midnights, so the first bucket may
 * begin before {@code from}; only data within {@code [from, to)} is counted.
 */
record AnalyticsRange(Instant from, Instant to, Bucket bucket, ZoneId zone, List<Instant> starts) {

	static final ZoneId DEFAULT_ZONE = ZoneId.of("Asia/Shanghai");

	static final int MAX_HOURS = 24 * 31;

	static final int MAX_DAYS = 400;

	enum Bucket {

		HOUR(ChronoUnit.HOURS, "hour"), DAY(ChronoUnit.DAYS, "day");

		final ChronoUnit unit;

		final String sql;

		Bucket(ChronoUnit unit, String sql) {
			this.unit = unit;
			this.sql = sql;
		}

	}

	/**
	 * Parses and validates the query parameters; 422 with a field error for a malformed
	 * instant, an unknown bucket or zone, an empty or reversed range, or too many buckets
	 * (more than 744 hours or 400 days).
	 */
	static AnalyticsRange parse(String from, String to, String bucket, String timeZone, Instant now) {
		Instant end = (to != null && !to.isBlank()) ? instant(to, "to") : now;
		Instant start = (from != null && !from.isBlank()) ? instant(from, "from") : end.minus(Duration.ofHours(24));
		if (!start.isBefore(end)) {
			throw TianshuException.invalidField("from", "event.analytics.range-invalid",
					"from must be before to: " + start + " / " + end);
		}
		ZoneId zone;
		try {
			zone = (timeZone != null && !timeZone.isBlank()) ? ZoneId.of(timeZone.strip()) : DEFAULT_ZONE;
		}
		catch (DateTimeException ex) {
			throw TianshuException.invalidField("tz", "request.invalid-parameter", "Unknown time zone: " + timeZone);
		}
		Bucket b;
		if (bucket == null || bucket.isBlank()) {
			b = Duration.between(start, end).compareTo(Duration.ofDays(2)) <= 0 ? Bucket.HOUR : Bucket.DAY;
		}
		else {
			b = switch (bucket.strip().toLowerCase(Locale.ROOT)) {
				case "hour" -> Bucket.HOUR;
				case "day" -> Bucket.DAY;
				default -> throw TianshuException.invalidField("bucket", "request.invalid-parameter",
						"bucket is hour or day: " + bucket);
			};
		}
		int max = (b == Bucket.HOUR) ? MAX_HOURS : MAX_DAYS;
		List<Instant> starts = new ArrayList<>();
		ZonedDateTime cursor = start.atZone(zone).truncatedTo(b.unit);
		while (cursor.toInstant().isBefore(end)) {
			if (starts.size() >= max) {
				throw TianshuException.invalidField("bucket", "event.analytics.too-many-buckets",
						"At most " + max + " " + b.sql + " buckets; choose a shorter range or bucket=day");
			}
			starts.add(cursor.toInstant());
			cursor = cursor.plus(1, b.unit);
		}
		return new AnalyticsRange(start, end, b, zone, List.copyOf(starts));
	}

	private static Instant instant(String value, String field) {
		try {
			return Instant.parse(value.strip());
		}
		catch (DateTimeParseException ex) {
			throw TianshuException.invalidField(field, "request.invalid-parameter",
					"Not an ISO 8601 instant (2026-05-01T00:00:00Z): " + value);
		}
	}

	/**
	 * The bucket starts as ISO 8601 date-times with the zone's offset, for chart axes.
	 */
	List<String> labels() {
		return this.starts.stream()
			.map((i) -> i.atZone(this.zone).toOffsetDateTime().format(DateTimeFormatter.ISO_OFFSET_DATE_TIME))
			.toList();
	}

	/** Bucket start → position. */
	Map<Instant, Integer> positions() {
		Map<Instant, Integer> out = new HashMap<>();
		for (int i = 0; i < this.starts.size(); i++) {
			out.put(this.starts.get(i), i);
		}
		return out;
	}

}
