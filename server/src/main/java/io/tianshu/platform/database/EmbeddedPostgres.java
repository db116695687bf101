package io.tianshu.platform.database;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real PostgreSQL from the zonky binaries, its cluster kept under
 * {@code <data>/postgres} so that data survives restarts. A postmaster left behind by a
 * Tianshu that was killed (SIGKILL skips shutdown hooks) is stopped before a new one
 * starts on the same directory.
 */
final class EmbeddedPostgres implements AutoCloseable {

	private static final Logger log = LoggerFactory.getLogger(EmbeddedPostgres.class);

	private final io.zonky.test.db.postgres.embedded.EmbeddedPostgres postgres;

	private EmbeddedPostgres(io.zonky.test.db.postgres.embedded.EmbeddedPostgres postgres) {
		this.postgres = postgres;
	}

	static EmbeddedPostgres start(Path dataDir) {
		Path cluster = dataDir.resolve("postgres").toAbsolutePath();
		try {
			Files.createDirectories(cluster.getParent());
			stopLeftover(cluster);
			boolean fresh = !Files.exists(cluster.resolve("PG_VERSION"));
			long started = System.nanoTime();
			var postgres = io.zonky.test.db.postgres.embedded.EmbeddedPostgres.builder()
				.setDataDirectory(cluster)
				.setCleanDataDirectory(false)
				// closed by the application context, after the connection pool
				.setRegisterShutdownHook(false)
				.setPort(freePort())
				.setPGStartupWait(Duration.ofSeconds(60))
				// durability first: an acknowledged write survives a crash
				.setServerConfig("fsync", "on")
				.setServerConfig("synchronous_commit", "on")
				.setServerConfig("full_page_writes", "on")
				// new 16 MB WAL segments without zero-filling: while
				// the WAL grows (a fresh cluster, a storm beyond the
				// recycled segments) the commit that crossed a segment
				// boundary wrote and synced 16 MB, and under 5,000
				// alerts/s an intake commit took 150-280 ms every 5-6 s
				// instead of about 1 ms. Safe on ext4/xfs (the WAL's end
				// is found by checksums, not zeros); a full disk then
				// shows at a WAL write, not at a segment's creation
				.setServerConfig("wal_init_zero", "off")
				// bulk writes (a CMDB import: a gigabyte of WAL) filled
				// the default 4 MB of WAL buffers tens of thousands of
				// times, and each backend then wrote the WAL itself
				.setServerConfig("wal_buffers", "16MB")
				.setServerConfig("max_connections", "100")
				.setServerConfig("listen_addresses", "127.0.0.1")
				.setServerConfig("timezone", "UTC")
				.setLocaleConfig("encoding", "UTF8")
				.setLocaleConfig("locale", "C")
				.start();
			log.info("Embedded PostgreSQL {} on port {} ({} cluster at {}, {} ms)", "17", postgres.getPort(),
					fresh ? "new" : "existing", cluster, (System.nanoTime() - started) / 1_000_000);
			return new EmbeddedPostgres(postgres);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Could not start the embedded PostgreSQL in " + cluster, ex);
		}
	}

	String jdbcUrl() {
		return this.postgres.getJdbcUrl("postgres", "postgres");
	}

	@Override
	public void close() throws IOException {
		this.postgres.close();
	}

	/**
	 * Stops a postmaster still running on this cluster. {@code postmaster.pid} names its
	 * pid on the first line; SIGINT asks for a fast shutdown, which keeps the cluster
	 * consistent.
	 */
	private static void stopLeftover(Path cluster) throws IOException {
		Path pidFile = cluster.resolve("postmaster.pid");
		if (!Files.exists(pidFile)) {
			return;
		}
		List<String> lines = Files.readAllLines(pidFile);
		if (lines.isEmpty()) {
			Files.delete(pidFile);
			return;
		}
		long pid = Long.parseLong(lines.get(0).trim());
		var process = ProcessHandle.of(pid).filter(ProcessHandle::isAlive);
		if (process.isEmpty() || !process.get().info().command().map(c -> c.contains("postgres")).orElse(false)) {
			log.info("Removing stale {} (pid {} is not running)", pidFile, pid);
			Files.delete(pidFile);
			return;
		}
		log.warn("A PostgreSQL (pid {}) left by an earlier Tianshu still runs on {}; stopping it", pid, cluster);
		try {
			new ProcessBuilder("kill", "-INT", Long.toString(pid)).inheritIO().start().waitFor();
			process.get().onExit().get(60, java.util.concurrent.TimeUnit.SECONDS);
		}
		catch (Exception ex) {
			throw new IllegalStateException("Could not stop the leftover PostgreSQL " + pid + " on " + cluster, ex);
		}
		Files.deleteIfExists(pidFile);
	}

	private static int freePort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0)) {
			socket.setReuseAddress(true);
			return socket.getLocalPort();
		}
	}

}
