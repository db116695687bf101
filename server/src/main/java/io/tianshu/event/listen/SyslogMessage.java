package io.tianshu.event.listen;

import java.time.Instant;
import java.util.Map;

/**
 * A parsed syslog message.
 *
 * @param format {@code rfc5424} or {@code rfc3164}
 * @param facility 0–23
 * @param severity 0 (emergency) – 7 (debug)
 * @param timestamp when the sender says it happened, or {@code null} (nil or absent)
 * @param hostname the sender's host name as it gave it, or {@code null}
 * @param appName RFC 5424 APP-NAME or the RFC 3164 tag, or {@code null}
 * @param procId the process id, or {@code null}
 * @param msgId RFC 5424 MSGID, or {@code null}
 * @param structuredData RFC 5424 SD-ELEMENTs: SD-ID to its parameters, in order
 * @param message the free-form message (decoded), possibly empty
 */
record SyslogMessage(String format, int facility, int severity, Instant timestamp, String hostname, String appName,
		String procId, String msgId, Map<String, Map<String, String>> structuredData, String message) {

	private static final String[] FACILITIES = { "kern", "user", "mail", "daemon", "auth", "syslog", "lpr", "news",
			"uucp", "cron", "authpriv", "ftp", "ntp", "security", "console", "solaris-cron", "local0", "local1",
			"local2", "local3", "local4", "local5", "local6", "local7" };

	private static final String[] SEVERITIES = { "emerg", "alert", "crit", "err", "warning", "notice", "info",
			"debug" };

	String facilityName() {
		return FACILITIES[this.facility];
	}

	String severityName() {
		return SEVERITIES[this.severity];
	}

}
