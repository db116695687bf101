package io.tianshu.cmdb.webhook;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Outbound webhook settings ({@code tianshu.cmdb.webhooks.*}).
 *
 * @param allowPrivateTargets whether a subscription may point at loopback, private (RFC
 * 1918, fc00::/7), link-local (169.254/16, cloud metadata) or other non-public addresses;
 * {@code true} by default because an on-premises Tianshu mostly notifies internal systems
 * (ITSM, monitoring, the message bus)
 * @param retryDelays the wait before the 2nd, 3rd, ... attempt; the last one repeats when
 * {@code maxAttempts} asks for more. Each wait gets ±20 % jitter
 * @param maxAttempts attempts before a delivery is given up (FAILED), at least 1
 * @param connectTimeout TCP connect timeout
 * @param readTimeout how long to wait for the response
 * @param pollInterval how often the dispatcher looks for due deliveries (new deliveries
 * also wake it directly)
 * @param batchSize deliveries claimed per round
 * @param lease how long a claimed delivery is not handed to another node; a node that
 * dies while sending leaves the delivery due again after this
 */
@ConfigurationProperties("tianshu.cmdb.webhooks")
public record WebhookProperties(@DefaultValue("true") boolean allowPrivateTargets, @DefaultValue( {
		"30s", "2m", "10m", "1h", "6h" }) List<Duration> retryDelays, @DefaultValue("6") int maxAttempts,
		@DefaultValue("5s") Duration connectTimeout, @DefaultValue("10s") Duration readTimeout,
		@DefaultValue("5s") Duration pollInterval, @DefaultValue("20") int batchSize,
		@DefaultValue("60s") Duration lease){

	public WebhookProperties {
		retryDelays = (retryDelays == null || retryDelays.isEmpty()) ? List.of(Duration.ofSeconds(30))
				: List.copyOf(retryDelays);
		maxAttempts = Math.max(1, maxAttempts);
		batchSize = Math.max(1, batchSize);
	}

	/**
	 * The wait after the given failed attempt (1 = the first), with ±20 % jitter so that
	 * deliveries failing together do not retry together.
	 */
	Duration delayAfter(int attempt) {
		Duration base = this.retryDelays.get(Math.min(Math.max(attempt, 1), this.retryDelays.size()) - 1);
		double factor = 0.8 + 0.4 * ThreadLocalRandom.current().nextDouble();
		return Duration.ofMillis(Math.round(base.toMillis() * factor));
	}

}
