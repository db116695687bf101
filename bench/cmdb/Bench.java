import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.CookieManager;
import java.net.HttpURLConnection;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The CMDB load client: signs in as the first administrator of a fresh server, imports the
 * files {@code Generate.java} wrote (dry run, then apply, each timed), then measures p50/p99
 * of CI searches, impact queries to depth 4 and point-in-time views, and prints a table.
 *
 * java bench/cmdb/Bench.java <base url> <data dir> <generated dir> [samples]
 *
 * BENCH_Q: filter-language expressions for {@code GET /cis?model=host&q=...}, separated
 * by {@code ;;}, measured too when set (the {@code q} parameter is added by the CMDB search).
 */
public class Bench {

	static final Pattern ID = Pattern.compile("\"id\":\"([0-9a-f-]{36})\"");

	static final Random RANDOM = new Random(7);

	static HttpClient http;

	static String base;

	static String token;

	static final List<String[]> table = new ArrayList<>();

	public static void main(String[] args) throws Exception {
		base = args[0];
		Path data = Path.of(args[1]);
		Path files = Path.of(args[2]);
		int samples = (args.length > 3) ? Integer.parseInt(args[3]) : 300;
		http = HttpClient.newBuilder().cookieHandler(new CookieManager()).connectTimeout(Duration.ofSeconds(10)).build();
		if (System.getenv("BENCH_TOKEN_IN") != null) {
			// the queries again, against a server an earlier run filled (its BENCH_TOKEN_OUT)
			token = Files.readString(Path.of(System.getenv("BENCH_TOKEN_IN"))).strip();
			queries(samples);
			return;
		}
		signIn(Files.readString(data.resolve("initial-admin-password")).strip());

		long ciDry = 0;
		long ciApply = 0;
		int ciRows = 0;
		try (Stream<Path> list = Files.list(files.resolve("cis"))) {
			String only = System.getenv("BENCH_ONLY");
			for (Path file : list.sorted().toList()) {
				if (only != null && !file.getFileName().toString().contains(only)) {
					continue;
				}
				String model = file.getFileName().toString().replaceAll("^\\d+-|\\.csv$", "");
				long t0 = System.nanoTime();
				String job = dryRun("model=" + model, file);
				long t1 = System.nanoTime();
				String applied = apply(job);
				long t2 = System.nanoTime();
				int rows = count(applied, "created");
				ciRows += rows;
				ciDry += t1 - t0;
				ciApply += t2 - t1;
				System.out.printf("  %-22s %7d CIs   dry run %6d ms   apply %6d ms%n", model, rows, (t1 - t0) / 1_000_000,
						(t2 - t1) / 1_000_000);
			}
		}
		if (System.getenv("BENCH_ONLY") != null) {
			// profiling one model's import (BENCH_ONLY=<file name part>)
			return;
		}
		row("import " + ciRows + " CIs (12 files): dry run", ms(ciDry));
		row("import " + ciRows + " CIs (12 files): apply", ms(ciApply));
		row("import " + ciRows + " CIs: dry run + apply", ms(ciDry + ciApply));
		long relDry = 0;
		long relApply = 0;
		int relRows = 0;
		for (int f = 1; f <= 3; f++) {
			Path file = files.resolve("relations-" + f + ".csv");
			long t0 = System.nanoTime();
			String job = dryRun("kind=relations", file);
			long t1 = System.nanoTime();
			String applied = apply(job);
			long t2 = System.nanoTime();
			relRows += count(applied, "created");
			relDry += t1 - t0;
			relApply += t2 - t1;
			System.out.printf("  relations-%d            %7d rels  dry run %6d ms   apply %6d ms%n", f,
					count(applied, "created"), (t1 - t0) / 1_000_000, (t2 - t1) / 1_000_000);
		}
		row("import " + relRows + " relations (3 files): dry run", ms(relDry));
		row("import " + relRows + " relations (3 files): apply", ms(relApply));
		long t0 = System.nanoTime();
		String job = dryRun("model=host", files.resolve("host-update.csv"));
		long t1 = System.nanoTime();
		String applied = apply(job);
		long t2 = System.nanoTime();
		row("update " + count(applied, "updated") + " hosts: dry run", ms(t1 - t0));
		row("update " + count(applied, "updated") + " hosts: apply", ms(t2 - t1));
		long e0 = System.nanoTime();
		byte[] export = getBytes("/api/v1/cmdb/exports?model=host&format=csv");
		row("export 70,000 hosts as CSV (" + export.length / 1024 / 1024 + " MB)", ms(System.nanoTime() - e0));
		settle(Integer.parseInt(System.getenv().getOrDefault("BENCH_SETTLE", "120")));
		queries(samples);
	}

