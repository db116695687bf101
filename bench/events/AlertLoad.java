import java.io.InputStream;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * Load generator for Alertmanager-compatible alert APIs: posts a stream of N distinct alerts,
 * repeated, in batches, to {@code POST <url>} (Alertmanager's /api/v2/alerts, or Tianshu's),
 * and prints accepted alerts/s and acknowledgement latency percentiles.
 *
 * <pre>
 * java AlertLoad.java closed URL [token] distinct=10000 repeat=5 batch=64 concurrency=8
 * java AlertLoad.java rate   URL [token] distinct=10000 rate=5000 batch=10 seconds=20 [trace=1]
 * (any mode: client=async posts with java.net.http instead of HttpURLConnection)
 * java AlertLoad.java webhook URL [token] distinct=10000 repeat=5 batch=64 concurrency=8
 * </pre>
 *
 * "closed": each of C workers sends its next batch as soon as the previous one is answered
 * (throughput). "rate": batches are scheduled at a fixed rate and latency is measured from the
 * scheduled time, so a slow server cannot hide its queueing (no coordinated omission); with
 * trace=1 it also prints the worst latency of each second.
 * "webhook": the same stream wrapped as Alertmanager webhook (version 4) notifications.
 * Only 2xx answers count as accepted.
 */
public class AlertLoad {

	/** The machine's CPU times when the measured part started (user … steal). */
	static long[] CPU_AT_START;

	/** The machine's CPU times from /proc/stat, or null elsewhere. */
	static long[] cpuTimes() {
		try {
			String[] f = java.nio.file.Files.readAllLines(java.nio.file.Path.of("/proc/stat")).get(0).trim().split("\\s+");
			long[] t = new long[8];
			for (int i = 0; i < 8; i++) {
				t[i] = Long.parseLong(f[i + 1]);
			}
			return t;
		}
		catch (java.io.IOException | RuntimeException ex) {
			return null;
		}
	}

	public static void main(String[] args) throws Exception {
		String mode = args[0];
		String url = args[1];
		String token = (args.length > 2 && !args[2].contains("=")) ? args[2] : null;
		Map<String, String> opts = new HashMap<>();
		for (String a : args) {
			int eq = a.indexOf('=');
			if (eq > 0 && !a.startsWith("http")) {
				opts.put(a.substring(0, eq), a.substring(eq + 1));
			}
		}
		int distinct = Integer.parseInt(opts.getOrDefault("distinct", "10000"));
		int repeat = Integer.parseInt(opts.getOrDefault("repeat", "5"));
		int batch = Integer.parseInt(opts.getOrDefault("batch", "64"));
		int concurrency = Integer.parseInt(opts.getOrDefault("concurrency", "8"));
		ASYNC = "async".equals(opts.get("client"));
		// idle keep-alive connections the blocking client keeps per server (default 5)
		System.setProperty("http.maxConnections", "256");
		HttpClient client = HttpClient.newBuilder()
			.version(HttpClient.Version.HTTP_1_1)
			.connectTimeout(Duration.ofSeconds(5))
			.executor(Executors.newVirtualThreadPerTaskExecutor())
			.build();
		List<Body> bodies = new ArrayList<>();
		int total = distinct * repeat;
		for (int start = 0; start < total; start += batch) {
			int end = Math.min(total, start + batch);
			bodies.add(Body.of(mode.equals("webhook") ? webhook(start, end, distinct) : alerts(start, end, distinct)));
		}
		// warm-up: one pass of 5 % of the batches, not measured
		send(client, url, token, bodies.subList(0, Math.max(1, bodies.size() / 20)), concurrency, new long[1]);
		// the request bodies live for the whole run: moved out of the young generation now,
		// not by collections during the measured part (a first young collection that still
		// copied them paused this client for 35 ms, on the same two cores as the server)
		System.gc();
		CPU_AT_START = cpuTimes();
		if (mode.equals("rate")) {
			rate(client, url, token, bodies, batch, Integer.parseInt(opts.getOrDefault("rate", "5000")),
					Integer.parseInt(opts.getOrDefault("seconds", "20")), opts.containsKey("trace"));
		}
		else {
			long[] accepted = new long[1];
			long t0 = System.nanoTime();
			long[] latencies = send(client, url, token, bodies, concurrency, accepted);
			double seconds = (System.nanoTime() - t0) / 1e9;
			report(mode, url, accepted[0], total, seconds, latencies);
		}
	}

