package io.tianshu.event.intake;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import io.tianshu.TianshuIntegrationTest;
import io.tianshu.event.AlertIntake;
import io.tianshu.event.IncomingSignal;
import io.tianshu.event.IntakeReceipt.Outcome;
import io.tianshu.event.IntakeReceipt.SignalOutcome;
import io.tianshu.event.IntegrationKind;
import io.tianshu.event.Severity;
import io.tianshu.event.SignalStatus;
import io.tianshu.event.integration.IntegrationDraft;
import io.tianshu.event.integration.IntegrationStore;
import io.tianshu.platform.Authorization;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The re-send journal on the real database, driven the way an intake writer drives it but
 * with a journal of the test's own, so the fold happens when the test says (the test
 * profile's intake folds before every acknowledgement).
 */
@TianshuIntegrationTest
class ResendJournalTests {

	private static final Instant STARTED = Instant.parse("2025-04-01T00:00:00Z");

	@Autowired
	AlertIntake intake;

	@Autowired
	AlertWriter writer;

	@Autowired
	TransactionTemplate tx;

	@Autowired
	IntegrationStore integrations;

	@Autowired
	Authorization authorization;

	@Autowired
	JdbcClient jdbc;

	@Test
	void reSendsAreJournaledAndFoldedIntoOneUpdateAndOneRawEventRow() {
		UUID id = integration();
		long alert = this.intake.submit(List.of(firing(id, "fold"))).join().outcomes().get(0).alertId();
		ResendJournal journal = new ResendJournal();
		long journalRows = journalRows();
		for (int i = 0; i < 3; i++) {
			assertThat(write(journal, firing(id, "fold")).outcome()).isEqualTo(Outcome.DUPLICATE);
		}
		// acknowledged once journaled: the alert and the raw events are not written yet
		assertThat(journalRows()).isEqualTo(journalRows + 3);
		assertThat(duplicates(alert)).isZero();
		assertThat(rawSignals(alert, "DUPLICATE")).isZero();
		assertThat(journal.size()).isEqualTo(1);

		assertThat(foldAll(journal)).isEmpty();
		assertThat(duplicates(alert)).isEqualTo(3);
		assertThat(this.jdbc.sql("SELECT count(*) FROM event.raw_event WHERE alert_id = ? AND outcome = 'DUPLICATE'")
			.param(alert)
			.query(Long.class)
			.single()).as("one row stands for the three re-sends").isEqualTo(1);
		assertThat(rawSignals(alert, "DUPLICATE")).isEqualTo(3);
		assertThat(journalRows()).isEqualTo(journalRows);
		assertThat(journal.isEmpty()).isTrue();

		// what the writer remembers carries the version the fold gave the alert: the next
		// re-send is journaled and folded without a second attempt
		assertThat(write(journal, firing(id, "fold")).outcome()).isEqualTo(Outcome.DUPLICATE);
		assertThat(foldAll(journal)).isEmpty();
		assertThat(duplicates(alert)).isEqualTo(4);
	}

	@Test
	void anAlertChangedBeforeTheFoldIsNotOverwrittenAndItsReSendIsAppliedAgain() {
		UUID id = integration();
		long alert = this.intake.submit(List.of(firing(id, "closed"))).join().outcomes().get(0).alertId();
		ResendJournal journal = new ResendJournal();
		assertThat(write(journal, firing(id, "closed")).outcome()).isEqualTo(Outcome.DUPLICATE);
		// an operator closes the alert before the fold (as the lifecycle API does)
		assertThat(this.jdbc
			.sql("UPDATE event.alert SET state = 'CLOSED', closed_at = now(), version = version + 1 WHERE id = ?")
			.param(alert)
			.update()).isEqualTo(1);
		List<ResendJournal.Pending> changed = foldAll(journal);
		assertThat(changed).singleElement().satisfies((p) -> assertThat(p.alertId).isEqualTo(alert));
		assertThat(duplicates(alert)).as("the closed alert is not written").isZero();
		// applied again as the intake does, the re-send of a closed alert opens a new one
		SignalOutcome again = this.authorization.runAsSystem(() -> this.tx.execute((status) -> this.writer
			.write(List.of(changed.get(0).last), List.of(changed.get(0).hash), false, journal)
			.get(0)));
		assertThat(again.outcome()).isEqualTo(Outcome.CREATED);
		assertThat(again.alertId()).isNotEqualTo(alert);
	}

