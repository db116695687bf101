package io.tianshu.platform;

import java.nio.file.Path;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings every module may read: where Tianshu keeps its data, whether to load demo
 * data, and which database to use.
 *
 * @param dataDir directory for the embedded PostgreSQL, the master key and other local
 * state ({@code TIANSHU_DATA_DIR}, default {@code ./data})
 * @param demo load demo data on the first start of an empty database
 * @param db an external PostgreSQL; when {@code url} is empty the embedded one is started
 */
@ConfigurationProperties("tianshu")
public record TianshuProperties(@DefaultValue("./data") Path dataDir, @DefaultValue("true") boolean demo,
		@DefaultValue Db db) {

	/**
	 * @param url JDBC URL of an external PostgreSQL ({@code TIANSHU_DB_URL})
	 * @param user its user ({@code TIANSHU_DB_USER})
	 * @param password its password ({@code TIANSHU_DB_PASSWORD})
	 * @param maxPoolSize connection pool size
	 */
	public record Db(String url, String user, String password, @DefaultValue("20") int maxPoolSize) {

		public boolean external() {
			return this.url != null && !this.url.isBlank();
		}

	}

}