	static long[] send(HttpClient client, String url, String token, List<Body> bodies, int concurrency,
			long[] accepted) throws InterruptedException {
		AtomicInteger next = new AtomicInteger();
		AtomicLong ok = new AtomicLong();
		ConcurrentLinkedQueue<Long> lat = new ConcurrentLinkedQueue<>();
		CountDownLatch done = new CountDownLatch(concurrency);
		for (int w = 0; w < concurrency; w++) {
			Thread.ofVirtual().start(() -> {
				try {
					int i;
					while ((i = next.getAndIncrement()) < bodies.size()) {
						long s = System.nanoTime();
						Body body = bodies.get(i);
						int status = post(client, url, token, body.bytes());
						lat.add(System.nanoTime() - s);
						if (status / 100 == 2) {
							ok.addAndGet(body.alerts());
						}
					}
				}
				finally {
					done.countDown();
				}
			});
		}
		done.await();
		accepted[0] = ok.get();
		return lat.stream().mapToLong(Long::longValue).toArray();
	}

	static void rate(HttpClient client, String url, String token, List<Body> bodies, int batch, int alertsPerSecond,
			int seconds, boolean trace) throws InterruptedException {
		double perSecond = (double) alertsPerSecond / batch;
		long intervalNanos = (long) (1e9 / perSecond);
		int requests = (int) (perSecond * seconds);
		ConcurrentLinkedQueue<Long> lat = new ConcurrentLinkedQueue<>();
		Map<Long, Long> sent = new ConcurrentHashMap<>();
		AtomicLong ok = new AtomicLong();
		CountDownLatch done = new CountDownLatch(requests);
		long t0 = System.nanoTime();
		for (int r = 0; r < requests; r++) {
			long scheduled = t0 + r * intervalNanos;
			long wait = scheduled - System.nanoTime();
			if (wait > 0) {
				LockSupport.parkNanos(wait);
			}
			Body body = bodies.get(r % bodies.size());
			Thread.ofVirtual().start(() -> {
				try {
					int status = post(client, url, token, body.bytes());
					long l = System.nanoTime() - scheduled;
					lat.add(l);
					if (trace) {
						sent.put(scheduled, l);
					}
					if (status / 100 == 2) {
						ok.addAndGet(body.alerts());
					}
				}
				finally {
					done.countDown();
				}
			});
		}
		done.await();
		double elapsed = (System.nanoTime() - t0) / 1e9;
		if (trace) {
			// the worst acknowledgement of each second of the run, by scheduled send time
			long[] worst = new long[seconds + 1];
			sent.forEach((at, l) -> {
				int second = (int) Math.min(seconds, (at - t0) / 1_000_000_000L);
				worst[second] = Math.max(worst[second], l);
			});
			StringBuilder b = new StringBuilder("worst per second (ms):");
			for (long w : worst) {
				b.append(' ').append(w / 1_000_000);
			}
			System.out.println(b);
		}
		report("rate " + alertsPerSecond + "/s", url, ok.get(), (long) requests * batch, elapsed,
				lat.stream().mapToLong(Long::longValue).toArray());
	}

	/** {@code client=async} posts with java.net.http instead of the blocking client. */
	static boolean ASYNC;

