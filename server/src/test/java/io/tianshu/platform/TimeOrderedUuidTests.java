package io.tianshu.platform;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class TimeOrderedUuidTests {

	@Test
	void isAVersion7UuidCarryingTheCurrentMillisecond() {
		long before = System.currentTimeMillis();
		UUID id = TimeOrderedUuid.next();
		long after = System.currentTimeMillis();
		assertThat(id.version()).isEqualTo(7);
		assertThat(id.variant()).isEqualTo(2);
		assertThat(id.getMostSignificantBits() >>> 16).isBetween(before, after);
		// parses back from its text as any UUID does
		assertThat(UUID.fromString(id.toString())).isEqualTo(id);
	}

	@Test
	void idsOfLaterMillisecondsSortAfterEarlierOnesAndNeverRepeat() {
		List<UUID> ids = new ArrayList<>();
		for (int i = 0; i < 200_000; i++) {
			ids.add(TimeOrderedUuid.next());
		}
		assertThat(new HashSet<>(ids)).hasSize(ids.size());
		int crossings = 0;
		for (int i = 1; i < ids.size(); i++) {
			UUID earlier = ids.get(i - 1);
			UUID later = ids.get(i);
			if ((later.getMostSignificantBits() >>> 16) != (earlier.getMostSignificantBits() >>> 16)) {
				crossings++;
				// PostgreSQL orders uuids by their bytes, which is the order of their
				// text
				assertThat(later.toString()).isGreaterThan(earlier.toString());
			}
		}
		assertThat(crossings).isPositive();
	}

}
