package io.tianshu.event;

import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

/**
 * The durable intake of alert signals (告警接入): every ingest endpoint and listener hands
 * what it accepted here. Submissions from many callers are written by one writer in
 * batched transactions (group commit); the future completes only after the transaction
 * holding the submission committed, so a caller acknowledges its sender only then. The
 * future fails with {@link IntakeUnavailableException} when the store cannot take the
 * signals (queue full, database down) — answer 503 / do not acknowledge, never a false
 * ack. Drop/transform rules are applied at submission. Re-submitting the same signal is
 * idempotent: it refreshes the alert's last-seen time and counts a duplicate.
 */
public interface AlertIntake {

	CompletableFuture<IntakeReceipt> submit(List<IncomingSignal> signals);

	/**
	 * Counts a rejected input of an integration under a stable reason
	 * ({@code timestamp.future}, {@code labels.too-many}, {@code syslog.unparseable});
	 * shown by the integration's statistics.
	 */
	void reject(UUID integrationId, String reason);

}
