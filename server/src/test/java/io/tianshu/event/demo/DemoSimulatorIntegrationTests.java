package io.tianshu.event.demo;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

import io.tianshu.TianshuIntegrationTest;
import io.tianshu.cmdb.ChangeSource;
import io.tianshu.cmdb.CiDraft;
import io.tianshu.cmdb.CiId;
import io.tianshu.cmdb.CiRelations;
import io.tianshu.cmdb.ConfigurationItems;
import io.tianshu.cmdb.Topology;
import io.tianshu.event.IntakeReceipt;
import io.tianshu.platform.Authorization;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * One scenario cycle of the demo simulator, driven directly (the simulator never runs by
 * itself in tests: demo mode is off), against a small estate of its own in the CMDB.
 */
@TianshuIntegrationTest
class DemoSimulatorIntegrationTests {

	@Autowired
	DemoSimulator simulator;

	@Autowired
	ConfigurationItems items;

	@Autowired
	CiRelations relations;

	@Autowired
	Topology topology;

	@Autowired
	Authorization authorization;

	@Autowired
	JdbcClient jdbc;

	@Test
	void aCycleStoresTheCascadeTheFlappingLinkTheNoiseAndDeduplicatesReSends() {
		String code = "D" + UUID.randomUUID().toString().replace("-", "").substring(0, 8).toUpperCase(Locale.ROOT);
		String host = code.toLowerCase(Locale.ROOT);
		Map<String, UUID> ci = this.authorization.runAsSystem(() -> estate(code, host));
		DemoEstate estate = this.authorization.runAsSystem(() -> DemoEstate.discover(this.items, this.topology, code))
			.orElseThrow();
		assertThat(estate.apps()).containsOnlyKeys(code + "_CORE", code + "_GW");
		assertThat(estate.database()).isEqualTo(code + "_DB_P");
		assertThat(estate.appHosts()).containsExactly(host + "-core01", host + "-core02", host + "-gw01",
				host + "-gw02");
		assertThat(estate.otherHosts()).containsExactly(host + "-db-p01");
		assertThat(estate.device()).isEqualTo(host + "-tor1");

		UUID integration = this.authorization.runAsSystem(this.simulator::setUp);
		assertThat(this.authorization.runAsSystem(this.simulator::setUp)).as("set up once").isEqualTo(integration);
		String cycle = "t" + code.toLowerCase(Locale.ROOT);
		List<IntakeReceipt> receipts = this.simulator.runCycle(estate, integration, cycle);
		assertThat(receipts).isNotEmpty();

		String prefix = "demo-" + cycle + "-";
		// the database is the root: attributed to the database instance and the business
		// system, re-sent four times without a new alert, acknowledged, then resolved
		Map<String, Object> db = alert(integration, prefix + "db");
		assertThat(db).containsEntry("ci_id", ci.get("db"))
			.containsEntry("business_system_id", ci.get("system"))
			.containsEntry("duplicates", 4)
			.containsEntry("occurrences", 1)
			.containsEntry("state", "RESOLVED")
			.containsEntry("acknowledged_by", "system")
			.containsEntry("severity", "CRITICAL");
		for (String app : List.of("CORE", "GW")) {
			Map<String, Object> a = alert(integration, prefix + "app-" + code + "_" + app);
			assertThat(a).containsEntry("ci_id", ci.get(app))
				.containsEntry("business_system_id", ci.get("system"))
				.containsEntry("duplicates", 4)
				.containsEntry("state", "RESOLVED");
		}
		assertThat(count("SELECT count(*) FROM event.alert WHERE integration_id = ? AND fingerprint = ?", integration,
				prefix + "db"))
			.as("re-sends are duplicates, not alerts")
			.isEqualTo(1);
		assertThat(count("SELECT count(*) FROM event.raw_event WHERE integration_id = ? AND fingerprint = ? "
				+ "AND outcome = 'DUPLICATE'", integration, prefix + "db"))
			.isEqualTo(4);
		// routine noise: a changing disk value is an occurrence, not a new alert
		Map<String, Object> disk = alert(integration, prefix + "disk-" + host + "-db-p01");
		assertThat(disk).containsEntry("occurrences", 2).containsEntry("ci_id", ci.get("dbhost"));
		assertThat(alert(integration, prefix + "cpu-" + host + "-gw02")).containsEntry("state", "RESOLVED")
			.containsEntry("ci_id", ci.get("gwhost2"));
		Map<String, Object> skew = alert(integration, prefix + "ntp-" + host + "-core02");
		assertThat(((java.sql.Timestamp) skew.get("first_seen")).toInstant())
			.isAfter(((java.sql.Timestamp) skew.get("starts_at")).toInstant().plusSeconds(11 * 60));
		// the flapping link: one alert, reopened, flapping, on the switch
		Map<String, Object> link = alert(integration, "link-" + host + "-tor1-10GE1/0/12");
		assertThat(link).containsEntry("flapping", true)
			.containsEntry("ci_id", ci.get("switch"))
			.containsEntry("state", "RESOLVED");
		assertThat(count("SELECT count(*) FROM event.alert WHERE integration_id = ? AND fingerprint LIKE ?",
				integration, prefix + "%"))
			.isEqualTo(7);
		// the manual reports: one on the business system (the monitoring was first), one
		// on a host nothing monitors
		assertThat(count("SELECT count(*) FROM event.alert WHERE source = 'manual' AND business_system_id = ? "
				+ "AND labels @> '{\"channel\": \"demo\"}'", ci.get("system")))
			.isEqualTo(2);
		assertThat(count("SELECT count(*) FROM event.alert WHERE source = 'manual' AND ci_id = ?", ci.get("gwhost")))
			.isEqualTo(1);
	}

