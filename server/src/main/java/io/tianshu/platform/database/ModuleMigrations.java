package io.tianshu.platform.database;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.flywaydb.core.Flyway;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.flyway.autoconfigure.FlywayMigrationStrategy;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;
import org.springframework.stereotype.Component;

/**
 * One schema and one Flyway history per module: migrations under
 * {@code db/migration/<module>/} run into schema {@code <module>}, {@code platform}
 * first, the others in name order (modules reference each other only by id, so their
 * order does not matter beyond the platform).
 */
@Component
class ModuleMigrations implements FlywayMigrationStrategy {

	private static final Logger log = LoggerFactory.getLogger(ModuleMigrations.class);

	private static final Pattern MODULE = Pattern.compile("/db/migration/([a-z][a-z0-9_]*)/");

	@Override
	public void migrate(Flyway configured) {
		for (String module : modules()) {
			Flyway flyway = Flyway.configure(configured.getConfiguration().getClassLoader())
				.configuration(configured.getConfiguration())
				.schemas(module)
				.defaultSchema(module)
				.createSchemas(true)
				.table("flyway_schema_history")
				.locations("classpath:db/migration/" + module)
				.load();
			var result = flyway.migrate();
			if (result.migrationsExecuted > 0) {
				log.info("Module {}: {} migration(s) applied, schema now at {}", module, result.migrationsExecuted,
						result.targetSchemaVersion);
			}
		}
	}

	static List<String> modules() {
		try {
			Resource[] scripts = new PathMatchingResourcePatternResolver()
				.getResources("classpath*:db/migration/*/*.sql");
			TreeSet<String> names = new TreeSet<>(
					(a, b) -> a.equals(b) ? 0 : a.equals("platform") ? -1 : b.equals("platform") ? 1 : a.compareTo(b));
			Arrays.stream(scripts).map(ModuleMigrations::moduleOf).filter(Objects::nonNull).forEach(names::add);
			return List.copyOf(names);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private static String moduleOf(Resource resource) {
		try {
			Matcher m = MODULE.matcher(resource.getURL().toString());
			return m.find() ? m.group(1) : null;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
