package io.tianshu.event.listen;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Turns the rules' outcome into a {@link ReceivedSignal} within the limits that keep a
 * chatty sender from exploding labels: at most {@value #MAX_LABELS} labels of
 * {@value #MAX_LABEL_VALUE} characters, {@value #MAX_ANNOTATIONS} annotations of
 * {@value #MAX_ANNOTATION_VALUE} characters, a summary of {@value #MAX_SUMMARY}; empty
 * values are left out. A source timestamp more than {@link #MAX_FUTURE} ahead of arrival
 * is not believed: the signal starts at arrival and keeps the claimed time as the
 * annotation {@code sourceTimestamp}.
 */
final class SignalShape {

	static final int MAX_LABELS = 32;

	static final int MAX_LABEL_VALUE = 256;

	static final int MAX_ANNOTATIONS = 64;

	static final int MAX_ANNOTATION_VALUE = 4096;

	static final int MAX_SUMMARY = 512;

	static final Duration MAX_FUTURE = Duration.ofMinutes(5);

	private SignalShape() {
	}

	static ReceivedSignal build(String protocol, String integration, Instant receivedAt, String source,
			MappingRules.Outcome outcome, String fallbackSeverity, String sourceSeverity, String fallbackSummary,
			Map<String, String> extraAnnotations, Instant sourceTime, byte[] raw) {
		Map<String, String> labels = bounded(outcome.labels(), MAX_LABELS, MAX_LABEL_VALUE);
		Map<String, String> annotations = new LinkedHashMap<>(
				bounded(outcome.annotations(), MAX_ANNOTATIONS - 1, MAX_ANNOTATION_VALUE));
		Instant startsAt = sourceTime;
		if (sourceTime != null && sourceTime.isAfter(receivedAt.plus(MAX_FUTURE))) {
			annotations.put("sourceTimestamp", sourceTime.toString());
			startsAt = receivedAt;
		}
		for (Map.Entry<String, String> e : extraAnnotations.entrySet()) {
			if (annotations.size() >= MAX_ANNOTATIONS) {
				break;
			}
			if (e.getValue() != null && !e.getValue().isEmpty()) {
				annotations.putIfAbsent(e.getKey(), truncate(e.getValue(), MAX_ANNOTATION_VALUE));
			}
		}
		String fingerprint = outcome.fingerprint();
		if (fingerprint != null && fingerprint.isBlank()) {
			fingerprint = null;
		}
		String summary = (outcome.summary() != null && !outcome.summary().isBlank()) ? outcome.summary()
				: fallbackSummary;
		return new ReceivedSignal(protocol, integration, receivedAt, source,
				(fingerprint != null) ? truncate(fingerprint, MAX_LABEL_VALUE) : null,
				(outcome.status() != null) ? outcome.status() : "firing",
				(outcome.severity() != null) ? outcome.severity() : fallbackSeverity, sourceSeverity,
				truncate(summary.strip(), MAX_SUMMARY), labels, annotations, startsAt, raw);
	}

	private static Map<String, String> bounded(Map<String, String> values, int max, int maxValue) {
		Map<String, String> out = new LinkedHashMap<>();
		for (Map.Entry<String, String> e : values.entrySet()) {
			if (out.size() >= max) {
				break;
			}
			if (e.getValue() != null && !e.getValue().isEmpty()) {
				out.put(e.getKey(), truncate(e.getValue(), maxValue));
			}
		}
		return out;
	}

	static String truncate(String value, int max) {
		if (value.length() <= max) {
			return value;
		}
		int cut = max;
		if (Character.isHighSurrogate(value.charAt(cut - 1))) {
			cut--;
		}
		return value.substring(0, cut);
	}

}
