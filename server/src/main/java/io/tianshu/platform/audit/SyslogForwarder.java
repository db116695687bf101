package io.tianshu.platform.audit;

import java.io.IOException;
import java.io.OutputStream;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.tianshu.platform.audit.AuditProperties.Protocol;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Forwards committed audit records to a SIEM as RFC 5424 syslog messages, over UDP (one
 * datagram each) or TCP (octet-counting framing, RFC 6587). It never blocks or fails the
 * caller: {@link #offer} only puts the record on a bounded queue, a single daemon thread
 * sends, and records that find the queue full or cannot be sent are dropped and counted
 * ({@code tianshu.audit.forward.dropped}, tag {@code reason}). The chain in the database
 * stays the record of truth.
 */
final class SyslogForwarder implements AutoCloseable {

	private static final Logger log = LoggerFactory.getLogger(SyslogForwarder.class);

	/** Facility 13, "log audit". */
	private static final int FACILITY = 13;

	/**
	 * Private enterprise number used for the structured data id, as RFC 5424 examples.
	 */
	static final String SD_ID = "tianshu@32473";

	private static final int CONNECT_TIMEOUT_MS = 2000;

	private final String host;

	private final int port;

	private final Protocol protocol;

	private final String appName;

	private final String hostname;

	private final String procId;

	private final BlockingQueue<ChainedRecord> queue;

	private final Thread sender;

	private final AtomicLong sent = new AtomicLong();

	private final AtomicLong dropped = new AtomicLong();

	private final Counter sentCounter;

	private final Counter queueFullCounter;

	private final Counter sendFailedCounter;

	private volatile boolean running = true;

	private DatagramSocket udp;

	private Socket tcp;

	SyslogForwarder(String host, int port, Protocol protocol, String appName, int queueCapacity,
			MeterRegistry registry) {
		this(host, port, protocol, appName, queueCapacity, registry, true);
	}

	/** With {@code startSender} false nothing is sent until {@link #start()}. */
	SyslogForwarder(String host, int port, Protocol protocol, String appName, int queueCapacity, MeterRegistry registry,
			boolean startSender) {
		this.host = host;
		this.port = port;
		this.protocol = protocol;
		this.appName = printable(appName, 48);
		this.hostname = printable(localHostname(), 255);
		this.procId = printable(String.valueOf(ProcessHandle.current().pid()), 128);
		this.queue = new ArrayBlockingQueue<>(queueCapacity);
		this.sentCounter = (registry != null) ? registry.counter("tianshu.audit.forward.sent") : null;
		this.queueFullCounter = (registry != null)
				? registry.counter("tianshu.audit.forward.dropped", "reason", "queue-full") : null;
		this.sendFailedCounter = (registry != null)
				? registry.counter("tianshu.audit.forward.dropped", "reason", "send-failed") : null;
		this.sender = Thread.ofPlatform().daemon().name("tianshu-audit-syslog").unstarted(this::run);
		if (startSender) {
			this.sender.start();
		}
	}

	void start() {
		this.sender.start();
	}

	static SyslogForwarder of(AuditProperties.Syslog syslog, MeterRegistry registry) {
		return new SyslogForwarder(syslog.host(), syslog.port(), syslog.protocol(), syslog.appName(),
				syslog.queueCapacity(), registry);
	}

	/** Queues a committed record; never blocks. @return whether it was queued */
	boolean offer(ChainedRecord record) {
		if (this.running && this.queue.offer(record)) {
			return true;
		}
		drop(this.queueFullCounter);
		return false;
	}

	long sent() {
		return this.sent.get();
	}

	long dropped() {
		return this.dropped.get();
	}

	@Override
	public void close() {
		this.running = false;
		this.sender.interrupt();
		try {
			this.sender.join(2000);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		closeSockets();
	}

	private void run() {
		while (this.running) {
			ChainedRecord record;
			try {
				record = this.queue.poll(1, TimeUnit.SECONDS);
			}
			catch (InterruptedException ex) {
				return;
			}
			if (record == null) {
				continue;
			}
			try {
				send(format(record, this.hostname, this.appName, this.procId));
				this.sent.incrementAndGet();
				if (this.sentCounter != null) {
					this.sentCounter.increment();
				}
			}
			catch (IOException | RuntimeException ex) {
				drop(this.sendFailedCounter);
				log.warn("Audit record {} not forwarded to syslog {}:{} ({})", record.id(), this.host, this.port,
						ex.toString());
				closeSockets();
			}
		}
	}

	private void send(byte[] message) throws IOException {
		if (this.protocol == Protocol.UDP) {
			if (this.udp == null) {
				this.udp = new DatagramSocket();
			}
			this.udp.send(new DatagramPacket(message, message.length, InetAddress.getByName(this.host), this.port));
		}
		else {
			if (this.tcp == null) {
				Socket socket = new Socket();
				socket.connect(new InetSocketAddress(this.host, this.port), CONNECT_TIMEOUT_MS);
				this.tcp = socket;
			}
			// RFC 6587 octet counting: MSG-LEN SP SYSLOG-MSG
			OutputStream out = this.tcp.getOutputStream();
			out.write((message.length + " ").getBytes(StandardCharsets.US_ASCII));
			out.write(message);
			out.flush();
		}
	}

	private void drop(Counter counter) {
		this.dropped.incrementAndGet();
		if (counter != null) {
			counter.increment();
		}
	}

	private void closeSockets() {
		if (this.udp != null) {
			this.udp.close();
			this.udp = null;
		}
		if (this.tcp != null) {
			try {
				this.tcp.close();
			}
			catch (IOException ex) {
				// closing a broken connection; a new one is opened for the next record
			}
			this.tcp = null;
		}
	}

	/**
	 * The RFC 5424 message: {@code <PRI>1 TIMESTAMP HOSTNAME APP-NAME PROCID MSGID
	 * [tianshu@32473 ...] BOM MSG}. Severity: informational for success, notice for
	 * denied, warning for failure.
	 */
	static byte[] format(ChainedRecord r, String hostname, String appName, String procId) {
		int severity = switch (r.outcome()) {
			case "FAILURE" -> 4;
			case "DENIED" -> 5;
			default -> 6;
		};
		StringBuilder sd = new StringBuilder("[").append(SD_ID);
		param(sd, "id", String.valueOf(r.id()));
		param(sd, "seq", String.valueOf(r.seq()));
		param(sd, "actor", r.actorName());
		param(sd, "actorKind", r.actorKind());
		param(sd, "action", r.action());
		param(sd, "outcome", r.outcome());
		String target = (r.targetType() == null) ? null
				: (r.targetId() == null) ? r.targetType() : r.targetType() + "/" + r.targetId();
		param(sd, "target", target);
		param(sd, "requestId", r.requestId());
		param(sd, "source", r.sourceAddress());
		param(sd, "hash", r.hash());
		sd.append(']');
		String header = "<" + (FACILITY * 8 + severity) + ">1 " + AuditChain.TIME.format(r.occurredAt()) + " "
				+ hostname + " " + appName + " " + procId + " " + printable(r.action(), 32) + " ";
		String text = ((r.actorName() != null) ? r.actorName() : r.actorKind()) + " " + r.action()
				+ ((target != null) ? " " + target : "") + " " + r.outcome()
				+ ((r.detail() != null) ? ": " + abbreviate(r.detail(), 1024) : "");
		byte[] head = (header + sd).getBytes(StandardCharsets.UTF_8);
		byte[] msg = text.getBytes(StandardCharsets.UTF_8);
		byte[] out = new byte[head.length + 4 + msg.length];
		System.arraycopy(head, 0, out, 0, head.length);
		out[head.length] = ' ';
		// RFC 5424 6.4: a UTF-8 MSG starts with the byte order mark
		out[head.length + 1] = (byte) 0xEF;
		out[head.length + 2] = (byte) 0xBB;
		out[head.length + 3] = (byte) 0xBF;
		System.arraycopy(msg, 0, out, head.length + 4, msg.length);
		return out;
	}

	private static void param(StringBuilder sd, String name, String value) {
		if (value == null) {
			return;
		}
		sd.append(' ').append(name).append("=\"");
		for (int i = 0; i < value.length(); i++) {
			char c = value.charAt(i);
			if (c == '"' || c == '\\' || c == ']') {
				sd.append('\\');
			}
			sd.append(c);
		}
		sd.append('"');
	}

	/** PRINTUSASCII only (33..126), at most {@code max} characters; "-" when empty. */
	static String printable(String value, int max) {
		if (value == null || value.isEmpty()) {
			return "-";
		}
		StringBuilder out = new StringBuilder(Math.min(value.length(), max));
		for (int i = 0; i < value.length() && out.length() < max; i++) {
			char c = value.charAt(i);
			out.append((c >= 33 && c <= 126) ? c : '_');
		}
		return out.toString();
	}

	private static String abbreviate(String text, int max) {
		return (text.length() <= max) ? text : text.substring(0, max) + "…";
	}

	private static String localHostname() {
		try {
			return InetAddress.getLocalHost().getHostName();
		}
		catch (IOException ex) {
			return "-";
		}
	}

}
