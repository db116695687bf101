import java.io.BufferedOutputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.nio.charset.StandardCharsets;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * Load generator for syslog receivers: sends syslog messages over UDP or TCP to host:port,
 * at the maximum rate or at a fixed rate, and prints what it sent per second.
 *
 * <pre>
 * java SyslogLoad.java udp 127.0.0.1:1514 [seconds=20] [rate=max|N] [senders=1] [format=3164|5424] [hosts=200]
 * java SyslogLoad.java tcp 127.0.0.1:1514 [seconds=20] [rate=max|N] [senders=4] [framing=lf|octet]
 * </pre>
 *
 * Messages rotate over {@code hosts} host names, the eight severities and a few
 * applications, so a receiver's rules see a realistic mix. The receiver's own count
 * (Tianshu's logging sink prints delivered signals per 10 s) against "sent" shows loss:
 * UDP has no flow control, so a receiver slower than the sender loses datagrams, while
 * TCP slows the sender down instead. "rate" is the total over all senders, paced per
 * sender from a fixed schedule.
 */
public class SyslogLoad {

	private static final String[] APPS = { "nginx", "sshd", "kernel", "postgres", "app-server", "CRON" };

	private static final String[] TEXTS = { "upstream timed out (110: Connection timed out) while reading response",
			"Accepted publickey for deploy from 10.1.2.3 port 52211 ssh2", "eth0: link is not ready",
			"checkpoint complete: wrote 1024 buffers (6.2%)", "request /api/orders took 2345 ms",
			"(root) CMD (run-parts /etc/cron.hourly)" };

	public static void main(String[] args) throws Exception {
		if (args.length < 2) {
			System.err.println("usage: java SyslogLoad.java udp|tcp host:port [seconds=20] [rate=max|N] [senders=N] "
					+ "[format=3164|5424] [framing=lf|octet] [hosts=200]");
			System.exit(2);
		}
		String transport = args[0];
		String[] hostPort = args[1].split(":");
		InetSocketAddress target = new InetSocketAddress(hostPort[0], Integer.parseInt(hostPort[1]));
		Map<String, String> opts = new HashMap<>();
		for (int i = 2; i < args.length; i++) {
			int eq = args[i].indexOf('=');
			opts.put(args[i].substring(0, eq), args[i].substring(eq + 1));
		}
		int seconds = Integer.parseInt(opts.getOrDefault("seconds", "20"));
		String rateText = opts.getOrDefault("rate", "max");
		long rate = rateText.equals("max") ? 0 : Long.parseLong(rateText);
		int senders = Integer.parseInt(opts.getOrDefault("senders", transport.equals("udp") ? "1" : "4"));
		String format = opts.getOrDefault("format", "3164");
		boolean octet = opts.getOrDefault("framing", "lf").equals("octet");
		int hosts = Integer.parseInt(opts.getOrDefault("hosts", "200"));

		byte[][] messages = messages(format, hosts, 4096);
		AtomicLong sent = new AtomicLong();
		long deadline = System.nanoTime() + seconds * 1_000_000_000L;
		Thread[] threads = new Thread[senders];
		for (int s = 0; s < senders; s++) {
			int id = s;
			threads[s] = Thread.ofPlatform().start(() -> {
				try {
					long perSender = (rate > 0) ? Math.max(1, rate / senders) : 0;
					if (transport.equals("udp")) {
						udp(target, messages, id, perSender, deadline, sent);
					}
					else {
						tcp(target, messages, id, perSender, deadline, sent, octet);
					}
				}
				catch (Exception ex) {
					System.err.println("sender " + id + " failed: " + ex);
				}
			});
		}
		long start = System.nanoTime();
		long last = 0;
		for (int second = 1; second <= seconds; second++) {
			LockSupport.parkNanos(start + second * 1_000_000_000L - System.nanoTime());
			long now = sent.get();
			System.out.printf(Locale.ROOT, "t=%2ds sent %,d/s%n", second, now - last);
			last = now;
		}
		for (Thread t : threads) {
			t.join();
		}
		double elapsed = (System.nanoTime() - start) / 1e9;
		System.out.printf(Locale.ROOT, "%s %s: sent %,d messages in %.1f s = %,.0f messages/s (%d senders, rate %s)%n",
				transport, args[1], sent.get(), elapsed, sent.get() / elapsed, senders, rateText);
	}

	private static void udp(InetSocketAddress target, byte[][] messages, int id, long rate, long deadline,
			AtomicLong sent) throws Exception {
		try (DatagramChannel channel = DatagramChannel.open()) {
			channel.connect(target);
			long n = 0;
			long interval = (rate > 0) ? 1_000_000_000L / rate : 0;
			long next = System.nanoTime();
			while (System.nanoTime() < deadline) {
				if (interval > 0) {
					next += interval;
					long wait = next - System.nanoTime();
					if (wait > 0) {
						LockSupport.parkNanos(wait);
					}
				}
				byte[] message = messages[(int) ((n * 7 + id) % messages.length)];
				try {
					channel.write(ByteBuffer.wrap(message));
				}
				catch (java.net.PortUnreachableException ex) {
					// nothing listening yet (ICMP from an earlier datagram); keep sending
					continue;
				}
				n++;
				if ((n & 255) == 0) {
					sent.addAndGet(256);
				}
			}
			sent.addAndGet(n & 255);
		}
	}

	private static void tcp(InetSocketAddress target, byte[][] messages, int id, long rate, long deadline,
			AtomicLong sent, boolean octet) throws Exception {
		try (Socket socket = new Socket()) {
			socket.connect(target, 5000);
			socket.setTcpNoDelay(rate > 0);
			OutputStream out = new BufferedOutputStream(socket.getOutputStream(), 64 * 1024);
			long n = 0;
			long interval = (rate > 0) ? 1_000_000_000L / rate : 0;
			long next = System.nanoTime();
			while (System.nanoTime() < deadline) {
				if (interval > 0) {
					next += interval;
					long wait = next - System.nanoTime();
					if (wait > 0) {
						LockSupport.parkNanos(wait);
					}
				}
				byte[] message = messages[(int) ((n * 7 + id) % messages.length)];
				if (octet) {
					out.write((message.length + " ").getBytes(StandardCharsets.US_ASCII));
					out.write(message);
				}
				else {
					out.write(message);
					out.write('\n');
				}
				if (interval > 0) {
					out.flush();
				}
				n++;
				sent.incrementAndGet();
			}
			out.flush();
		}
	}

	private static byte[][] messages(String format, int hosts, int count) {
		DateTimeFormatter bsd = DateTimeFormatter.ofPattern("MMM ppd HH:mm:ss", Locale.ENGLISH);
		ZonedDateTime now = ZonedDateTime.now();
		byte[][] out = new byte[count][];
		for (int i = 0; i < count; i++) {
			int severity = i % 8;
			int facility = (i / 8) % 24;
			int pri = facility * 8 + severity;
			String host = String.format(Locale.ROOT, "host%03d", i % hosts);
			String app = APPS[i % APPS.length];
			String text = TEXTS[(i / 3) % TEXTS.length] + " #" + i;
			String line = format.equals("5424")
					? "<" + pri + ">1 " + now.toOffsetDateTime() + " " + host + " " + app + " " + (1000 + i % 50)
							+ " - [load@32473 seq=\"" + i + "\"] " + text
					: "<" + pri + ">" + bsd.format(now) + " " + host + " " + app + "[" + (1000 + i % 50) + "]: " + text;
			out[i] = line.getBytes(StandardCharsets.UTF_8);
		}
		return out;
	}

}
