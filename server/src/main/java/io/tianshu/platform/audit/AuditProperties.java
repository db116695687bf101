package io.tianshu.platform.audit;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Audit trail settings.
 *
 * @param retentionDays how long records are kept before their monthly partition is
 * dropped; at least 180 days (留痕 trace retention: regulators expect at least half a year
 * online), Tianshu refuses to start with less
 * @param syslog forwarding of every committed record to a SIEM
 */
@ConfigurationProperties("tianshu.audit")
@Validated
public record AuditProperties(@DefaultValue("400") @Min(value = MIN_RETENTION_DAYS,
		message = "must be at least 180 days: audit records must be kept at least half a year") int retentionDays,
		@DefaultValue @Valid Syslog syslog) {

	static final int MIN_RETENTION_DAYS = 180;

	/**
	 * RFC 5424 syslog forwarding.
	 *
	 * @param enabled whether to forward
	 * @param host the syslog receiver
	 * @param port its port
	 * @param protocol UDP (one datagram per record) or TCP (octet-counting framing, RFC
	 * 6587)
	 * @param appName the APP-NAME field
	 * @param queueCapacity records waiting to be sent; more are dropped and counted
	 */
	public record Syslog(@DefaultValue("false") boolean enabled, @DefaultValue("localhost") @NotBlank String host,
			@DefaultValue("514") @Min(1) @Max(65535) int port, @DefaultValue("UDP") @NotNull Protocol protocol,
			@DefaultValue("tianshu") @NotBlank String appName,
			@DefaultValue("10000") @Min(1) @Max(1_000_000) int queueCapacity) {

	}

	public enum Protocol {

		UDP, TCP

	}

}
