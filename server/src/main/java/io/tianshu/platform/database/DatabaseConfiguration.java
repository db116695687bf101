package io.tianshu.platform.database;

import javax.sql.DataSource;

import com.zaxxer.hikari.HikariDataSource;

import io.tianshu.platform.TianshuProperties;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The one {@link DataSource}: an external PostgreSQL when {@code TIANSHU_DB_URL} is set,
 * otherwise the embedded one under the data directory.
 */
@Configuration(proxyBeanMethods = false)
class DatabaseConfiguration {

	@Bean(destroyMethod = "close")
	EmbeddedDatabaseServer embeddedDatabaseServer(TianshuProperties properties,
			ObjectProvider<EarlyDatabaseStart.Startup> early) {
		if (properties.db().external()) {
			return EmbeddedDatabaseServer.none();
		}
		EarlyDatabaseStart.Startup startup = early.getIfAvailable();
		EmbeddedPostgres started = (startup != null) ? startup.claim(properties.dataDir()) : null;
		return EmbeddedDatabaseServer.of((started != null) ? started : EmbeddedPostgres.start(properties.dataDir()));
	}

	@Bean(destroyMethod = "close")
	HikariDataSource dataSource(TianshuProperties properties, EmbeddedDatabaseServer server) {
		HikariDataSource ds = new HikariDataSource();
		if (properties.db().external()) {
			ds.setJdbcUrl(properties.db().url());
			ds.setUsername(properties.db().user());
			ds.setPassword(properties.db().password());
		}
		else {
			ds.setJdbcUrl(server.jdbcUrl());
			ds.setUsername("postgres");
		}
		ds.setPoolName("tianshu");
		ds.setMaximumPoolSize(properties.db().maxPoolSize());
		ds.setMinimumIdle(2);
		ds.addDataSourceProperty("reWriteBatchedInserts", "true");
		ds.addDataSourceProperty("ApplicationName", "tianshu");
		return ds;
	}

}
