package io.tianshu.event.intake;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

import io.tianshu.event.AlertLink;
import io.tianshu.event.IncomingSignal;
import io.tianshu.event.Severity;
import io.tianshu.event.SignalStatus;
import io.tianshu.platform.Sha256;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The identity hash is stored with every alert ({@code last_hash}) and decides whether a
 * signal is a duplicate, so it must not change between versions: the buffer it is built
 * in gives the bytes the text it describes has in UTF-8, whatever the characters.
 */
class IdentityHashTests {

	private static final UUID INTEGRATION = UUID.fromString("6f1c8f9e-0c1e-4c52-9d7e-1b2a3c4d5e6f");

	@Test
	void isTheDigestOfTheWholeTextInUtf8() {
		Map<String, String> labels = new TreeMap<>(Map.of("alertname", "TradeLatencyHigh", "instance", "10.1.2.3:9100",
				"service", "集中交易", "emoji", "🔥 hot", "empty", ""));
		Map<String, String> annotations = new TreeMap<>(
				Map.of("summary", "委托延迟超过 500 毫秒", "runbook", "https://wiki/x"));
		IncomingSignal firing = IncomingSignal.builder(INTEGRATION, "fp1", SignalStatus.FIRING, Instant.now())
			.severity(Severity.MAJOR, "严重")
			.summary("委托延迟 ")
			.resource("db-01")
			.labels(labels)
			.annotations(annotations)
			.links(List.of(new AlertLink("http://prometheus:9090/graph?g0.expr=up", "generator", false)))
			.startsAt(Instant.parse("2026-12-03T01:02:03.123456Z"))
			.endsAt(Instant.parse("2026-12-03T02:00:00Z"), true)
			.groupKey("{}:{alertname=\"TradeLatencyHigh\"}")
			.build();
		IncomingSignal resolved = IncomingSignal.builder(INTEGRATION, "fp2", SignalStatus.RESOLVED, Instant.now())
			.labels(Map.of("a\uD83D", "lone high surrogate", "b", "\uDC00 lone low"))
			.details(Map.of("custom", List.of(1, 2)))
			.endsAt(Instant.parse("2026-12-03T02:00:00Z"), false)
			.build();
		IncomingSignal bare = IncomingSignal.builder(INTEGRATION, "fp3", SignalStatus.FIRING, Instant.now()).build();
		for (IncomingSignal s : List.of(firing, resolved, bare)) {
			assertThat(AlertWriter.identityHash(s)).isEqualTo(wholeText(s));
		}
		assertThat(AlertWriter.identityHash(firing)).isNotEqualTo(AlertWriter.identityHash(bare));
	}

	/** The text built whole, as the hash was first defined. */
	private static String wholeText(IncomingSignal s) {
		StringBuilder b = new StringBuilder();
		b.append(s.status()).append('\u0000').append(s.sourceSeverity()).append('\u0000').append(s.summary());
		b.append('\u0000').append(s.resource());
		if (!(s.status() == SignalStatus.FIRING && s.autoResolve())) {
			b.append('\u0000').append(s.endsAt());
		}
		s.labels().forEach((k, v) -> b.append('\u0001').append(k).append('=').append(v));
		b.append('\u0002');
		s.annotations().forEach((k, v) -> b.append('\u0001').append(k).append('=').append(v));
		b.append('\u0002').append(s.links()).append('\u0002').append(s.details()).append('\u0002').append(s.groupKey());
		return HexFormat.of().formatHex(Sha256.of(b.toString().getBytes(StandardCharsets.UTF_8)), 0, 16);
	}

}
