package io.tianshu.cmdb.webhook;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;

import com.sun.net.httpserver.HttpServer;

/**
 * A real HTTP receiver on a random loopback port: records every request and answers with
 * the queued status codes (then the default).
 */
final class WebhookReceiver implements AutoCloseable {

	record Received(Map<String, String> headers, String body) {

		String header(String name) {
			return this.headers.get(name.toLowerCase());
		}

	}

	private final HttpServer server;

	private final List<Received> received = new CopyOnWriteArrayList<>();

	private final Queue<Integer> statuses = new ConcurrentLinkedQueue<>();

	private volatile int defaultStatus = 200;

	WebhookReceiver() throws IOException {
		this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
		this.server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
		this.server.createContext("/", (exchange) -> {
			String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
			Map<String, String> headers = new java.util.HashMap<>();
			exchange.getRequestHeaders().forEach((k, v) -> headers.put(k.toLowerCase(), v.get(0)));
			headers.put(":path", exchange.getRequestURI().getPath());
			headers.put(":method", exchange.getRequestMethod());
			this.received.add(new Received(headers, body));
			Integer status = this.statuses.poll();
			int code = (status != null) ? status : this.defaultStatus;
			byte[] answer = ("receiver says " + code).getBytes(StandardCharsets.UTF_8);
			exchange.sendResponseHeaders(code, answer.length);
			exchange.getResponseBody().write(answer);
			exchange.close();
		});
		this.server.start();
	}

	String url(String path) {
		return "http://127.0.0.1:" + this.server.getAddress().getPort() + path;
	}

	/** The next requests get these statuses, in order. */
	void answer(int... codes) {
		for (int code : codes) {
			this.statuses.add(code);
		}
	}

	void answerAlways(int code) {
		this.defaultStatus = code;
	}

	List<Received> received(String path) {
		return this.received.stream().filter((r) -> path.equals(r.header(":path"))).toList();
	}

	@Override
	public void close() {
		this.server.stop(0);
	}

}
