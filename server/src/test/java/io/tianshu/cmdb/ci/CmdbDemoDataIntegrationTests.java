package io.tianshu.cmdb.ci;

import java.time.Duration;
import java.util.UUID;

import io.tianshu.TianshuIntegrationTest;
import io.tianshu.cmdb.CiId;
import io.tianshu.cmdb.Topology;
import io.tianshu.cmdb.TopologyGraph;
import io.tianshu.platform.Authorization;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/** The demo firm loads valid and fast; loaded in a transaction that is rolled back. */
@TianshuIntegrationTest
class CmdbDemoDataIntegrationTests {

	@Autowired
	CmdbDemoData demo;

	@Autowired
	TransactionTemplate tx;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	Authorization authorization;

	@Autowired
	Topology topology;

	@Test
	void loadsASecuritiesFirmInSeconds() {
		this.authorization.runAsSystem(() -> this.tx.executeWithoutResult((status) -> {
			long started = System.nanoTime();
			this.demo.load();
			Duration took = Duration.ofNanos(System.nanoTime() - started);
			assertThat(took).isLessThan(Duration.ofSeconds(10));
			assertThat(count("SELECT count(*) FROM cmdb.ci WHERE model_code = 'host' AND name LIKE 's_-__-%'"))
				.isEqualTo(300);
			assertThat(count("SELECT count(*) FROM cmdb.ci WHERE model_code = 'business_system'"
					+ " AND attributes @> '{\"system_code\": \"JZJY\"}' AND name = '集中交易'"))
				.isEqualTo(1);
			assertThat(count("SELECT count(*) FROM cmdb.ci WHERE model_code = 'data_center' AND name LIKE '%数据中心'"
					+ " OR name LIKE '%灾备中心'"))
				.isGreaterThanOrEqualTo(2);
			// the core trading system reaches its hosts and racks through the business
			// view
			UUID jzjy = this.jdbc
				.sql("SELECT id FROM cmdb.ci WHERE model_code = 'business_system'"
						+ " AND attributes @> '{\"system_code\": \"JZJY\"}'")
				.query(UUID.class)
				.single();
			TopologyGraph graph = this.topology.impact(new CiId(jzjy), Topology.Direction.DOWNSTREAM, 3,
					java.util.Set.of("contains", "runs_on", "depends_on"));
			assertThat(graph.nodes()).extracting(TopologyGraph.Node::model)
				.contains("application", "service", "host", "db_instance", "middleware_instance");
			assertThat(count("SELECT count(*) FROM cmdb.ci_history h JOIN cmdb.ci c ON c.id = h.ci_id"
					+ " WHERE c.model_code = 'os' AND h.source = 'IMPORT'"))
				.isGreaterThanOrEqualTo(300);
			status.setRollbackOnly();
		}));
	}

	private int count(String sql) {
		return this.jdbc.sql(sql).query(Integer.class).single();
	}

}
