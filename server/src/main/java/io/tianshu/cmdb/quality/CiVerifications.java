package io.tianshu.cmdb.quality;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;

import io.tianshu.cmdb.ChangeSource;
import io.tianshu.cmdb.CiChanged;
import io.tianshu.cmdb.CiId;
import io.tianshu.cmdb.CmdbPermissions;
import io.tianshu.cmdb.model.ChangeContext;
import io.tianshu.cmdb.quality.QualityRecords.CiVerification;
import io.tianshu.platform.Audit;
import io.tianshu.platform.AuditEntry;
import io.tianshu.platform.Authorization;
import io.tianshu.platform.TianshuException;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Verification (核实): a data steward confirms a CI's data is still right without changing
 * it. It sets {@code verified_at}, appends a {@code VERIFIED} entry with an empty diff to
 * the CI's history (the version counts it), is audited and published as a
 * {@link CiChanged} of kind {@code VERIFIED}. Freshness counts it like a change.
 */
@Service
public class CiVerifications {

	private final JdbcClient jdbc;

	private final Authorization authorization;

	private final Audit audit;

	private final ApplicationEventPublisher events;

	private final Clock clock;

	CiVerifications(JdbcClient jdbc, Authorization authorization, Audit audit, ApplicationEventPublisher events,
			Clock clock) {
		this.jdbc = jdbc;
		this.authorization = authorization;
		this.audit = audit;
		this.events = events;
		this.clock = clock;
	}

	@Transactional
	public CiVerification verify(CiId id, ChangeSource source) {
		this.authorization.require(CmdbPermissions.CI_WRITE);
		record Row(String model, String name, String state, int version) {
		}
		// the row lock orders this with CiRegistry's changes of the same CI, so versions
		// never clash
		Row row = this.jdbc.sql("SELECT model_code, name, state, version FROM cmdb.ci WHERE id = ? FOR UPDATE")
			.param(id.value())
			.query((rs, n) -> new Row(rs.getString(1), rs.getString(2), rs.getString(3), rs.getInt(4)))
			.optional()
			.orElseThrow(() -> TianshuException.notFound("cmdb.ci.not-found", "No configuration item " + id));
		if ("RETIRED".equals(row.state())) {
			throw TianshuException.conflict("cmdb.ci.retired", "CI " + id + " is retired and cannot be verified",
					Map.of("id", id.toString()));
		}
		Instant now = this.clock.instant();
		int version = row.version() + 1;
		String actor = ChangeContext.actor(this.authorization);
		this.jdbc.sql("UPDATE cmdb.ci SET version = ?, verified_at = ? WHERE id = ?")
			.params(version, Timestamp.from(now), id.value())
			.update();
		this.jdbc.sql("""
				INSERT INTO cmdb.ci_history (ci_id, version, change, diff, actor, source, request_id, changed_at)
				VALUES (?, ?, 'VERIFIED', '{}'::jsonb, ?, ?, ?, ?)""")
			.params(id.value(), version, actor, source.name(), ChangeContext.requestId(), Timestamp.from(now))
			.update();
		this.audit.record(AuditEntry.success("cmdb.ci.verified", "cmdb-ci", id.toString())
			.withDetail(row.model() + " " + row.name() + " via " + source));
		this.events.publishEvent(new CiChanged(id, row.model(), CiChanged.Kind.VERIFIED, version, source, now));
		return new CiVerification(id.value(), version, now, actor);
	}

}