	private Map<String, Object> alert(UUID integration, String fingerprint) {
		List<Map<String, Object>> rows = this.jdbc
			.sql("SELECT * FROM event.alert WHERE integration_id = ? AND fingerprint = ?")
			.params(integration, fingerprint)
			.query()
			.listOfRows();
		assertThat(rows).as(fingerprint).hasSize(1);
		return rows.get(0);
	}

	private long count(String sql, Object... params) {
		return this.jdbc.sql(sql).params(params).query(Long.class).single();
	}

	private Map<String, UUID> estate(String code, String host) {
		UUID system = ci("business_system", "演示系统 " + code,
				Map.of("system_code", code, "business_grade", "A", "rto_minutes", 10, "rpo_minutes", 0));
		UUID db = ci("db_instance", code + " 主库",
				Map.of("instance_name", code + "_DB_P", "db_type", "oracle", "db_role", "primary"));
		UUID dbHost = ci("host", host + "-db-p01", Map.of("hostname", host + "-db-p01", "host_type", "physical"));
		UUID core = ci("application", code + " 核心", Map.of("app_code", code + "_CORE"));
		UUID gw = ci("application", code + " 网关", Map.of("app_code", code + "_GW"));
		UUID coreHost = ci("host", host + "-core01", Map.of("hostname", host + "-core01", "host_type", "virtual"));
		UUID gwHost = ci("host", host + "-gw01", Map.of("hostname", host + "-gw01", "host_type", "virtual"));
		UUID coreHost2 = ci("host", host + "-core02", Map.of("hostname", host + "-core02", "host_type", "virtual"));
		UUID gwHost2 = ci("host", host + "-gw02", Map.of("hostname", host + "-gw02", "host_type", "virtual"));
		UUID sw = ci("network_device", host + "-tor1", Map.of("hostname", host + "-tor1", "device_type", "switch"));
		relate(system, "contains", core);
		relate(system, "contains", gw);
		relate(core, "depends_on", db);
		relate(gw, "depends_on", db);
		relate(core, "runs_on", coreHost);
		relate(gw, "runs_on", gwHost);
		relate(core, "runs_on", coreHost2);
		relate(gw, "runs_on", gwHost2);
		relate(db, "runs_on", dbHost);
		relate(coreHost, "connects_to", sw);
		relate(gwHost, "connects_to", sw);
		relate(dbHost, "connects_to", sw);
		return Map.of("system", system, "db", db, "dbhost", dbHost, "CORE", core, "GW", gw, "corehost", coreHost,
				"gwhost", gwHost, "gwhost2", gwHost2, "switch", sw);
	}

	private UUID ci(String model, String name, Map<String, Object> attributes) {
		return this.items.create(new CiDraft(model, name, null, null, attributes), ChangeSource.API).id().value();
	}

	private void relate(UUID source, String type, UUID target) {
		this.relations.create(type, new CiId(source), new CiId(target), ChangeSource.API);
	}

}
