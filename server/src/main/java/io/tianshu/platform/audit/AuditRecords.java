package io.tianshu.platform.audit;

import java.sql.Timestamp;
import java.time.Clock;

import io.tianshu.platform.Actor;
import io.tianshu.platform.Audit;
import io.tianshu.platform.AuditEntry;
import io.tianshu.platform.Authorization;
import io.tianshu.platform.web.CurrentRequest;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Writes audit records in the caller's transaction.
 */
@Component
class AuditRecords implements Audit {

	private final JdbcClient jdbc;

	private final Authorization authorization;

	private final JsonMapper json;

	private final Clock clock;

	AuditRecords(JdbcClient jdbc, Authorization authorization, JsonMapper json, Clock clock) {
		this.jdbc = jdbc;
		this.authorization = authorization;
		this.json = json;
		this.clock = clock;
	}

	@Override
	public void record(AuditEntry entry) {
		Actor actor = (entry.actor() != null) ? entry.actor() : this.authorization.currentActor();
		this.jdbc.sql("""
				INSERT INTO platform.audit_record (occurred_at, actor_kind, actor_id, actor_name, token_id,
				  source_address, request_id, action, target_type, target_id, outcome, before, after, detail)
				VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?::jsonb, ?::jsonb, ?)""")
			.params(Timestamp.from(this.clock.instant()), actor.kind().name(), actor.userId(), actor.name(),
					actor.tokenId(), CurrentRequest.sourceAddress(), CurrentRequest.requestId(), entry.action(),
					entry.targetType(), entry.targetId(), entry.outcome().name(), toJson(entry.before()),
					toJson(entry.after()), entry.detail())
			.update();
	}

	private String toJson(Object value) {
		return (value != null) ? this.json.writeValueAsString(value) : null;
	}

}
