package io.tianshu.event.demo;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import io.tianshu.cmdb.CiId;
import io.tianshu.cmdb.CiSearch;
import io.tianshu.cmdb.ConfigurationItem;
import io.tianshu.cmdb.ConfigurationItems;
import io.tianshu.cmdb.Topology;
import io.tianshu.event.AlertIntake;
import io.tianshu.event.Alerts;
import io.tianshu.event.IncomingSignal;
import io.tianshu.event.IntakeReceipt;
import io.tianshu.event.IntegrationKind;
import io.tianshu.event.Severity;
import io.tianshu.event.integration.IntegrationDraft;
import io.tianshu.event.integration.IntegrationStore;
import io.tianshu.event.report.ManualReports;
import io.tianshu.event.rules.RuleStore;
import io.tianshu.platform.Authorization;
import io.tianshu.platform.TianshuException;
import io.tianshu.platform.TianshuProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The demo simulator (演示告警模拟): in demo mode, a simulated monitoring estate sends
 * realistic alerts about the CMDB demo firm through {@link AlertIntake}, so a first-time
 * user sees deduplication, flapping, grouping, inhibition and the root cause within a
 * minute of the start ({@link DemoScenario}). It creates the integration
 * {@value #INTEGRATION_NAME} and two enrichment rules (database instances by the
 * {@code db_instance} label, network devices by {@code device}), then runs a cycle five
 * seconds after start-up and every {@code tianshu.event.demo-simulator.period} (default 3
 * minutes) while that integration is enabled. Runs only when
 * {@code tianshu.event.demo-simulator.enabled} (default: demo mode) is true and the
 * business system {@code tianshu.event.demo-simulator.system} (default {@code JZJY},
 * 集中交易) exists.
 */
@Component
class DemoSimulator {

	static final String INTEGRATION_NAME = "演示监控 (demo Prometheus)";

	static final String DB_RULE = "demo: db_instance label → database instance";

	static final String DEVICE_RULE = "demo: device label → network device";

	private static final Logger log = LoggerFactory.getLogger(DemoSimulator.class);

	private final AlertIntake intake;

	private final Alerts alerts;

	private final ManualReports reports;

	private final IntegrationStore integrations;

	private final RuleStore rules;

	private final ConfigurationItems items;

	private final Topology topology;

	private final Authorization authorization;

	private final JdbcClient jdbc;

	private final Clock clock;

	private final boolean enabled;

	private final String systemCode;

	private final Duration period;

	private final AtomicLong cycles = new AtomicLong();

	private ScheduledExecutorService executor;

	DemoSimulator(AlertIntake intake, Alerts alerts, ManualReports reports, IntegrationStore integrations,
			RuleStore rules, ConfigurationItems items, Topology topology, Authorization authorization, JdbcClient jdbc,
			Clock clock, TianshuProperties properties,
			@Value("${tianshu.event.demo-simulator.enabled:#{null}}") Boolean enabled,
			@Value("${tianshu.event.demo-simulator.system:JZJY}") String systemCode,
			@Value("${tianshu.event.demo-simulator.period:3m}") Duration period) {
		this.intake = intake;
		this.alerts = alerts;
		this.reports = reports;
		this.integrations = integrations;
		this.rules = rules;
		this.items = items;
		this.topology = topology;
		this.authorization = authorization;
		this.jdbc = jdbc;
		this.clock = clock;
		this.enabled = (enabled != null) ? enabled : properties.demo();
		this.systemCode = systemCode;
		this.period = period;
	}

	@EventListener(ApplicationReadyEvent.class)
	void start() {
		if (!this.enabled) {
			return;
		}
		Optional<DemoEstate> estate;
		try {
			estate = this.authorization
				.runAsSystem(() -> DemoEstate.discover(this.items, this.topology, this.systemCode));
		}
		catch (RuntimeException ex) {
			log.warn("Demo simulator not started: {}", ex.getMessage());
			return;
		}
		if (estate.isEmpty()) {
			log.info("Demo simulator not started: no business system {} with applications and a database in the CMDB",
					this.systemCode);
			return;
		}
		UUID integration = this.authorization.runAsSystem(this::setUp);
		log.info("Demo simulator: a scenario cycle on {} every {}", estate.get().systemName(), this.period);
		this.executor = Executors
			.newSingleThreadScheduledExecutor(Thread.ofPlatform().daemon().name("event-demo").factory());
		this.executor.scheduleAtFixedRate(() -> scheduleCycle(estate.get(), integration), 5_000, this.period.toMillis(),
				TimeUnit.MILLISECONDS);
	}

	@jakarta.annotation.PreDestroy
	void stop() {
		if (this.executor != null) {
			this.executor.shutdownNow();
		}
	}