	/**
	 * One POST; the status, or -1. By default through the JDK's blocking HttpURLConnection
	 * (keep-alive, the answer read into a small buffer): the asynchronous java.net.http
	 * client, on the same two cores as the server, doubled the tail of the latencies it
	 * measured (seen against the CMDB's impact answers: p99 54–58 ms against 23–28 ms on
	 * the same server in the same minute).
	 */
	static int post(HttpClient client, String url, String token, byte[] body) {
		if (ASYNC) {
			HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url))
				.timeout(Duration.ofSeconds(30))
				.header("Content-Type", "application/json")
				.POST(HttpRequest.BodyPublishers.ofByteArray(body));
			if (token != null) {
				request.header("Authorization", "Bearer " + token);
			}
			try {
				return client.send(request.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
			}
			catch (Exception ex) {
				return -1;
			}
		}
		try {
			HttpURLConnection c = (HttpURLConnection) URI.create(url).toURL().openConnection();
			c.setConnectTimeout(5_000);
			c.setReadTimeout(30_000);
			c.setDoOutput(true);
			c.setRequestMethod("POST");
			c.setRequestProperty("Content-Type", "application/json");
			if (token != null) {
				c.setRequestProperty("Authorization", "Bearer " + token);
			}
			c.setFixedLengthStreamingMode(body.length);
			try (OutputStream out = c.getOutputStream()) {
				out.write(body);
			}
			int status = c.getResponseCode();
			try (InputStream in = (status < 400) ? c.getInputStream() : c.getErrorStream()) {
				byte[] buffer = new byte[8192];
				while (in != null && in.read(buffer) > 0) {
					// drained, so that the connection is kept alive
				}
			}
			return status;
		}
		catch (Exception ex) {
			return -1;
		}
	}

	/**
	 * A request body, encoded once, and how many alerts it carries (counted once, not
	 * after every answer).
	 */
	record Body(byte[] bytes, int alerts) {

		static Body of(String json) {
			int n = 0;
			for (int i = json.indexOf("\"alertname\""); i >= 0; i = json.indexOf("\"alertname\"", i + 1)) {
				n++;
			}
			return new Body(json.getBytes(StandardCharsets.UTF_8), n);
		}

	}

	/** Alert i of the stream: distinct by (alertname, instance), realistic labels. */
	static String alert(int i, int distinct, boolean webhook) {
		int id = i % distinct;
		String now = Instant.now().toString();
		String labels = "{\"alertname\":\"" + (new String[] { "HighCpu", "DiskFull", "SlowQuery", "Down" })[id % 4]
				+ "\",\"instance\":\"host-" + id + ":9100\",\"job\":\"node\",\"severity\":\""
				+ ((id % 3 == 0) ? "critical" : "warning") + "\",\"env\":\"prod\"}";
		String annotations = "{\"summary\":\"load test alert " + id + "\"}";
		if (webhook) {
			return "{\"status\":\"firing\",\"labels\":" + labels + ",\"annotations\":" + annotations + ",\"startsAt\":\""
					+ now + "\",\"endsAt\":\"0001-01-01T00:00:00Z\",\"generatorURL\":\"http://prometheus/graph\","
					+ "\"fingerprint\":\"" + String.format("%016x", 0x9e3779b97f4a7c15L * (id + 1)) + "\"}";
		}
		return "{\"labels\":" + labels + ",\"annotations\":" + annotations + ",\"startsAt\":\"" + now
				+ "\",\"generatorURL\":\"http://prometheus/graph\"}";
	}

	static String alerts(int start, int end, int distinct) {
		StringBuilder b = new StringBuilder("[");
		for (int i = start; i < end; i++) {
			b.append((i > start) ? "," : "").append(alert(i, distinct, false));
		}
		return b.append(']').toString();
	}

	static String webhook(int start, int end, int distinct) {
		StringBuilder b = new StringBuilder("{\"version\":\"4\",\"groupKey\":\"{}:{alertname=\\\"load\\\"}\","
				+ "\"truncatedAlerts\":0,\"status\":\"firing\",\"receiver\":\"tianshu\",\"groupLabels\":{},"
				+ "\"commonLabels\":{},\"commonAnnotations\":{},\"externalURL\":\"http://alertmanager\",\"alerts\":[");
		for (int i = start; i < end; i++) {
			b.append((i > start) ? "," : "").append(alert(i, distinct, true));
		}
		return b.append("]}").toString();
	}

	static void report(String mode, String url, long accepted, long offered, double seconds, long[] latencies) {
		long[] now = cpuTimes();
		if (CPU_AT_START != null && now != null) {
			long total = 0;
			for (int i = 0; i < 8; i++) {
				total += now[i] - CPU_AT_START[i];
			}
			// the hypervisor's share: with a few per cent of steal the run measured the
			// neighbours as much as the server
			System.out.printf("cpu steal during the run: %.1f %%%n",
					(total == 0) ? 0.0 : 100.0 * (now[7] - CPU_AT_START[7]) / total);
		}
		Arrays.sort(latencies);
		System.out.printf("%-14s %-48s accepted %7d/%-7d in %6.2f s = %8.0f alerts/s   latency p50 %6.1f ms  p99 %6.1f ms  max %6.1f ms%n",
				mode, url, accepted, offered, seconds, accepted / seconds, pct(latencies, 0.50), pct(latencies, 0.99),
				latencies.length == 0 ? 0 : latencies[latencies.length - 1] / 1e6);
	}

	static double pct(long[] sorted, double p) {
		if (sorted.length == 0) {
			return 0;
		}
		return sorted[Math.min(sorted.length - 1, (int) Math.ceil(p * sorted.length) - 1)] / 1e6;
	}

}
