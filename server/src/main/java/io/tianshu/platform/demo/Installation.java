package io.tianshu.platform.demo;

import java.time.Clock;
import java.util.Comparator;
import java.util.List;

import io.tianshu.platform.Authorization;
import io.tianshu.platform.DemoData;
import io.tianshu.platform.TianshuProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.annotation.Order;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Records the first start of a database and, on that start only, loads the modules' demo
 * data. A second start on the same data finds the installation row and initialises
 * nothing.
 */
@Component
@Order(0)
class Installation implements ApplicationRunner {

	private static final Logger log = LoggerFactory.getLogger(Installation.class);

	private final JdbcClient jdbc;

	private final TransactionTemplate tx;

	private final List<DemoData> demoData;

	private final TianshuProperties properties;

	private final Clock clock;

	private final Authorization authorization;

	Installation(JdbcClient jdbc, TransactionTemplate tx, List<DemoData> demoData, TianshuProperties properties,
			Clock clock, Authorization authorization) {
		this.authorization = authorization;
		this.jdbc = jdbc;
		this.tx = tx;
		this.demoData = demoData;
		this.properties = properties;
		this.clock = clock;
	}

	@Override
	public void run(ApplicationArguments args) {
		this.tx.executeWithoutResult((status) -> {
			// the lock makes a second node starting at the same time wait, then see the
			// row
			this.jdbc.sql("LOCK TABLE platform.installation IN EXCLUSIVE MODE").update();
			boolean installed = this.jdbc.sql("SELECT count(*) FROM platform.installation")
				.query(Integer.class)
				.single() > 0;
			if (installed) {
				return;
			}
			boolean demo = this.properties.demo();
			this.jdbc.sql("INSERT INTO platform.installation (id, installed_at, demo_loaded) VALUES (1, ?, ?)")
				.params(java.sql.Timestamp.from(this.clock.instant()), demo)
				.update();
			log.info("First start of this database{}", demo ? ": loading demo data" : " (no demo data)");
			if (demo) {
				this.demoData.stream().sorted(Comparator.comparingInt(DemoData::order)).forEach((d) -> {
					log.info("Demo data: {}", d.name());
					this.authorization.runAsSystem(d::load);
				});
			}
		});
	}

}