	/**
	 * Creates what the simulation needs, once: its integration and the enrichment rules
	 * the demo labels rely on (positions before the host rules, so a database alert that
	 * also names its host is attributed to the database).
	 */
	UUID setUp() {
		if (this.rules.listEnrichmentRules().stream().noneMatch((r) -> r.name().equals(DB_RULE))) {
			this.rules.saveEnrichmentRule(null, new RuleStore.EnrichmentRuleDraft(DB_RULE, 5, true, "db_instance", null,
					"db_instance", "instance_name"));
		}
		if (this.rules.listEnrichmentRules().stream().noneMatch((r) -> r.name().equals(DEVICE_RULE))) {
			this.rules.saveEnrichmentRule(null, new RuleStore.EnrichmentRuleDraft(DEVICE_RULE, 6, true, "device", null,
					"network_device", "hostname"));
		}
		return this.jdbc.sql("SELECT id FROM event.integration WHERE name = ?")
			.param(INTEGRATION_NAME)
			.query(UUID.class)
			.optional()
			.orElseGet(() -> this.integrations
				.create(new IntegrationDraft(INTEGRATION_NAME, IntegrationKind.PROMETHEUS, true, Severity.WARNING, null,
						null, "演示模式的模拟监控：数据库变慢引发应用报错、链路抖动、日常噪声（tianshu.event.demo-simulator）"))
				.id());
	}

	/** Schedules one cycle's steps at their offsets on the simulator's thread. */
	private void scheduleCycle(DemoEstate estate, UUID integration) {
		boolean enabledNow = this.integrations.find(integration).map((i) -> i.enabled()).orElse(false);
		if (!enabledNow) {
			return;
		}
		Instant start = this.clock.instant();
		long n = this.cycles.incrementAndGet();
		DemoScenario scenario = new DemoScenario(estate, Long.toString(start.getEpochSecond(), 36), start, n % 2 == 1);
		for (DemoScenario.Step step : scenario.steps()) {
			this.executor.schedule(() -> {
				try {
					run(step, integration);
				}
				catch (RuntimeException ex) {
					log.debug("Demo step failed: {}", ex.toString());
				}
			}, step.at().toMillis(), TimeUnit.MILLISECONDS);
		}
	}

	/**
	 * Runs a whole cycle now, one step after the other, each waiting for its commit (for
	 * tests and for trying the scenario out). Returns the intake receipts in order.
	 */
	List<IntakeReceipt> runCycle(DemoEstate estate, UUID integration, String cycle) {
		DemoScenario scenario = new DemoScenario(estate, cycle, this.clock.instant(), true);
		List<IntakeReceipt> receipts = new ArrayList<>();
		for (DemoScenario.Step step : scenario.steps()) {
			IntakeReceipt receipt = run(step, integration);
			if (receipt != null) {
				receipts.add(receipt);
			}
		}
		return receipts;
	}

	private IntakeReceipt run(DemoScenario.Step step, UUID integration) {
		IntakeReceipt receipt = null;
		if (!step.signals().isEmpty()) {
			Instant now = this.clock.instant();
			List<IncomingSignal> signals = step.signals().stream().map((s) -> s.build(integration, now)).toList();
			receipt = this.intake.submit(signals).join();
		}
		this.authorization.runAsSystem(() -> {
			for (DemoScenario.Ack ack : step.acks()) {
				acknowledge(integration, ack);
			}
			for (DemoScenario.Report report : step.reports()) {
				report(report);
			}
		});
		return receipt;
	}

	private void acknowledge(UUID integration, DemoScenario.Ack ack) {
		Long id = this.jdbc.sql("SELECT alert_id FROM event.alert_key WHERE integration_id = ? AND fingerprint = ?")
			.params(integration, ack.fingerprint())
			.query(Long.class)
			.optional()
			.orElse(null);
		if (id == null) {
			return;
		}
		try {
			this.alerts.acknowledge(id, ack.comment());
		}
		catch (TianshuException ex) {
			// already acknowledged or resolved: nothing to do
		}
	}

	private void report(DemoScenario.Report report) {
		UUID ci = null;
		if (report.hostname() != null) {
			ci = this.items
				.search(new CiSearch("host", null, null, Map.of("hostname", report.hostname()), null, null, 2))
				.items()
				.stream()
				.findFirst()
				.map(ConfigurationItem::id)
				.map(CiId::value)
				.orElse(null);
		}
		this.reports.report(new ManualReports.ManualReport(report.summary(), null, report.severity(), report.startsAt(),
				ci, report.businessSystemId(), Map.of("channel", "demo")));
	}

}
