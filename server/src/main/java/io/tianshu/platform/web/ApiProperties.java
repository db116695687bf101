package io.tianshu.platform.web;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * Settings of the HTTP API conventions ({@code tianshu.api.*}).
 *
 * @param maxBodySize largest request body accepted under {@code /api/**} (multipart
 * uploads excepted, see {@code spring.servlet.multipart.*}); larger bodies are answered
 * 413 {@code request.too-large}, also when they arrive chunked without a
 * {@code Content-Length}
 * @param docsPublic whether {@code /v3/api-docs} and the Swagger UI are readable without
 * signing in (read by the security chain)
 * @param idempotencyRetention how long a response stored for an {@code Idempotency-Key}
 * is replayed
 * @param idempotencyInProgressTimeout how long a key stays locked by a request that has
 * not finished (a crashed node's keys free themselves after it)
 */
@ConfigurationProperties("tianshu.api")
public record ApiProperties(@DefaultValue("1MB") DataSize maxBodySize, @DefaultValue("true") boolean docsPublic,
		@DefaultValue("24h") Duration idempotencyRetention,
		@DefaultValue("10m") Duration idempotencyInProgressTimeout) {

}
