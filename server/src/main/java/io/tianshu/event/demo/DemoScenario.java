package io.tianshu.event.demo;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.tianshu.event.IncomingSignal;
import io.tianshu.event.Severity;
import io.tianshu.event.SignalStatus;

/**
 * One cycle of the simulated estate, as timed steps (offsets from the cycle's start):
 * <ol>
 * <li>0 s: the primary database of the business system slows down (critical);</li>
 * <li>3–6 s: its applications report errors one after the other (major) — symptoms of the
 * database, which topology inhibition and the group's root cause show;</li>
 * <li>from 5 s: a switch port flaps down/up every 8 seconds (flapping detection);</li>
 * <li>routine noise: disk usage on two hosts (changing value: occurrences), a CPU spike
 * that resolves, a clock-offset warning reported late (its problem started 12 minutes
 * before: a late report for 异常报告及时率);</li>
 * <li>20–80 s: every monitoring re-send repeats the open alerts unchanged (deduplicated:
 * duplicates, not alerts);</li>
 * <li>30 s: the duty engineer acknowledges the database alert (MTTA);</li>
 * <li>45 s: a user reports by telephone that the business system is slow (a manual report
 * the monitoring preceded) and, every other cycle, an anomaly on a host nothing monitors
 * no alert covers (missed by the monitoring: 异常漏报率);</li>
 * <li>100–150 s: the database recovers, the applications follow, the noise clears.</li>
 * </ol>
 * Fingerprints carry the cycle's id, so each cycle is a new incident; the flapping link
 * keeps its fingerprint across cycles, as a real port would.
 */
final class DemoScenario {

	/** A signal to send; built with the sending time. */
	record Signal(String fingerprint, SignalStatus status, Severity severity, String summary, String resource,
			Map<String, String> labels, Map<String, String> annotations, Instant startsAt) {

		IncomingSignal build(UUID integrationId, Instant now) {
			return IncomingSignal.builder(integrationId, this.fingerprint, this.status, now)
				.severity(this.severity, this.severity.name().toLowerCase(java.util.Locale.ROOT))
				.summary(this.summary)
				.resource(this.resource)
				.labels(this.labels)
				.annotations(this.annotations)
				.startsAt(this.startsAt)
				.endsAt((this.status == SignalStatus.FIRING) ? now.plus(Duration.ofMinutes(5)) : now,
						this.status == SignalStatus.FIRING)
				.build();
		}

	}

	/**
	 * A manual anomaly report to file: on the business system, or on the host of this
	 * hostname.
	 */
	record Report(String summary, Severity severity, Instant startsAt, UUID businessSystemId, String hostname) {
	}

	/** Acknowledge the alert of this fingerprint. */
	record Ack(String fingerprint, String comment) {
	}

	record Step(Duration at, List<Signal> signals, List<Ack> acks, List<Report> reports) {
	}

	private final DemoEstate estate;

	private final String cycle;

	private final Instant start;

	private final boolean withMissedReport;

	private final List<Step> steps = new ArrayList<>();

	DemoScenario(DemoEstate estate, String cycle, Instant start, boolean withMissedReport) {
		this.estate = estate;
		this.cycle = cycle;
		this.start = start;
		this.withMissedReport = withMissedReport;
		build();
	}

	List<Step> steps() {
		return this.steps;
	}

