package io.tianshu.event.ingest;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class Rfc3339Tests {

	@Test
	void parsesExactlyAsOffsetDateTimeDoes() {
		List<String> samples = List.of("2025-03-01T08:00:00Z", "2025-03-01T08:00:00.1Z", "2025-03-01T08:00:00.123Z",
				"2025-03-01T08:00:00.123456789Z", "2025-03-01T16:00:00+08:00", "2025-03-01T02:30:00.5-05:30",
				"0001-01-01T00:00:00Z", "2024-02-29T23:59:59.999999999+14:00", "2025-03-01t08:00:00z",
				"2025-03-01T08:00Z", "2025-03-01T08:00:00+08:00:30", "2025-03-01T08:00:00.Z",
				"2025-03-01T08:00:00-18:00");
		for (String s : samples) {
			assertThat(Rfc3339.parse(s)).as(s).isEqualTo(OffsetDateTime.parse(s).toInstant());
		}
		Random random = new Random(7);
		for (int i = 0; i < 2000; i++) {
			Instant t = Instant.ofEpochSecond(random.nextLong(0, 4102444800L), random.nextInt(1_000_000_000));
			int offsetMinutes = random.nextInt(-18 * 60, 18 * 60 + 1);
			String s = OffsetDateTime.ofInstant(t, java.time.ZoneOffset.ofTotalSeconds(offsetMinutes * 60)).toString();
			assertThat(Rfc3339.parse(s)).as(s).isEqualTo(t);
		}
	}

	@Test
	void refusesWhatOffsetDateTimeRefuses() {
		for (String s : List.of("2025-02-30T08:00:00Z", "2025-13-01T08:00:00Z", "2025-03-01T24:00:00Z",
				"2025-03-01T08:60:00Z", "2025-03-01T08:00:60Z", "2025-03-01T08:00:00",
				"2025-03-01T08:00:00.1234567891Z", "2025-03-01T08:00:00+19:00", "2025-03-01T08:00:00+0800",
				"2025-03-01 08:00:00Z", "yesterday", "2025-03-01T08:00:00ZZ")) {
			assertThatThrownBy(() -> Rfc3339.parse(s)).as(s).isInstanceOf(DateTimeParseException.class);
			assertThatThrownBy(() -> OffsetDateTime.parse(s)).as(s).isInstanceOf(DateTimeParseException.class);
		}
	}

}
