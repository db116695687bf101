package io.tianshu;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * Gives every test application context its own data directory (and so its own embedded
 * PostgreSQL cluster) under {@code target/test-data}, unless the test names one itself.
 */
public class TestDataDirectory implements EnvironmentPostProcessor {

	static final Path ROOT = Path.of("target", "test-data");

	@Override
	public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
		if (!"test-temp".equals(environment.getProperty("tianshu.data-dir"))) {
			return;
		}
		try {
			Files.createDirectories(ROOT);
			Path dir = Files.createTempDirectory(ROOT.toAbsolutePath(), "ctx-");
			environment.getPropertySources()
				.addFirst(new MapPropertySource("tianshuTestDataDir", Map.of("tianshu.data-dir", dir.toString())));
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
