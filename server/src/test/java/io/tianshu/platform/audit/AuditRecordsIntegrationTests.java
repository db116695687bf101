package io.tianshu.platform.audit;

import io.tianshu.TianshuIntegrationTest;
import io.tianshu.platform.Actor;
import io.tianshu.platform.Audit;
import io.tianshu.platform.AuditEntry;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;

@TianshuIntegrationTest
class AuditRecordsIntegrationTests {

	@Autowired
	Audit audit;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	TransactionTemplate tx;

	@Test
	void recordRollsBackWithTheCallersTransaction() {
		long before = count();
		this.tx.executeWithoutResult((status) -> {
			this.audit.record(AuditEntry.success("test.thing.created", "thing", "t-1").by(Actor.SYSTEM));
			status.setRollbackOnly();
		});
		assertThat(count()).isEqualTo(before);
		this.audit.record(
				AuditEntry.success("test.thing.created", "thing", "t-2").withChange(null, java.util.Map.of("a", 1)));
		assertThat(count()).isEqualTo(before + 1);
		assertThat(this.jdbc.sql("SELECT after->>'a' FROM platform.audit_record WHERE target_id = 't-2'")
			.query(String.class)
			.single()).isEqualTo("1");
	}

	private long count() {
		return this.jdbc.sql("SELECT count(*) FROM platform.audit_record").query(Long.class).single();
	}

}
