package io.tianshu.event.ingest;

import java.util.LinkedHashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class AlertmanagerFingerprintTests {

	@Test
	void emptyLabelSetIsTheFnvOffsetBasis() {
		// prometheus/common model: emptyLabelSignature = hashNew() = offset64
		assertThat(AlertmanagerFingerprint.of(Map.of())).isEqualTo("cbf29ce484222325");
	}

	@Test
	void fnv1aOverSortedNamesAndValuesWithTheSeparatorByte() {
		// computed independently (FNV-1a 64, names sorted, 0xff after each name and
		// value)
		Map<String, String> labels = new LinkedHashMap<>();
		labels.put("severity", "critical");
		labels.put("instance", "db01:9100");
		labels.put("alertname", "HighLatency");
		assertThat(AlertmanagerFingerprint.of(labels)).isEqualTo("a5db10b19219470a");
	}

	@Test
	void aValueChangeChangesTheFingerprint() {
		assertThat(AlertmanagerFingerprint.of(Map.of("a", "b")))
			.isNotEqualTo(AlertmanagerFingerprint.of(Map.of("a", "c")))
			.hasSize(16);
	}

}