	@Test
	void whatACrashLeftJournaledIsFoldedAtStartOnce() {
		UUID id = integration();
		long alert = this.intake.submit(List.of(firing(id, "crash"))).join().outcomes().get(0).alertId();
		ResendJournal journal = new ResendJournal();
		write(journal, firing(id, "crash"));
		write(journal, firing(id, "crash"));
		// the process dies here: the re-sends were acknowledged, the journal was not
		// folded
		Instant lastSeen = this.jdbc.sql("SELECT last_seen FROM event.alert WHERE id = ?")
			.param(alert)
			.query(java.sql.Timestamp.class)
			.single()
			.toInstant();
		int recovered = recover();
		assertThat(recovered).isGreaterThanOrEqualTo(2);
		assertThat(duplicates(alert)).isEqualTo(2);
		assertThat(rawSignals(alert, "DUPLICATE")).isEqualTo(2);
		assertThat(this.jdbc.sql("SELECT last_seen FROM event.alert WHERE id = ?")
			.param(alert)
			.query(java.sql.Timestamp.class)
			.single()
			.toInstant()).isAfterOrEqualTo(lastSeen);
		assertThat(journalRows()).isZero();
		// a second start finds nothing left
		int again = recover();
		assertThat(again).isZero();
		assertThat(duplicates(alert)).isEqualTo(2);
	}

	@Test
	void aCrashBetweenFoldChunksCountsNothingTwice() {
		UUID id = integration();
		long alert = this.intake.submit(List.of(firing(id, "mid-fold"))).join().outcomes().get(0).alertId();
		ResendJournal journal = new ResendJournal();
		write(journal, firing(id, "mid-fold"));
		// a chunk that is not the fold's last: the alert and its raw event are written,
		// the
		// journal row stays until the last chunk; the process dies before it
		ResendJournal.Chunk chunk = journal.next(GroupCommitIntake.FOLD_CHUNK);
		this.authorization.runAsSystem(() -> this.tx.execute((status) -> this.writer.fold(chunk.pending(), List.of())));
		assertThat(duplicates(alert)).isEqualTo(1);
		assertThat(journalRows()).isPositive();
		recover();
		assertThat(rawSignals(alert, "DUPLICATE")).isEqualTo(1);
		assertThat(duplicates(alert)).isEqualTo(1);
		assertThat(journalRows()).isZero();
	}

	@Test
	void theJournalEncodingKeepsEveryField() {
		ResendJournal.Entry entry = new ResendJournal.Entry(42, Instant.parse("2026-12-03T10:00:00.123456Z"),
				Instant.parse("2026-12-03T10:05:00.000001Z"), 7, null, false, 3, "RESOLVED", "abc",
				Instant.parse("2026-12-03T10:05:00Z"));
		ResendJournal.Entry timed = new ResendJournal.Entry(43, entry.firstSeen(), entry.lastSeen(), 1,
				Instant.parse("2026-12-03T10:10:00Z"), true, 1, "FIRING", "def", entry.receivedAt());
		assertThat(ResendJournal.decode(ResendJournal.encode(List.of(entry, timed)))).containsExactly(entry, timed);
	}

	private SignalOutcome write(ResendJournal journal, IncomingSignal signal) {
		return this.authorization.runAsSystem(() -> this.tx.execute(
				(status) -> this.writer.write(List.of(signal), List.of(AlertWriter.identityHash(signal)), true, journal)
					.get(0)));
	}

	/**
	 * Folds the journal chunk by chunk as a writer does; the alerts changed meanwhile.
	 */
	private List<ResendJournal.Pending> foldAll(ResendJournal journal) {
		List<ResendJournal.Pending> changed = new java.util.ArrayList<>();
		do {
			ResendJournal.Chunk chunk = journal.next(GroupCommitIntake.FOLD_CHUNK);
			List<ResendJournal.Pending> failed = this.authorization
				.runAsSystem(() -> this.tx.execute((status) -> this.writer.fold(chunk.pending(), chunk.rows())));
			this.writer.folded(chunk.pending(), failed);
			journal.folded(chunk);
			changed.addAll(failed);
		}
		while (journal.folding());
		return changed;
	}

	/** What the intake does at start. */
	private int recover() {
		return this.authorization.runAsSystem(() -> this.tx.execute((status) -> this.writer.recover()));
	}

	private long journalRows() {
		return this.jdbc.sql("SELECT count(*) FROM event.resend_journal").query(Long.class).single();
	}

	private int duplicates(long alert) {
		return this.jdbc.sql("SELECT duplicates FROM event.alert WHERE id = ?")
			.param(alert)
			.query(Integer.class)
			.single();
	}

	private long rawSignals(long alert, String outcome) {
		return this.jdbc.sql("SELECT coalesce(sum(signals), 0) FROM event.raw_event WHERE alert_id = ? AND outcome = ?")
			.params(alert, outcome)
			.query(Long.class)
			.single();
	}

	private UUID integration() {
		return this.authorization.runAsSystem(() -> this.integrations
			.create(new IntegrationDraft("prometheus " + UUID.randomUUID(), IntegrationKind.PROMETHEUS, true, null,
					null, null, null))
			.id());
	}

	private static IncomingSignal firing(UUID integration, String fingerprint) {
		return IncomingSignal.builder(integration, fingerprint, SignalStatus.FIRING, Instant.now())
			.severity(Severity.MAJOR, "major")
			.startsAt(STARTED)
			.summary("journal " + fingerprint)
			.build();
	}

}