	/**
	 * The imports leave work behind (the graph's catch-up, the statistics refresh,
	 * PostgreSQL's autovacuum of the new rows): the queries are measured once the machine
	 * is idle again, three seconds in a row under 10 % busy (/proc/stat, sampled each
	 * second), or after {@code limit} seconds at most.
	 */
	static void settle(int limit) throws Exception {
		long t0 = System.nanoTime();
		CompletableFuture<Void> idle = new CompletableFuture<>();
		ScheduledExecutorService sampler = Executors.newSingleThreadScheduledExecutor();
		long[][] last = { cpuTimes() };
		int[] quiet = { 0 };
		sampler.scheduleAtFixedRate(() -> {
			long[] now = cpuTimes();
			if (now == null || last[0] == null) {
				idle.complete(null);
				return;
			}
			long total = 0;
			for (int i = 0; i < 8; i++) {
				total += now[i] - last[0][i];
			}
			long idleTicks = (now[3] - last[0][3]) + (now[4] - last[0][4]);
			last[0] = now;
			quiet[0] = (total > 0 && idleTicks * 10 >= total * 9) ? quiet[0] + 1 : 0;
			if (quiet[0] >= 3) {
				idle.complete(null);
			}
		}, 1, 1, TimeUnit.SECONDS);
		try {
			idle.get(limit, TimeUnit.SECONDS);
			System.out.printf("%n  the machine was idle again after %.0f s; the queries%n", (System.nanoTime() - t0) / 1e9);
		}
		catch (TimeoutException ex) {
			System.out.printf("%n  the machine was still busy after %d s (BENCH_SETTLE); the queries anyway%n", limit);
		}
		finally {
			sampler.shutdownNow();
		}
	}

	static void queries(int samples) throws Exception {
		long[] cpu = cpuTimes();

		List<String> systems = ids("/api/v1/cmdb/cis?model=business_system&limit=500");
		List<String> apps = ids("/api/v1/cmdb/cis?model=application&limit=500");
		List<String> hosts = new ArrayList<>();
		for (String prefix : List.of("h-sh-00", "h-sz-01", "h-sh-03", "h-sz-05")) {
			hosts.addAll(ids("/api/v1/cmdb/cis?model=host&limit=100&name=" + prefix));
		}
		String now = Instant.now().toString();
		System.out.println();
		measure("search host a.environment=prod (limit 50)", samples,
				() -> "/api/v1/cmdb/cis?model=host&a.environment=prod&limit=50");
		measure("search host a.ip_address=<ip> (exact)", samples,
				() -> "/api/v1/cmdb/cis?model=host&a.ip_address=10.100." + RANDOM.nextInt(250) + "."
						+ (1 + RANDOM.nextInt(250)));
		measure("search host name prefix", samples,
				() -> "/api/v1/cmdb/cis?model=host&limit=50&name=h-s" + (RANDOM.nextBoolean() ? "h" : "z") + "-0"
						+ RANDOM.nextInt(7));
		measure("search host a.hostname prefix + a.host_type", samples,
				() -> "/api/v1/cmdb/cis?model=host&limit=50&a.host_type=physical&a.hostname=h-sh-0" + RANDOM.nextInt(7)
						+ "*");
		measure("search all models name prefix", samples,
				() -> "/api/v1/cmdb/cis?limit=50&name=" + enc(RANDOM.nextBoolean() ? "mw-1" : "应用1"));
		String q = System.getenv("BENCH_Q");
		if (q != null && !q.isBlank()) {
			for (String expression : q.split(";;")) {
				measure("search q=" + expression.strip(), samples,
						() -> "/api/v1/cmdb/cis?model=host&limit=50&q=" + enc(expression.strip()));
			}
		}
		measure("impact business system ↓ depth 4", samples,
				() -> "/api/v1/cmdb/cis/" + any(systems) + "/impact?depth=4");
		measure("impact application ↓ depth 4", samples, () -> "/api/v1/cmdb/cis/" + any(apps) + "/impact?depth=4");
		measure("impact host ↑ depth 4", samples,
				() -> "/api/v1/cmdb/cis/" + any(hosts) + "/impact?depth=4&direction=UPSTREAM");
		measure("CI point-in-time (asOf)", samples, () -> "/api/v1/cmdb/cis/" + any(hosts) + "?asOf=" + enc(now));

		System.out.println();
		System.out.printf("%-52s %10s %10s %10s%n", "measure", "p50 ms", "p99 ms", "total ms");
		for (String[] r : table) {
			System.out.printf("%-52s %10s %10s %10s%n", r[0], r[1], r[2], r[3]);
		}
		System.out.println(steal(cpu, cpuTimes()));
	}