	private void build() {
		Signal db = firing("db", Severity.CRITICAL, this.estate.databaseName() + " 响应变慢：活动会话 480，平均 SQL 响应 2300 ms",
				null,
				labels("alertname", "OracleSlowQueries", "severity", "critical", "db_instance", this.estate.database(),
						"job", "oracledb"),
				Map.of("description", "数据库 " + this.estate.database() + " 锁等待激增，交易委托写入变慢"),
				this.start.minusSeconds(40));
		List<Signal> apps = new ArrayList<>();
		for (Map.Entry<String, String> app : this.estate.apps().entrySet()) {
			apps.add(firing("app-" + app.getKey(), Severity.MAJOR, app.getValue() + " 接口错误率 12%（数据库超时）", null,
					labels("alertname", "HighErrorRate", "severity", "major", "app", app.getKey(), "job",
							"application"),
					Map.of("description", "调用 " + this.estate.database() + " 超时，HTTP 5xx 比例升高"), this.start));
		}
		List<String> hosts = new ArrayList<>(this.estate.otherHosts());
		hosts.addAll(this.estate.appHosts());
		String diskA = hosts.get(0);
		String diskB = hosts.get(Math.min(1, hosts.size() - 1));
		String cpuHost = this.estate.appHosts().get(this.estate.appHosts().size() - 1);
		String skewHost = hosts.get(hosts.size() / 2);
		Signal diskFirst = disk(diskA, 87);
		Signal diskOther = disk(diskB, 83);
		Signal cpu = firing("cpu-" + cpuHost, Severity.MINOR, cpuHost + " CPU 使用率 96%", null,
				labels("alertname", "HostCpuHigh", "severity", "minor", "instance", cpuHost + ":9100", "job", "node"),
				Map.of(), this.start.plusSeconds(10));
		Signal skew = firing(
				"ntp-" + skewHost, Severity.WARNING, skewHost + " 时钟偏移 0.8 秒", null, labels("alertname",
						"HostClockSkew", "severity", "warning", "instance", skewHost + ":9100", "job", "node"),
				Map.of(), this.start.minus(Duration.ofMinutes(12)));

		step(0, List.of(db));
		for (int i = 0; i < apps.size(); i++) {
			step(3 + i, List.of(apps.get(i)));
		}
		if (this.estate.device() != null) {
			String port = "10GE1/0/12";
			Signal down = new Signal("link-" + this.estate.device() + "-" + port, SignalStatus.FIRING, Severity.MAJOR,
					this.estate.device() + " 端口 " + port + " 链路中断", null,
					labels("alertname", "InterfaceDown", "severity", "major", "device", this.estate.device(), "ifName",
							port, "job", "snmp"),
					Map.of("description", "上联光模块收光功率低，链路反复中断"), this.start.plusSeconds(5));
			for (int i = 0; i < 7; i++) {
				step(5 + 8 * i, List.of((i % 2 == 0) ? down : resolved(down)));
			}
			step(150, List.of(resolved(down)));
		}
		step(8, List.of(diskFirst, diskOther));
		step(10, List.of(cpu));
		step(12, List.of(skew));
		List<Signal> open = new ArrayList<>();
		open.add(db);
		open.addAll(apps);
		for (int t = 20; t <= 80; t += 20) {
			List<Signal> resend = new ArrayList<>(open);
			resend.add(diskOther);
			step(t, resend);
		}
		step(30, List.of(), List.of(new Ack(db.fingerprint(), "值班 DBA 已确认，正在排查锁等待")), List.of());
		step(35, List.of(disk(diskA, 91)));
		step(40, List.of(resolved(cpu)));
		List<Report> reports = new ArrayList<>();
		reports.add(new Report("客户来电反映" + this.estate.systemName() + "委托查询缓慢", Severity.MAJOR,
				this.start.plusSeconds(20), this.estate.systemId(), null));
		String quiet = hosts.stream()
			.filter((h) -> !List.of(diskA, diskB, cpuHost, skewHost).contains(h))
			.findFirst()
			.orElse(null);
		if (this.withMissedReport && quiet != null) {
			reports.add(new Report(quiet + " 运维人员巡检发现 NTP 服务未运行（监控未覆盖）", Severity.MINOR,
					this.start.minus(Duration.ofMinutes(3)), null, quiet));
		}
		step(45, List.of(), List.of(), reports);
		step(100, List.of(resolved(db)));
		step(105, apps.stream().map(DemoScenario::resolved).toList());
		step(120, List.of(resolved(skew)));
		step(150, List.of(resolved(disk(diskA, 91)), resolved(diskOther)));
		this.steps.sort(Comparator.comparing(Step::at));
	}

	private Signal disk(String host, int percent) {
		return firing("disk-" + host, Severity.WARNING, host + " /data 磁盘使用率 " + percent + "%", null,
				labels("alertname", "HostDiskUsageHigh", "severity", "warning", "instance", host + ":9100",
						"mountpoint", "/data", "job", "node"),
				Map.of("value", percent + "%"), this.start.plusSeconds(8));
	}

	private Signal firing(String key, Severity severity, String summary, String resource, Map<String, String> labels,
			Map<String, String> annotations, Instant startsAt) {
		return new Signal("demo-" + this.cycle + "-" + key, SignalStatus.FIRING, severity, summary, resource, labels,
				annotations, startsAt);
	}

	private static Signal resolved(Signal s) {
		return new Signal(s.fingerprint(), SignalStatus.RESOLVED, s.severity(), s.summary(), s.resource(), s.labels(),
				s.annotations(), s.startsAt());
	}

	private void step(int seconds, List<Signal> signals) {
		step(seconds, signals, List.of(), List.of());
	}

	private void step(int seconds, List<Signal> signals, List<Ack> acks, List<Report> reports) {
		this.steps.add(new Step(Duration.ofSeconds(seconds), signals, acks, reports));
	}

	private static Map<String, String> labels(String... pairs) {
		Map<String, String> out = new LinkedHashMap<>();
		for (int i = 0; i < pairs.length; i += 2) {
			out.put(pairs[i], pairs[i + 1]);
		}
		return out;
	}

}
