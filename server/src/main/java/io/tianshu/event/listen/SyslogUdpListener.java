package io.tianshu.event.listen;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.DatagramChannel;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Syslog over UDP (RFC 5426): one message per datagram, received on one thread. A
 * datagram longer than {@code maxMessageSize} is rejected as {@code syslog.too-large}.
 */
final class SyslogUdpListener {

	private static final Logger log = LoggerFactory.getLogger(SyslogUdpListener.class);

	private final InetSocketAddress bind;

	private final int maxMessageSize;

	private final int receiveBufferSize;

	private final SyslogReceiver receiver;

	private volatile DatagramChannel channel;

	private Thread thread;

	SyslogUdpListener(InetSocketAddress bind, int maxMessageSize, int receiveBufferSize, SyslogReceiver receiver) {
		this.bind = bind;
		this.maxMessageSize = maxMessageSize;
		this.receiveBufferSize = receiveBufferSize;
		this.receiver = receiver;
	}

	synchronized void start() throws IOException {
		DatagramChannel ch = DatagramChannel.open();
		try {
			ch.setOption(StandardSocketOptions.SO_RCVBUF, this.receiveBufferSize);
			ch.bind(this.bind);
		}
		catch (IOException ex) {
			ch.close();
			throw ex;
		}
		this.channel = ch;
		this.thread = Thread.ofPlatform().daemon().name("syslog-udp-" + port()).start(this::run);
	}

	/** The bound port (the ephemeral one when configured as 0). */
	int port() {
		try {
			return ((InetSocketAddress) this.channel.getLocalAddress()).getPort();
		}
		catch (IOException ex) {
			return -1;
		}
	}

	String address() {
		DatagramChannel ch = this.channel;
		if (ch == null) {
			return this.bind.getHostString() + ":" + this.bind.getPort();
		}
		return this.bind.getHostString() + ":" + port();
	}

	boolean running() {
		DatagramChannel ch = this.channel;
		return ch != null && ch.isOpen();
	}

	synchronized void stop() {
		DatagramChannel ch = this.channel;
		if (ch == null) {
			return;
		}
		try {
			ch.close();
			this.thread.join(5000);
		}
		catch (IOException ex) {
			log.debug("closing the syslog UDP socket failed", ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	private void run() {
		// one byte more than allowed tells an oversized datagram from one that fits
		// exactly
		ByteBuffer buffer = ByteBuffer.allocateDirect(this.maxMessageSize + 1);
		ListenerStats stats = this.receiver.stats();
		DatagramChannel ch = this.channel;
		while (ch.isOpen()) {
			InetSocketAddress from;
			try {
				buffer.clear();
				from = (InetSocketAddress) ch.receive(buffer);
			}
			catch (ClosedChannelException ex) {
				return;
			}
			catch (IOException ex) {
				log.warn("syslog UDP receive failed: {}", ex.toString());
				continue;
			}
			buffer.flip();
			String source = from.getAddress().getHostAddress();
			int length = buffer.remaining();
			if (length > this.maxMessageSize) {
				byte[] head = new byte[Math.min(length, Rejection.SAMPLE_LENGTH)];
				buffer.get(head);
				stats.received();
				stats.rejected("udp", source, "syslog.too-large",
						"datagram longer than " + this.maxMessageSize + " bytes", head, 0, head.length);
				continue;
			}
			byte[] raw = new byte[length];
			buffer.get(raw);
			try {
				this.receiver.receive("udp", source, raw, false);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				return;
			}
			catch (RuntimeException ex) {
				log.error("syslog UDP: a message from {} could not be handled", source, ex);
			}
		}
	}

}