	/** The machine's CPU times from /proc/stat (user … steal), or null elsewhere. */
	static long[] cpuTimes() {
		try {
			String[] f = Files.readAllLines(Path.of("/proc/stat")).get(0).trim().split("\\s+");
			long[] t = new long[8];
			for (int i = 0; i < 8; i++) {
				t[i] = Long.parseLong(f[i + 1]);
			}
			return t;
		}
		catch (IOException | RuntimeException ex) {
			return null;
		}
	}

	/**
	 * CPU time the hypervisor gave to others while the queries ran: a run with a few per
	 * cent of steal measured the neighbours as much as Tianshu (its tail latencies doubled).
	 */
	static String steal(long[] before, long[] after) {
		if (before == null || after == null) {
			return "cpu steal during the queries: unknown (no /proc/stat)";
		}
		long total = 0;
		for (int i = 0; i < 8; i++) {
			total += after[i] - before[i];
		}
		return String.format("cpu steal during the queries: %.1f %% of the machine's time", (total == 0) ? 0.0
				: 100.0 * (after[7] - before[7]) / total);
	}

	static void signIn(String password) throws Exception {
		send(HttpRequest.newBuilder(URI.create(base + "/api/v1/auth/session")).GET());
		send(json("/api/v1/auth/login", "{\"username\":\"admin\",\"password\":\"" + password + "\"}"));
		String fresh = "Bench-" + UUID.randomUUID() + "-x";
		send(json("/api/v1/me/password",
				"{\"currentPassword\":\"" + password + "\",\"newPassword\":\"" + fresh + "\"}"));
		String created = send(json("/api/v1/me/tokens",
				"{\"name\":\"bench\",\"permissions\":[\"cmdb.model.read\",\"cmdb.ci.read\",\"cmdb.ci.write\",\"cmdb.relation.write\"],\"expiresAt\":\""
						+ Instant.now().plus(Duration.ofDays(1)) + "\"}"));
		Matcher m = Pattern.compile("\"token\":\"(tsk_[^\"]+)\"").matcher(created);
		if (!m.find()) {
			throw new IllegalStateException("no token in " + created);
		}
		token = m.group(1);
		if (System.getenv("BENCH_TOKEN_OUT") != null) {
			// for probing the same server by hand afterwards
			Files.writeString(Path.of(System.getenv("BENCH_TOKEN_OUT")), token);
		}
	}

