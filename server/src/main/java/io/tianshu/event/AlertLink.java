package io.tianshu.event;

/**
 * A link or image attached to an alert (PagerDuty {@code links}/{@code images},
 * Alertmanager {@code generatorURL}, Zabbix's trigger URL).
 *
 * @param href the URL
 * @param text its text, or {@code null}
 * @param image whether it is an image
 */
public record AlertLink(String href, String text, boolean image) {
}
