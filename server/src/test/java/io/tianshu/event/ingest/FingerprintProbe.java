package io.tianshu.event.ingest;

import java.util.Map;

/** Lets tests in other packages compute Alertmanager's fingerprint. */
public final class FingerprintProbe {

	private FingerprintProbe() {
	}

	public static String of(Map<String, String> labels) {
		return AlertmanagerFingerprint.of(labels);
	}

}
