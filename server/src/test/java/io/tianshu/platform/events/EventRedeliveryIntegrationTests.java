package io.tianshu.platform.events;

import java.nio.file.Path;
import java.time.Duration;
import java.util.UUID;

import io.tianshu.TianshuApplication;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The outbox: an event whose listener failed stays incomplete in
 * {@code platform.event_publication} and is delivered again when Tianshu restarts on the
 * same database.
 */
class EventRedeliveryIntegrationTests {

	@TempDir
	Path dataDir;

	@Test
	void anIncompletePublicationIsRedeliveredAfterARestart() {
		String id = UUID.randomUUID().toString();
		RedeliveryProbe.failing.add(id);
		try (ConfigurableApplicationContext first = start()) {
			JdbcClient jdbc = first.getBean(JdbcClient.class);
			first.getBean(TransactionTemplate.class)
				.executeWithoutResult((status) -> first.publishEvent(new RedeliveryProbe.Ping(id)));
			await().atMost(Duration.ofSeconds(30)).until(() -> incomplete(jdbc, id) == 1 && attemptsMade(jdbc, id));
			assertThat(RedeliveryProbe.received).doesNotContain(id);
		}
		RedeliveryProbe.failing.remove(id);
		try (ConfigurableApplicationContext second = start()) {
			JdbcClient jdbc = second.getBean(JdbcClient.class);
			await().atMost(Duration.ofSeconds(30)).until(() -> RedeliveryProbe.received.contains(id));
			await().atMost(Duration.ofSeconds(30)).until(() -> incomplete(jdbc, id) == 0);
		}
	}

	private static long incomplete(JdbcClient jdbc, String id) {
		return jdbc.sql(
				"SELECT count(*) FROM platform.event_publication WHERE completion_date IS NULL AND serialized_event LIKE ?")
			.param("%" + id + "%")
			.query(Long.class)
			.single();
	}

	private static boolean attemptsMade(JdbcClient jdbc, String id) {
		return jdbc
			.sql("SELECT count(*) FROM platform.event_publication WHERE serialized_event LIKE ? AND status = 'FAILED'")
			.param("%" + id + "%")
			.query(Long.class)
			.single() > 0;
	}

	private ConfigurableApplicationContext start() {
		return new SpringApplicationBuilder(TianshuApplication.class).profiles("test")
			.run("--tianshu.data-dir=" + this.dataDir, "--server.port=0", "--tianshu.demo=false");
	}

}
