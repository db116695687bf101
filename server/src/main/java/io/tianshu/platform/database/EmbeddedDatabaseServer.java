package io.tianshu.platform.database;

import java.io.IOException;

/**
 * The embedded PostgreSQL's lifetime as a bean: closed after the pool, so the pool drains
 * first.
 */
final class EmbeddedDatabaseServer implements AutoCloseable {

	private final EmbeddedPostgres postgres;

	private EmbeddedDatabaseServer(EmbeddedPostgres postgres) {
		this.postgres = postgres;
	}

	static EmbeddedDatabaseServer none() {
		return new EmbeddedDatabaseServer(null);
	}

	static EmbeddedDatabaseServer of(EmbeddedPostgres postgres) {
		return new EmbeddedDatabaseServer(postgres);
	}

	String jdbcUrl() {
		return this.postgres.jdbcUrl();
	}

	@Override
	public void close() throws IOException {
		if (this.postgres != null) {
			this.postgres.close();
		}
	}

}
