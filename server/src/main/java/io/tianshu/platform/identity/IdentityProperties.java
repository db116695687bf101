package io.tianshu.platform.identity;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Identity settings ({@code tianshu.identity.*}).
 *
 * @param maxFailedAttempts consecutive failed sign-ins (password or second factor) that
 * lock an account
 * @param lockDuration how long a locked account stays locked
 * @param throttleMaxFailures failed sign-ins from one source address within
 * {@code throttleWindow} after which further attempts from it are refused with 429
 * @param throttleWindow the window of {@code throttleMaxFailures}
 * @param sessionIdleTimeout a console session ends after this long without a request
 * @param bcryptStrength the BCrypt cost factor (10–12)
 * @param tokenMaxLifetime the longest an API token may live
 * @param tokenUseRecordInterval {@code lastUsedAt} (and the audit record of a token's
 * use) is written at most once per interval per token
 * @param tokensExpiringSoon how far ahead the security posture reports expiring tokens
 */
@ConfigurationProperties("tianshu.identity")
public record IdentityProperties(@DefaultValue("5") int maxFailedAttempts, @DefaultValue("15m") Duration lockDuration,
		@DefaultValue("20") int throttleMaxFailures, @DefaultValue("5m") Duration throttleWindow,
		@DefaultValue("30m") Duration sessionIdleTimeout, @DefaultValue("10") int bcryptStrength,
		@DefaultValue("366d") Duration tokenMaxLifetime, @DefaultValue("1m") Duration tokenUseRecordInterval,
		@DefaultValue("14d") Duration tokensExpiringSoon) {

}
