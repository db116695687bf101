package io.tianshu.cmdb.webhook;

import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.UUID;

import org.springframework.stereotype.Component;

/**
 * One HTTP attempt: POST the body with the Tianshu headers and the signature, never
 * following redirects, within the connect and read timeouts.
 */
@Component
class WebhookSender {

	static final int SNIPPET_BYTES = 1024;

	private final WebhookProperties properties;

	private final Clock clock;

	private final HttpClient http;

	WebhookSender(WebhookProperties properties, Clock clock) {
		this.properties = properties;
		this.clock = clock;
		this.http = HttpClient.newBuilder()
			.connectTimeout(properties.connectTimeout())
			.followRedirects(HttpClient.Redirect.NEVER)
			.version(HttpClient.Version.HTTP_1_1)
			.build();
	}

	/** What came back: a status (and the start of the body) or an error. */
	record Outcome(Integer statusCode, String snippet, String error) {

		boolean delivered() {
			return this.statusCode != null && this.statusCode >= 200 && this.statusCode < 300;
		}

	}

	Outcome send(String url, UUID webhookId, UUID deliveryId, String event, String body, String secret) {
		URI uri = URI.create(url);
		String refusal = TargetPolicy.refusal(uri, this.properties.allowPrivateTargets());
		if (refusal != null) {
			return new Outcome(null, null, refusal);
		}
		long timestamp = this.clock.instant().getEpochSecond();
		HttpRequest request = HttpRequest.newBuilder(uri)
			.timeout(this.properties.readTimeout())
			.header("Content-Type", "application/json; charset=utf-8")
			.header("User-Agent", "Tianshu-Webhook/1")
			.header("X-Tianshu-Event", event)
			.header("X-Tianshu-Delivery", deliveryId.toString())
			.header("X-Tianshu-Webhook", webhookId.toString())
			.header("X-Tianshu-Timestamp", Long.toString(timestamp))
			.header("X-Tianshu-Signature", WebhookSigner.signature(secret, timestamp, body))
			.POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8))
			.build();
		try {
			HttpResponse<InputStream> response = this.http.send(request, HttpResponse.BodyHandlers.ofInputStream());
			String snippet;
			try (InputStream in = response.body()) {
				snippet = snippet(in.readNBytes(SNIPPET_BYTES));
			}
			int status = response.statusCode();
			String error = null;
			if (status >= 300 && status < 400) {
				error = "redirect (" + status + ") not followed"
						+ response.headers().firstValue("Location").map((location) -> " to " + location).orElse("");
			}
			else if (status < 200 || status >= 300) {
				error = "HTTP " + status;
			}
			return new Outcome(status, snippet, error);
		}
		catch (HttpConnectTimeoutException ex) {
			return new Outcome(null, null,
					"connect timeout after " + this.properties.connectTimeout().toSeconds() + " s");
		}
		catch (HttpTimeoutException ex) {
			return new Outcome(null, null, "no response within " + this.properties.readTimeout().toSeconds() + " s");
		}
		catch (ConnectException ex) {
			return new Outcome(null, null, "connection refused");
		}
		catch (IOException ex) {
			return new Outcome(null, null, ex.getClass().getSimpleName() + ": " + ex.getMessage());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return new Outcome(null, null, "interrupted");
		}
	}

	/** The bytes as text; a multi-byte character cut at the end is dropped. */
	private static String snippet(byte[] bytes) {
		String text = new String(bytes, StandardCharsets.UTF_8).replace("\u0000", "");
		return (bytes.length == SNIPPET_BYTES && text.endsWith("\uFFFD")) ? text.substring(0, text.length() - 1) : text;
	}

}
