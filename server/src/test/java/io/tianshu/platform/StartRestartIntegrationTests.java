package io.tianshu.platform;

import java.nio.file.Files;
import java.nio.file.Path;

import io.tianshu.TianshuApplication;
import io.tianshu.platform.identity.users.UserAccount;
import io.tianshu.platform.identity.users.Users;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Starts Tianshu twice on the same data directory: the data written by the first start is
 * there after the second, and the second start initialises nothing again.
 */
class StartRestartIntegrationTests {

	@TempDir
	Path dataDir;

	@Test
	void dataSurvivesARestartAndNothingIsReinitialised() throws Exception {
		String installedAt;
		Path passwordFile = this.dataDir.resolve("initial-admin-password");
		try (ConfigurableApplicationContext first = start()) {
			JdbcClient jdbc = first.getBean(JdbcClient.class);
			// the first administrator changes the generated password
			Users users = first.getBean(Users.class);
			UserAccount admin = users.byUsername("admin").orElseThrow();
			users.changeOwnPassword(admin.id(), Files.readString(passwordFile).strip(),
					"Changed-At-First-Sign-In-2026");
			installedAt = jdbc.sql("SELECT installed_at::text FROM platform.installation").query(String.class).single();
			jdbc.sql("CREATE TABLE public.restart_probe (v TEXT)").update();
			jdbc.sql("INSERT INTO public.restart_probe VALUES ('written before the restart')").update();
		}
		assertThat(Files.exists(this.dataDir.resolve("postgres/PG_VERSION"))).isTrue();
		assertThat(Files.exists(this.dataDir.resolve("postgres/postmaster.pid"))).isFalse();
		try (ConfigurableApplicationContext second = start()) {
			JdbcClient jdbc = second.getBean(JdbcClient.class);
			assertThat(jdbc.sql("SELECT v FROM public.restart_probe").query(String.class).single())
				.isEqualTo("written before the restart");
			assertThat(jdbc.sql("SELECT installed_at::text FROM platform.installation").query(String.class).list())
				.containsExactly(installedAt);
			// no second administrator, and the stale initial password is gone
			assertThat(jdbc.sql("SELECT count(*) FROM platform.users").query(Long.class).single()).isOne();
			assertThat(passwordFile).doesNotExist();
		}
	}

	private ConfigurableApplicationContext start() {
		return new SpringApplicationBuilder(TianshuApplication.class).profiles("test")
			.run("--tianshu.data-dir=" + this.dataDir, "--server.port=0", "--tianshu.demo=false");
	}

}
