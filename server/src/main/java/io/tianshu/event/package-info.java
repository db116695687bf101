/**
 * The event center (事件中心): integrations that receive alerts in their senders' own
 * protocols (Alertmanager, Prometheus, PagerDuty Events v2, Zabbix, generic JSON; syslog
 * and SNMP listeners build on {@link io.tianshu.event.AlertIntake}), a durable
 * group-commit intake, normalised and deduplicated alerts with a lifecycle and a
 * timeline, drop and transform rules and CMDB enrichment, and convergence (grouping into
 * alert groups, silences, maintenance windows, inhibition, topology inhibition and root
 * cause; docs/event-convergence.md). The base package is the module's API:
 * {@link io.tianshu.event.AlertIntake}, {@link io.tianshu.event.Integrations},
 * {@link io.tianshu.event.Alerts}, {@link io.tianshu.event.AlertGroups}, the
 * {@link io.tianshu.event.AlertSuppressor} hook and the events
 * {@link io.tianshu.event.AlertOpened}, {@link io.tianshu.event.AlertResolved},
 * {@link io.tianshu.event.AlertGroupOpened}, {@link io.tianshu.event.AlertGroupChanged}
 * and {@link io.tianshu.event.AlertGroupResolved} (plus the in-process
 * {@link io.tianshu.event.AlertsChanged} for live views).
 */
@ApplicationModule(displayName = "Event center", allowedDependencies = { "platform", "platform :: web", "cmdb" })
package io.tianshu.event;

import org.springframework.modulith.ApplicationModule;
