package io.tianshu.platform.vault;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Base64;
import java.util.UUID;

import io.tianshu.TianshuApplication;
import io.tianshu.platform.Authorization;
import io.tianshu.platform.Vault;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatException;

/**
 * Starts Tianshu on one data directory with different master keys: the key file is made
 * owner-only, a wrong key stops the start with a clear message, and the old key given as
 * the previous one lets the DEKs be re-wrapped under the new key.
 */
class VaultStartIntegrationTests {

	@TempDir
	Path dataDir;

	@Test
	void wrongMasterKeyIsDetectedAndAMasterKeyChangeReWrapsTheKeys() throws Exception {
		UUID id;
		try (ConfigurableApplicationContext first = start()) {
			id = system(first, (vault) -> vault.store("start-" + UUID.randomUUID(), "password", null, "kept value"))
				.id();
		}
		Path keyFile = this.dataDir.resolve("master.key");
		assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(keyFile))).isEqualTo("rw-------");
		String oldKey = Files.readString(keyFile).trim();
		String newKey = Base64.getEncoder().encodeToString(Aead.randomKeyBytes());

		assertThatException().isThrownBy(() -> start("--tianshu.master-key=" + newKey).close())
			.satisfies((ex) -> assertThat(rootMessage(ex)).contains("master key does not match")
				.contains("TIANSHU_PREVIOUS_MASTER_KEY"));

		try (ConfigurableApplicationContext changed = start("--tianshu.master-key=" + newKey,
				"--tianshu.previous-master-key=" + oldKey)) {
			assertThat(this.<String>system(changed, (vault) -> vault.reveal(id))).isEqualTo("kept value");
			assertThat(changed.getBean(JdbcClient.class)
				.sql("SELECT count(*) FROM platform.audit_record WHERE action = 'platform.vault.master-key-changed'")
				.query(Long.class)
				.single()).isOne();
		}
		// from now on the new key alone works, and the old one (the file) is refused
		try (ConfigurableApplicationContext again = start("--tianshu.master-key=" + newKey)) {
			assertThat(this.<String>system(again, (vault) -> vault.reveal(id))).isEqualTo("kept value");
		}
		assertThatException().isThrownBy(() -> start().close())
			.satisfies((ex) -> assertThat(rootMessage(ex)).contains("master key does not match"));
	}

	private <T> T system(ConfigurableApplicationContext context, java.util.function.Function<Vault, T> work) {
		Vault vault = context.getBean(Vault.class);
		return context.getBean(Authorization.class).runAsSystem(() -> work.apply(vault));
	}

	private static String rootMessage(Throwable ex) {
		StringBuilder messages = new StringBuilder();
		for (Throwable t = ex; t != null; t = t.getCause()) {
			messages.append(t.getMessage()).append('\n');
		}
		return messages.toString();
	}

	private ConfigurableApplicationContext start(String... extra) {
		String[] args = new String[extra.length + 3];
		args[0] = "--tianshu.data-dir=" + this.dataDir;
		args[1] = "--server.port=0";
		args[2] = "--tianshu.demo=false";
		System.arraycopy(extra, 0, args, 3, extra.length);
		return new SpringApplicationBuilder(TianshuApplication.class).profiles("test").run(args);
	}

}
