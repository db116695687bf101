import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import io.tianshu.TianshuApplication;
import io.tianshu.platform.Actor;
import io.tianshu.platform.Audit;
import io.tianshu.platform.AuditEntry;
import io.tianshu.platform.AuditVerification;
import io.tianshu.platform.Authorization;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.util.FileSystemUtils;

/**
 * Appends/s of the audit hash chain with 1 and 8 concurrent writers (each append its own
 * transaction), on a fresh embedded PostgreSQL; then times one full verification.
 */
public class AuditAppendBench {

	public static void main(String[] args) throws Exception {
		int perWriter = (args.length > 0) ? Integer.parseInt(args[0]) : 2000;
		Path dir = Files.createTempDirectory("tianshu-audit-bench");
		try (ConfigurableApplicationContext app = new SpringApplicationBuilder(TianshuApplication.class)
			.run("--tianshu.data-dir=" + dir, "--server.port=0", "--tianshu.demo=false", "--logging.level.root=warn",
					"--spring.quartz.auto-startup=false")) {
			Audit audit = app.getBean(Audit.class);
			run(audit, 1, 500); // warm-up
			double one = run(audit, 1, perWriter);
			double eight = run(audit, 8, perWriter);
			long start = System.nanoTime();
			var status = app.getBean(Authorization.class)
				.runAsSystem(() -> app.getBean(AuditVerification.class).verifyChain());
			double verifySeconds = (System.nanoTime() - start) / 1e9;
			System.out.printf("1 writer : %8.0f appends/s%n", one);
			System.out.printf("8 writers: %8.0f appends/s (ratio to 1 writer %.2f)%n", eight, eight / one);
			System.out.printf("verify   : %d records in %.2f s (%.0f records/s), intact=%s%n", status.checkedRecords(),
					verifySeconds, status.checkedRecords() / verifySeconds, status.intact());
		}
		finally {
			FileSystemUtils.deleteRecursively(dir);
		}
	}

	static double run(Audit audit, int writers, int perWriter) throws Exception {
		ExecutorService pool = Executors.newFixedThreadPool(writers);
		CountDownLatch go = new CountDownLatch(1);
		List<Future<?>> futures = new ArrayList<>();
		for (int w = 0; w < writers; w++) {
			int writer = w;
			futures.add(pool.submit(() -> {
				go.await();
				for (int i = 0; i < perWriter; i++) {
					audit.record(AuditEntry.success("bench.audit.appended", "bench", writer + "-" + i)
						.withChange(null, java.util.Map.of("i", i, "writer", writer))
						.by(Actor.SYSTEM));
				}
				return null;
			}));
		}
		long start = System.nanoTime();
		go.countDown();
		for (Future<?> f : futures) {
			f.get();
		}
		double seconds = (System.nanoTime() - start) / 1e9;
		pool.shutdown();
		return writers * perWriter / seconds;
	}

}
