package io.tianshu.event.intake;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

import io.tianshu.event.AlertIntake;
import io.tianshu.event.IncomingSignal;
import io.tianshu.event.IntegrationInfo;
import io.tianshu.event.IntegrationKind;
import io.tianshu.event.Severity;
import io.tianshu.event.SignalStatus;
import io.tianshu.event.integration.IntegrationDraft;
import io.tianshu.event.integration.IntegrationStore;
import io.tianshu.event.listen.ReceivedSignal;
import io.tianshu.event.listen.ReceivedSignalSink;
import io.tianshu.platform.Authorization;
import io.tianshu.platform.Sha256;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.stereotype.Component;

/**
 * Hands what the syslog and SNMP listeners received to the durable intake, and returns
 * only once it is committed (a TCP syslog sender or an SNMP inform is answered after
 * that). A listener's integration key names an enabled integration of its kind; when
 * there is none, one is created on the first message (as Tianshu itself, audited),
 * because an operator who turned a listener on expects its messages to be kept.
 */
@Component
class ListenerIntake implements ReceivedSignalSink {

	private static final Logger log = LoggerFactory.getLogger(ListenerIntake.class);

	private static final long STORE_TIMEOUT_SECONDS = 30;

	private final AlertIntake intake;

	private final IntegrationStore store;

	private final Authorization authorization;

	private final Map<String, UUID> resolved = new ConcurrentHashMap<>();

	ListenerIntake(AlertIntake intake, IntegrationStore store, Authorization authorization) {
		this.intake = intake;
		this.store = store;
		this.authorization = authorization;
	}

	@Override
	public void accept(List<ReceivedSignal> signals) throws Exception {
		List<IncomingSignal> incoming = new ArrayList<>(signals.size());
		for (ReceivedSignal signal : signals) {
			incoming.add(toIncoming(integrationFor(signal.protocol(), signal.integrationKey()), signal));
		}
		this.intake.submit(incoming).get(STORE_TIMEOUT_SECONDS, TimeUnit.SECONDS);
	}

	private UUID integrationFor(String protocol, String key) {
		IntegrationKind kind = "snmp".equals(protocol) ? IntegrationKind.SNMP : IntegrationKind.SYSLOG;
		String name = (key != null && !key.isBlank()) ? key : kind.code();
		return this.resolved.computeIfAbsent(kind.code() + "/" + name,
				(k) -> find(kind, name).or(() -> this.store.enabledOfKind(kind).stream().findFirst())
					.map(IntegrationInfo::id)
					.orElseGet(() -> create(kind, name)));
	}

	private Optional<IntegrationInfo> find(IntegrationKind kind, String name) {
		return this.store.enabledOfKind(kind).stream().filter((i) -> i.name().equals(name)).findFirst();
	}

	private UUID create(IntegrationKind kind, String name) {
		log.info("No enabled {} integration named '{}': creating it for the {} listener", kind.code(), name,
				kind.code());
		return this.authorization.runAsSystem(
				() -> this.store
					.create(new IntegrationDraft(name, kind, true, null, null, null,
							"Created for the " + kind.code() + " listener on its first message"))
					.id());
	}

	static IncomingSignal toIncoming(UUID integrationId, ReceivedSignal signal) {
		SignalStatus status = "resolved".equalsIgnoreCase(signal.status()) ? SignalStatus.RESOLVED
				: SignalStatus.FIRING;
		Severity severity = severity(signal.severity());
		String fingerprint = (signal.fingerprint() != null && !signal.fingerprint().isBlank()) ? signal.fingerprint()
				: fingerprintOf(signal);
		String resource = signal.labels().getOrDefault("host", signal.sourceAddress());
		return IncomingSignal.builder(integrationId, fingerprint, status, signal.receivedAt())
			.severity(severity, signal.sourceSeverity())
			.summary(signal.summary())
			.resource(resource)
			.labels(signal.labels())
			.annotations(signal.annotations())
			.startsAt(signal.startsAt())
			.build();
	}

	private static Severity severity(String value) {
		try {
			return Severity.valueOf(value.strip().toUpperCase(Locale.ROOT));
		}
		catch (RuntimeException ex) {
			return Severity.WARNING;
		}
	}

	/**
	 * A message without a key of its own (no mapping rule set one): the same text from
	 * the same labels (host, app, facility …) is the same alert, so repeats count as
	 * duplicates.
	 */
	static String fingerprintOf(ReceivedSignal signal) {
		MessageDigest sha = Sha256.digest();
		sha.update(signal.protocol().getBytes(StandardCharsets.UTF_8));
		for (Map.Entry<String, String> label : new TreeMap<>(signal.labels()).entrySet()) {
			sha.update((byte) 0);
			sha.update(label.getKey().getBytes(StandardCharsets.UTF_8));
			sha.update((byte) 0xff);
			sha.update(label.getValue().getBytes(StandardCharsets.UTF_8));
		}
		sha.update((byte) 0);
		sha.update(String.valueOf(signal.summary()).getBytes(StandardCharsets.UTF_8));
		return HexFormat.of().formatHex(sha.digest(), 0, 16);
	}

}