	static HttpRequest.Builder json(String path, String body) {
		return HttpRequest.newBuilder(URI.create(base + path))
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString(body));
	}

	/** Sends with the session's CSRF token (cookie XSRF-TOKEN → header) or the API token. */
	static String send(HttpRequest.Builder request) throws Exception {
		if (token != null) {
			request.header("Authorization", "Bearer " + token);
		}
		else {
			((CookieManager) http.cookieHandler().orElseThrow()).getCookieStore()
				.getCookies()
				.stream()
				.filter((c) -> c.getName().equals("XSRF-TOKEN"))
				.findFirst()
				.ifPresent((c) -> request.header("X-XSRF-TOKEN", c.getValue()));
		}
		HttpResponse<String> response = http.send(request.timeout(Duration.ofMinutes(10)).build(),
				HttpResponse.BodyHandlers.ofString());
		if (response.statusCode() >= 400 && !response.request().uri().getPath().endsWith("/auth/session")) {
			throw new IllegalStateException(response.request().method() + " " + response.request().uri() + " → "
					+ response.statusCode() + " " + abbreviate(response.body()));
		}
		return response.body();
	}

	static String dryRun(String query, Path file) throws Exception {
		String boundary = "bench" + UUID.randomUUID();
		ByteArrayOutputStream body = new ByteArrayOutputStream();
		body.write(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\""
				+ file.getFileName() + "\"\r\nContent-Type: text/csv\r\n\r\n").getBytes(StandardCharsets.UTF_8));
		body.write(Files.readAllBytes(file));
		body.write(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
		String response = send(HttpRequest.newBuilder(URI.create(base + "/api/v1/cmdb/imports?mode=dryRun&" + query))
			.header("Content-Type", "multipart/form-data; boundary=" + boundary)
			.POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray())));
		if (count(response, "invalid") != 0) {
			throw new IllegalStateException(file + " has invalid rows: " + abbreviate(response));
		}
		Matcher m = ID.matcher(response);
		m.find();
		return m.group(1);
	}

	static String apply(String job) throws Exception {
		return send(json("/api/v1/cmdb/imports/" + job + "/apply", "{\"rows\":\"all\"}"));
	}

	static int count(String json, String field) {
		Matcher m = Pattern.compile("\"" + field + "\":(\\d+)").matcher(json);
		return m.find() ? Integer.parseInt(m.group(1)) : -1;
	}

	static byte[] getBytes(String path) throws Exception {
		HttpResponse<byte[]> response = http.send(HttpRequest.newBuilder(URI.create(base + path))
			.header("Authorization", "Bearer " + token)
			.build(), HttpResponse.BodyHandlers.ofByteArray());
		if (response.statusCode() != 200) {
			throw new IllegalStateException(path + " → " + response.statusCode());
		}
		return response.body();
	}

	static List<String> ids(String path) throws Exception {
		List<String> ids = new ArrayList<>();
		Matcher m = ID.matcher(send(HttpRequest.newBuilder(URI.create(base + path)).GET()));
		while (m.find()) {
			ids.add(m.group(1));
		}
		if (ids.isEmpty()) {
			throw new IllegalStateException("no CIs at " + path);
		}
		return ids;
	}

	static void measure(String name, int samples, Supplier<String> path) throws Exception {
		// warm-up, not measured: at least 50 requests and 2 s, so that both JVMs (this
		// client's too: reading megabytes of answer is new to it at the first impact query)
		// have compiled the paths
		long warm = System.nanoTime() + 2_000_000_000L;
		for (int i = 0; i < Math.max(50, samples / 10) || System.nanoTime() < warm; i++) {
			fetch(path.get());
		}
		long[] times = new long[samples];
		long total = 0;
		for (int i = 0; i < samples; i++) {
			String p = path.get();
			long t0 = System.nanoTime();
			fetch(p);
			times[i] = System.nanoTime() - t0;
			total += times[i];
		}
		Arrays.sort(times);
		table.add(new String[] { name + " (n=" + samples + ")", ms(times[samples / 2]),
				ms(times[(int) Math.ceil(samples * 0.99) - 1]), ms(total) });
		System.out.printf("  %-50s p50 %s ms, p99 %s ms%n", name, ms(times[samples / 2]),
				ms(times[(int) Math.ceil(samples * 0.99) - 1]));
	}

	/** The measured queries' read buffer (one thread). */
	static final byte[] BUFFER = new byte[256 * 1024];

	/**
	 * One measured GET, as an API client sends it (bearer token, no session cookie: with
	 * the sign-in's cookies each request also loaded the console session), until the last
	 * byte of the answer has arrived. A plain blocking client (the JDK's HttpURLConnection,
	 * keep-alive) reads the answer into one reused buffer and counts it. The asynchronous
	 * java.net.http client first used here measured itself: on the same server in the same
	 * minute it saw business-system impact at p99 54–58 ms where this one saw 23–28 ms
	 * (Tomcat's own processing time: p99 36 ms), and when it also decoded the answer into a
	 * String, or kept it as one array, its collector's pauses (up to 40 ms) landed on the
	 * largest answers.
	 */
	static void fetch(String path) throws Exception {
		HttpURLConnection connection = (HttpURLConnection) URI.create(base + path).toURL().openConnection();
		connection.setRequestProperty("Authorization", "Bearer " + token);
		connection.setConnectTimeout(10_000);
		connection.setReadTimeout(60_000);
		int status = connection.getResponseCode();
		long bytes = 0;
		try (InputStream in = (status == 200) ? connection.getInputStream() : connection.getErrorStream()) {
			int n;
			while (in != null && (n = in.read(BUFFER)) > 0) {
				bytes += n;
			}
		}
		if (status != 200 || bytes == 0) {
			throw new IllegalStateException("GET " + path + " → " + status);
		}
	}

	static void row(String name, String totalMs) {
		table.add(new String[] { name, "", "", totalMs });
	}

	static String ms(long nanos) {
		return String.format("%.1f", nanos / 1_000_000.0);
	}

	static String any(List<String> ids) {
		return ids.get(RANDOM.nextInt(ids.size()));
	}

	static String enc(String s) {
		return URLEncoder.encode(s, StandardCharsets.UTF_8);
	}

	static String abbreviate(String s) {
		return (s.length() > 600) ? s.substring(0, 600) + "..." : s;
	}

}
