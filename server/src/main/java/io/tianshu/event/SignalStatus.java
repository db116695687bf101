package io.tianshu.event;

/**
 * What a source says about an alert in one signal.
 * <ul>
 * <li>{@code FIRING}: the problem exists (Alertmanager {@code firing}, PagerDuty
 * {@code trigger}, Zabbix {@code PROBLEM}).</li>
 * <li>{@code RESOLVED}: it is over.</li>
 * <li>{@code ACKNOWLEDGED}: somebody at the source acknowledged it (PagerDuty
 * {@code acknowledge}, a Zabbix acknowledgement).</li>
 * <li>{@code EXPIRED}: Tianshu's own resolve-timeout sweep: resolves the alert only if
 * its {@code endsAt} has passed and no re-send refreshed it meanwhile.</li>
 * </ul>
 */
public enum SignalStatus {

	FIRING, RESOLVED, ACKNOWLEDGED, EXPIRED

}
