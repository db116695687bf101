package io.tianshu.cmdb.quality;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;

import io.tianshu.cmdb.QualityReport;
import io.tianshu.cmdb.QualityScore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The daily snapshot of the scores (overall, per model, per owner) behind the trend.
 * Spring's scheduler runs it on every node; the snapshot of a day is one row per scope,
 * so a second node (or a second run) only overwrites it with the same-day figures. A
 * start on a day without a snapshot takes one, so a new installation has a first point.
 */
@Component
class QualitySnapshots {

	private static final Logger log = LoggerFactory.getLogger(QualitySnapshots.class);

	private final QualityScores scores;

	private final JdbcClient jdbc;

	private final TransactionTemplate tx;

	private final Clock clock;

	QualitySnapshots(QualityScores scores, JdbcClient jdbc, TransactionTemplate tx, Clock clock) {
		this.scores = scores;
		this.jdbc = jdbc;
		this.tx = tx;
		this.clock = clock;
	}

	/** Snapshot days are dates in the server's time zone. */
	static LocalDate today(Clock clock) {
		return LocalDate.ofInstant(clock.instant(), ZoneId.systemDefault());
	}

	@EventListener(ApplicationReadyEvent.class)
	void onStart() {
		try {
			if (this.jdbc.sql("SELECT count(*) FROM cmdb.quality_snapshot WHERE day = ? AND scope = 'overall'")
				.param(today(this.clock))
				.query(Integer.class)
				.single() == 0) {
				take();
			}
		}
		catch (RuntimeException ex) {
			log.warn("CMDB data-quality snapshot at start failed; the daily one follows", ex);
		}
	}

	@Scheduled(cron = "${tianshu.cmdb.quality.snapshot-cron:0 15 0 * * *}")
	void daily() {
		try {
			take();
		}
		catch (RuntimeException ex) {
			log.error("CMDB data-quality snapshot failed", ex);
		}
	}

	/** Stores today's scores, replacing an earlier snapshot of today. */
	LocalDate take() {
		LocalDate day = today(this.clock);
		this.tx.executeWithoutResult((status) -> {
			QualityReport report = this.scores.report();
			store(day, "overall", "", report.overall());
			for (QualityReport.ModelQuality model : report.models()) {
				store(day, "model", model.model(), model.score());
			}
			for (QualityReport.OwnerQuality owner : report.owners()) {
				store(day, "owner", (owner.ownerTeamId() != null) ? owner.ownerTeamId().toString() : "", owner.score());
			}
		});
		return day;
	}

	private void store(LocalDate day, String scope, String key, QualityScore score) {
		this.jdbc.sql("""
				INSERT INTO cmdb.quality_snapshot (day, scope, scope_key, cis, slots, filled, fresh, completeness,
				  freshness, overall, taken_at)
				VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
				ON CONFLICT (day, scope, scope_key) DO UPDATE SET cis = EXCLUDED.cis, slots = EXCLUDED.slots,
				  filled = EXCLUDED.filled, fresh = EXCLUDED.fresh, completeness = EXCLUDED.completeness,
				  freshness = EXCLUDED.freshness, overall = EXCLUDED.overall, taken_at = EXCLUDED.taken_at""")
			.params(day, scope, key, score.cis(), score.slots(), score.filledSlots(), score.freshCis(),
					score.completeness(), score.freshness(), score.overall(), Timestamp.from(this.clock.instant()))
			.update();
	}

}
