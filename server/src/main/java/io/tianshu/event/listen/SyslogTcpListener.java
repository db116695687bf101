package io.tianshu.event.listen;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Syslog over TCP (RFC 6587, octet counting or newline framing per message), one virtual
 * thread per connection. Beyond {@code maxConnections} a connection is closed at once
 * ({@code syslog.too-many-connections}); a connection silent for {@code idleTimeout} is
 * closed. While the intake's queue is full the readers wait, which pushes back on the
 * senders through TCP flow control.
 */
final class SyslogTcpListener {

	private static final Logger log = LoggerFactory.getLogger(SyslogTcpListener.class);

	private final InetSocketAddress bind;

	private final int maxFrame;

	private final int maxConnections;

	private final Duration idleTimeout;

	private final SyslogReceiver receiver;

	private final Set<Socket> connections = ConcurrentHashMap.newKeySet();

	private volatile ServerSocket server;

	private Thread acceptor;

	SyslogTcpListener(InetSocketAddress bind, int maxFrame, int maxConnections, Duration idleTimeout,
			SyslogReceiver receiver) {
		this.bind = bind;
		this.maxFrame = maxFrame;
		this.maxConnections = maxConnections;
		this.idleTimeout = idleTimeout;
		this.receiver = receiver;
	}

	synchronized void start() throws IOException {
		ServerSocket socket = new ServerSocket();
		try {
			socket.setReuseAddress(true);
			socket.bind(this.bind, 128);
		}
		catch (IOException ex) {
			socket.close();
			throw ex;
		}
		this.server = socket;
		this.acceptor = Thread.ofVirtual().name("syslog-tcp-accept-" + port()).start(this::accept);
	}

	int port() {
		ServerSocket socket = this.server;
		return (socket != null) ? socket.getLocalPort() : -1;
	}

	String address() {
		return this.bind.getHostString() + ":" + ((this.server != null) ? port() : this.bind.getPort());
	}

	boolean running() {
		ServerSocket socket = this.server;
		return socket != null && !socket.isClosed();
	}

	synchronized void stop() {
		ServerSocket socket = this.server;
		if (socket == null) {
			return;
		}
		try {
			socket.close();
		}
		catch (IOException ex) {
			log.debug("closing the syslog TCP server socket failed", ex);
		}
		for (Socket connection : this.connections) {
			closeQuietly(connection);
		}
		try {
			this.acceptor.join(5000);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	private void accept() {
		ListenerStats stats = this.receiver.stats();
		AtomicInteger open = stats.openConnections();
		ServerSocket socket = this.server;
		while (!socket.isClosed()) {
			Socket connection;
			try {
				connection = socket.accept();
			}
			catch (IOException ex) {
				if (!socket.isClosed()) {
					log.warn("syslog TCP accept failed: {}", ex.toString());
				}
				continue;
			}
			String source = connection.getInetAddress().getHostAddress();
			if (open.incrementAndGet() > this.maxConnections) {
				open.decrementAndGet();
				stats.rejected("tcp", source, "syslog.too-many-connections",
						"more than " + this.maxConnections + " connections open", null, 0, 0);
				closeQuietly(connection);
				continue;
			}
			this.connections.add(connection);
			Thread.ofVirtual().name("syslog-tcp-" + source).start(() -> serve(connection, source));
		}
	}

	private void serve(Socket connection, String source) {
		ListenerStats stats = this.receiver.stats();
		try {
			connection.setSoTimeout((int) Math.min(Integer.MAX_VALUE, this.idleTimeout.toMillis()));
			SyslogFrameReader reader = new SyslogFrameReader(connection.getInputStream(), this.maxFrame);
			SyslogFrameReader.Frame frame;
			while ((frame = reader.next()) != null) {
				if (frame.ok()) {
					this.receiver.receive("tcp", source, frame.bytes(), true);
				}
				else {
					stats.received();
					stats.rejected("tcp", source, frame.reason(), frame.detail(), frame.bytes(), 0,
							frame.bytes().length);
				}
			}
		}
		catch (SocketTimeoutException ex) {
			log.debug("syslog TCP connection from {} idle for {}, closed", source, this.idleTimeout);
		}
		catch (SocketException ex) {
			log.debug("syslog TCP connection from {} ended: {}", source, ex.toString());
		}
		catch (IOException ex) {
			log.debug("syslog TCP connection from {} failed: {}", source, ex.toString());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		catch (RuntimeException ex) {
			log.error("syslog TCP connection from {} failed", source, ex);
		}
		finally {
			this.connections.remove(connection);
			stats.openConnections().decrementAndGet();
			closeQuietly(connection);
		}
	}

	private static void closeQuietly(Socket socket) {
		try {
			socket.close();
		}
		catch (IOException ex) {
			// closing anyway
		}
	}

}
