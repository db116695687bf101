package io.tianshu.event.stream;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongFunction;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The fan-out of the live alert list (实时告警): alert ids reported changed (after their
 * transaction committed) are collected, coalesced for {@link Settings#coalesce()}, loaded
 * and sent to every connected client as Server-Sent Events {@code alert.opened},
 * {@code alert.updated} and {@code alert.resolved} carrying the alert as it is then.
 * <ul>
 * <li>Each client has a bounded buffer and a writer thread of its own; a client whose
 * buffer is full (too slow, or gone without closing) is dropped — the dispatcher never
 * waits for a client. The browser's EventSource reconnects and resumes.</li>
 * <li>The last {@link Settings#replay()} events are kept; a client reconnecting with
 * {@code Last-Event-ID} gets what it missed, or a {@code reset} event (reload the list)
 * when that is no longer known: after a restart, or when events passed while nobody was
 * listening (they are not kept then).</li>
 * <li>More than {@link Settings#maxPerTick()} changed alerts in one tick are not sent one
 * by one: clients get a {@code reset} instead.</li>
 * <li>A comment line is sent every {@link Settings#heartbeat()} so proxies keep the
 * connection; connections last at most {@link Settings#maxConnection()}, so the browser
 * reconnects and authentication and permission are checked again.</li>
 * </ul>
 */
final class AlertStream {

	private static final Logger log = LoggerFactory.getLogger(AlertStream.class);

	static final String OPENED = "alert.opened";

	static final String UPDATED = "alert.updated";

	static final String RESOLVED = "alert.resolved";

	static final String RESET = "reset";

	static final String READY = "ready";

	/**
	 * @param coalesce how long changes are collected before they are sent
	 * @param heartbeat interval of the keep-alive comments
	 * @param maxConnection how long one connection lasts
	 * @param clientBuffer events buffered per client before it is dropped
	 * @param replay events kept for {@code Last-Event-ID} resumes
	 * @param maxPerTick most alerts sent one by one per tick
	 * @param maxPerUser most connections per user (the oldest is closed)
	 */
	record Settings(Duration coalesce, Duration heartbeat, Duration maxConnection, int clientBuffer, int replay,
			int maxPerTick, int maxPerUser) {

		static Settings defaults() {
			return new Settings(Duration.ofMillis(250), Duration.ofSeconds(15), Duration.ofMinutes(10), 256, 1000, 200,
					8);
		}

	}

	/** One event as sent: its id, SSE event name and JSON data. */
	record Frame(String id, String name, String data) {

		/** A keep-alive comment. */
		static final Frame HEARTBEAT = new Frame(null, null, null);

	}

	private final Settings settings;

	/** Loads an alert as the JSON of the event data, or {@code null} when it is gone. */
	private final LongFunction<String> loader;

	/** Distinguishes event ids of this process from those of an earlier one. */
	private final String boot = Long.toString(System.currentTimeMillis(), 36);

	private final Object lock = new Object();

	/** alert id → event name, in arrival order; guarded by {@link #lock}. */
	private Map<Long, String> pending = new LinkedHashMap<>();

	private final Deque<Stored> ring = new ArrayDeque<>();

	private long seq;

	/** The last sequence number at the time events were lost; guarded by lock. */
	private long gapAt = -1;

	private final List<Client> clients = new CopyOnWriteArrayList<>();

	private final Counter dropped;

	private final Counter sent;

	private volatile boolean running;

	private Thread dispatcher;

	AlertStream(Settings settings, LongFunction<String> loader, MeterRegistry registry) {
		this.settings = settings;
		this.loader = loader;
		this.dropped = Counter.builder("tianshu.event.stream.dropped")
			.description("Live alert stream clients dropped for a full buffer")
			.register(registry);
		this.sent = Counter.builder("tianshu.event.stream.events")
			.description("Live alert stream events dispatched")
			.register(registry);
		registry.gaugeCollectionSize("tianshu.event.stream.clients", List.of(), this.clients);
	}

	void start() {
		this.running = true;
		this.dispatcher = Thread.ofPlatform().daemon().name("event-stream-dispatcher").start(this::run);
	}

	void stop() {
		this.running = false;
		if (this.dispatcher != null) {
			this.dispatcher.interrupt();
		}
		this.clients.forEach((c) -> c.close(false));
	}

	Settings settings() {
		return this.settings;
	}

	boolean running() {
		return this.running;
	}

	boolean hasClients() {
		return !this.clients.isEmpty();
	}

	int clientCount() {
		return this.clients.size();
	}

	/**
	 * Reports a committed change. {@code opened} and {@code resolved} win over
	 * {@code updated} within one tick; the latest of them wins over an earlier one.
	 */
	void changed(long alertId, String event) {
		synchronized (this.lock) {
			if (this.clients.isEmpty()) {
				// nobody listens: not kept, so a later resume across this gap resets
				this.gapAt = this.seq;
				return;
			}
			String before = this.pending.get(alertId);
			if (before == null || !UPDATED.equals(event)) {
				this.pending.remove(alertId);
				this.pending.put(alertId, event);
			}
			this.lock.notifyAll();
		}
	}

	/** Where a client's events go; {@link #send} may block (a slow client). */
	interface Sink {

		void send(Frame frame) throws IOException;

		/** Ends the connection (the client reconnects). */
		void close();

	}

	/** A connected client; {@link #close} when its connection ends. */
	interface Subscription {

		void close();

	}

	/**
	 * Subscribes a client: it gets {@code ready}, then what it missed since
	 * {@code lastEventId} (or {@code reset}), then live events.
	 */
	Subscription subscribe(String user, String lastEventId, Sink sink) {
		Client client = new Client(user, sink, this.settings.clientBuffer());
		List<Client> mine = new ArrayList<>();
		synchronized (this.lock) {
			boolean resumed = false;
			List<Frame> replay = new ArrayList<>();
			if (lastEventId != null && !lastEventId.isBlank()) {
				Long after = parse(lastEventId.strip());
				long first = this.ring.isEmpty() ? this.seq + 1 : this.ring.peekFirst().seq();
				if (after != null && after <= this.seq && after > this.gapAt && after + 1 >= first) {
					resumed = true;
					for (Stored s : this.ring) {
						if (s.seq() > after) {
							replay.add(s.frame());
						}
					}
				}
				else {
					replay.add(reset("resume-unknown"));
				}
			}
			client.offer(new Frame(null, READY, "{\"resumed\":" + resumed + ",\"heartbeatSeconds\":"
					+ this.settings.heartbeat().toSeconds() + "}"));
			replay.forEach(client::offer);
			for (Client c : this.clients) {
				if (c.user.equals(user)) {
					mine.add(c);
				}
			}
			this.clients.add(client);
		}
		for (int i = 0; i <= mine.size() - this.settings.maxPerUser(); i++) {
			mine.get(i).close(true);
		}
		client.start();
		return () -> client.close(false);
	}

	private Long parse(String id) {
		int dot = id.indexOf('.');
		if (dot < 0 || !id.substring(0, dot).equals(this.boot)) {
			return null;
		}
		try {
			return Long.parseLong(id.substring(dot + 1));
		}
		catch (NumberFormatException ex) {
			return null;
		}
	}

	private static Frame reset(String reason) {
		return new Frame(null, RESET, "{\"reason\":\"" + reason + "\"}");
	}

	private void run() {
		long nextHeartbeat = System.nanoTime() + this.settings.heartbeat().toNanos();
		while (this.running) {
			try {
				Map<Long, String> batch;
				synchronized (this.lock) {
					if (this.pending.isEmpty()) {
						long wait = Math.max(1, (nextHeartbeat - System.nanoTime()) / 1_000_000);
						this.lock.wait(wait);
					}
				}
				if (System.nanoTime() >= nextHeartbeat) {
					this.clients.forEach((c) -> c.offer(Frame.HEARTBEAT));
					nextHeartbeat = System.nanoTime() + this.settings.heartbeat().toNanos();
				}
				synchronized (this.lock) {
					if (this.pending.isEmpty()) {
						continue;
					}
				}
				// let the changes of one burst arrive, then send them together (stop
				// interrupts)
				long until = System.nanoTime() + this.settings.coalesce().toNanos();
				synchronized (this.lock) {
					for (long left = until - System.nanoTime(); this.running
							&& left > 0; left = until - System.nanoTime()) {
						TimeUnit.NANOSECONDS.timedWait(this.lock, left);
					}
					batch = this.pending;
					this.pending = new LinkedHashMap<>();
				}
				dispatch(batch);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				return;
			}
			catch (RuntimeException ex) {
				log.warn("Alert stream dispatch failed; continuing", ex);
			}
		}
	}

	private void dispatch(Map<Long, String> batch) {
		if (batch.size() > this.settings.maxPerTick()) {
			synchronized (this.lock) {
				// too many to send one by one: everybody reloads; a resume across this
				// resets
				this.gapAt = this.seq;
				this.clients.forEach((c) -> c.offer(reset("overflow")));
			}
			return;
		}
		List<Frame> frames = new ArrayList<>();
		for (Map.Entry<Long, String> e : batch.entrySet()) {
			String alert = this.loader.apply(e.getKey());
			if (alert != null) {
				frames
					.add(new Frame(null, e.getValue(), "{\"type\":\"" + e.getValue() + "\",\"alert\":" + alert + "}"));
			}
		}
		synchronized (this.lock) {
			for (Frame f : frames) {
				this.seq++;
				Frame numbered = new Frame(this.boot + "." + this.seq, f.name(), f.data());
				this.ring.addLast(new Stored(this.seq, numbered));
				while (this.ring.size() > this.settings.replay()) {
					this.ring.removeFirst();
				}
				this.clients.forEach((c) -> c.offer(numbered));
				this.sent.increment();
			}
		}
	}

	private record Stored(long seq, Frame frame) {
	}

	/** One connection: its buffer and the thread writing it. */
	private final class Client {

		private final String user;

		private final Sink sink;

		private final BlockingQueue<Frame> buffer;

		private volatile boolean closed;

		private Thread writer;

		Client(String user, Sink sink, int capacity) {
			this.user = user;
			this.sink = sink;
			this.buffer = new ArrayBlockingQueue<>(capacity);
		}

		void start() {
			this.writer = Thread.ofVirtual().name("event-stream-client").start(this::write);
		}

		void offer(Frame frame) {
			if (this.closed) {
				return;
			}
			if (!this.buffer.offer(frame)) {
				AlertStream.this.dropped.increment();
				log.info("Live alert stream of {} dropped: its buffer of {} events is full", this.user,
						this.buffer.size());
				close(true);
			}
		}

		void close(boolean complete) {
			if (this.closed) {
				return;
			}
			this.closed = true;
			AlertStream.this.clients.remove(this);
			if (this.writer != null) {
				this.writer.interrupt();
			}
			if (complete) {
				try {
					this.sink.close();
				}
				catch (RuntimeException ex) {
					// the connection is already gone
				}
			}
		}

		private void write() {
			try {
				while (!this.closed) {
					Frame frame = this.buffer.poll(1, TimeUnit.SECONDS);
					if (frame == null || this.closed) {
						continue;
					}
					send(frame);
					Iterator<Frame> more = drain();
					while (more.hasNext() && !this.closed) {
						send(more.next());
					}
				}
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
			catch (IOException | RuntimeException ex) {
				// the client went away: end the response so its request is released
				close(true);
			}
		}

		private Iterator<Frame> drain() {
			List<Frame> frames = new ArrayList<>();
			this.buffer.drainTo(frames);
			return frames.iterator();
		}

		private void send(Frame frame) throws IOException {
			this.sink.send(frame);
		}

	}

}
