package io.tianshu.platform.database;

import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;

import org.springframework.beans.factory.support.DefaultSingletonBeanRegistry;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.ConfigurableEnvironment;

/**
 * Starts the embedded PostgreSQL on a background thread as soon as the environment is
 * known, so that initdb and the postmaster's start overlap with class loading and bean
 * creation instead of following them (a cold start spends about as long in each).
 * {@link DatabaseConfiguration} waits for it when the data source is first needed.
 */
public class EarlyDatabaseStart implements ApplicationContextInitializer<ConfigurableApplicationContext> {

	static final String BEAN_NAME = "tianshuEarlyDatabaseStart";

	@Override
	public void initialize(ConfigurableApplicationContext context) {
		ConfigurableEnvironment env = context.getEnvironment();
		String url = env.getProperty("tianshu.db.url");
		if (url != null && !url.isBlank()) {
			return;
		}
		Path dataDir = Path.of(env.getProperty("tianshu.data-dir", "./data"));
		Startup startup = new Startup(dataDir,
				CompletableFuture.supplyAsync(() -> EmbeddedPostgres.start(dataDir), (task) -> {
					Thread thread = new Thread(task, "embedded-postgres-start");
					thread.setDaemon(true);
					thread.start();
				}));
		context.getBeanFactory().registerSingleton(BEAN_NAME, startup);
		// stops the database when the context fails before the server bean took it over
		if (context.getBeanFactory() instanceof DefaultSingletonBeanRegistry registry) {
			registry.registerDisposableBean(BEAN_NAME, startup::closeUnclaimed);
		}
	}

	/** A database being started for a data directory; claimed once by the server bean. */
	static final class Startup {

		private final Path dataDir;

		private final CompletableFuture<EmbeddedPostgres> postgres;

		private volatile boolean claimed;

		Startup(Path dataDir, CompletableFuture<EmbeddedPostgres> postgres) {
			this.dataDir = dataDir;
			this.postgres = postgres;
		}

		/** The started database, if it was started for this data directory. */
		EmbeddedPostgres claim(Path dataDir) {
			if (!this.dataDir.toAbsolutePath().normalize().equals(dataDir.toAbsolutePath().normalize())) {
				closeUnclaimed();
				return null;
			}
			this.claimed = true;
			return this.postgres.join();
		}

		void closeUnclaimed() {
			if (!this.claimed) {
				this.claimed = true;
				this.postgres.thenAccept((pg) -> {
					try {
						pg.close();
					}
					catch (Exception ex) {
						// the process is going away; nothing more to do
					}
				});
			}
		}

	}

}
