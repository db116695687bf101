package io.tianshu.cmdb.ci;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import io.tianshu.cmdb.CiId;
import io.tianshu.cmdb.CiModel;
import io.tianshu.cmdb.ConfigurationItem;
import io.tianshu.cmdb.LifecycleState;
import io.tianshu.cmdb.RelationDefinition;
import io.tianshu.cmdb.model.ModelCatalog;
import io.tianshu.platform.Audit;
import io.tianshu.platform.AuditEntry;
import io.tianshu.platform.DemoData;
import io.tianshu.platform.FieldViolation;
import io.tianshu.platform.TimeOrderedUuid;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * A small but realistic securities firm (证券公司): 15 business systems with their
 * applications, services, database and middleware instances, 300 hosts with operating
 * systems in racks of two data centres (上海浦东 primary, 深圳南山 disaster recovery), subnets,
 * environments, network devices and the relations between them. Every CI is validated
 * against its model like an API write; rows are written in JDBC batches (with history,
 * one audit record for the whole load, no per-CI events) so the load takes seconds.
 */
@Component
class CmdbDemoData implements DemoData {

	private static final int HOSTS = 300;

	/** code, name, grade, RTO, RPO, vendor. */
	private static final String[][] SYSTEMS = { { "JZJY", "集中交易", "A", "10", "0", "恒生电子" },
			{ "RZRQ", "融资融券", "A", "15", "0", "恒生电子" }, { "WSJY", "网上交易", "A", "15", "0", "金证股份" },
			{ "YDZD", "移动终端交易", "A", "15", "0", "自研" }, { "HQXT", "行情系统", "A", "5", "0", "通达信" },
			{ "TZJY", "投资交易", "A", "30", "5", "恒生电子" }, { "DSFCG", "第三方存管", "A", "30", "0", "金证股份" },
			{ "GZHS", "估值核算", "B", "60", "15", "赢时胜" }, { "FEDJ", "份额登记", "B", "60", "15", "恒生电子" },
			{ "FRQS", "法人清算", "B", "120", "30", "自研" }, { "FXGL", "风险管理", "B", "60", "15", "自研" },
			{ "JGBS", "监管报送", "B", "240", "60", "自研" }, { "HJZX", "呼叫中心", "C", "240", "60", "华为" },
			{ "CRM", "客户关系管理", "C", "480", "240", "自研" }, { "OA", "办公自动化", "D", "1440", "1440", "泛微" } };

	private final ModelCatalog models;

	private final CiRegistry registry;

	private final JdbcTemplate jdbc;

	private final JsonMapper json;

	private final Audit audit;

	private final Clock clock;

	CmdbDemoData(ModelCatalog models, CiRegistry registry, JdbcTemplate jdbc, JsonMapper json, Audit audit,
			Clock clock) {
		this.models = models;
		this.registry = registry;
		this.jdbc = jdbc;
		this.json = json;
		this.audit = audit;
		this.clock = clock;
	}

	@Override
	public int order() {
		return 100;
	}

	@Override
	public String name() {
		return "cmdb: securities firm (15 business systems, 300 hosts, two data centres)";
	}

	@Override
	public void load() {
		Firm firm = new Firm();
		firm.build();
		write(firm);
		this.audit.record(AuditEntry.success("cmdb.demo.loaded", "cmdb", null)
			.withDetail(firm.cis.size() + " CIs and " + firm.relations.size() + " relations"));
	}

	private void write(Firm firm) {
		Instant now = this.clock.instant();
		Timestamp at = Timestamp.from(now);
		Map<String, CiModel> byCode = new HashMap<>();
		List<ConfigurationItem> items = new ArrayList<>();
		List<Object[]> ciRows = new ArrayList<>();
		List<Object[]> keyRows = new ArrayList<>();
		List<Object[]> historyRows = new ArrayList<>();
		Set<String> keys = new HashSet<>();
		for (Draft draft : firm.cis) {
			CiModel model = byCode.computeIfAbsent(draft.model, (code) -> this.models.find(code).orElseThrow());
			List<FieldViolation> violations = new ArrayList<>();
			Map<String, Object> attributes = this.registry.attributes(model, draft.attributes, true, violations);
			if (!violations.isEmpty()) {
				throw new IllegalStateException("Demo CI " + draft.name + " is invalid: " + violations);
			}
			ConfigurationItem ci = new ConfigurationItem(new CiId(draft.id), draft.model, draft.name,
					LifecycleState.IN_USE, null, attributes, 1, now, now);
			items.add(ci);
			ciRows.add(new Object[] { draft.id, draft.model, draft.name, LifecycleState.IN_USE.name(),
					this.json.writeValueAsString(attributes), at, at });
			for (var key : CiRegistry.keys(model, attributes).entrySet()) {
				if (!keys.add(draft.model + "|" + key.getKey() + "|" + key.getValue())) {
					throw new IllegalStateException("Demo CI " + draft.name + " duplicates " + key);
				}
				keyRows.add(new Object[] { draft.model, key.getKey(), key.getValue(), draft.id });
			}
			historyRows.add(new Object[] { draft.id, this.json.writeValueAsString(this.registry.diff(null, ci)), at });
		}
		this.jdbc.batchUpdate("""
				INSERT INTO cmdb.ci (id, model_code, name, state, attributes, version, created_at, updated_at)
				VALUES (?, ?, ?, ?, ?::jsonb, 1, ?, ?)""", ciRows);
		this.jdbc.batchUpdate("INSERT INTO cmdb.ci_key (model_code, key_name, key_value, ci_id) VALUES (?, ?, ?, ?)",
				keyRows);
		this.jdbc.batchUpdate("""
				INSERT INTO cmdb.ci_history (ci_id, version, change, diff, actor, source, changed_at)
				VALUES (?, 1, 'CREATED', ?::jsonb, 'system', 'IMPORT', ?)""", historyRows);
		Map<UUID, String> modelOf = new HashMap<>();
		firm.cis.forEach((d) -> modelOf.put(d.id, d.model));
		Map<String, RelationDefinition> definitions = new HashMap<>();
		List<Object[]> relationRows = new ArrayList<>();
		List<Object[]> relationHistory = new ArrayList<>();
		for (UUID[] pair : firm.relations.keySet()) {
			String type = firm.relations.get(pair);
			String key = modelOf.get(pair[0]) + "|" + type + "|" + modelOf.get(pair[1]);
			RelationDefinition definition = definitions.computeIfAbsent(key,
					(k) -> this.models.findDefinition(modelOf.get(pair[0]), modelOf.get(pair[1]), type)
						.orElseThrow(() -> new IllegalStateException("No definition " + k)));
			UUID id = TimeOrderedUuid.next();
			relationRows.add(new Object[] { id, type, pair[0], pair[1], definition.id(), at });
			relationHistory.add(new Object[] { id, type, pair[0], pair[1], at });
		}
		this.jdbc.batchUpdate("""
				INSERT INTO cmdb.relation (id, type_code, source_id, target_id, definition_id, created_at)
				VALUES (?, ?, ?, ?, ?, ?)""", relationRows);
		this.jdbc.batchUpdate("""
				INSERT INTO cmdb.relation_history (relation_id, change, type_code, source_id, target_id, actor, source,
				  changed_at)
				VALUES (?, 'CREATED', ?, ?, ?, 'system', 'IMPORT', ?)""", relationHistory);
	}

	private record Draft(UUID id, String model, String name, Map<String, Object> attributes) {
	}

	/**
	 * Builds the firm in memory; relations keyed by (source, target) in insertion order.
	 */
	private static final class Firm {

		final List<Draft> cis = new ArrayList<>();

		final Map<UUID[], String> relations = new LinkedHashMap<>();

		private final Map<String, List<UUID>> racks = new HashMap<>();

		private final Map<String, Integer> rackCursor = new HashMap<>();

		private final Map<String, UUID> subnets = new HashMap<>();

		private final Map<String, UUID> environments = new HashMap<>();

		private final Map<String, List<UUID>> switches = new HashMap<>();

		private int hosts;

		private int serial = 1000;

		private final Map<String, Integer> ipCounter = new HashMap<>();

		UUID ci(String model, String name, Map<String, Object> attributes) {
			UUID id = TimeOrderedUuid.next();
			this.cis.add(new Draft(id, model, name, attributes));
			return id;
		}

		void relate(UUID source, String type, UUID target) {
			this.relations.put(new UUID[] { source, target }, type);
		}

		void build() {
			for (String env : List.of("prod", "dr", "uat", "test")) {
				this.environments.put(env, ci("environment", switch (env) {
					case "prod" -> "生产环境";
					case "dr" -> "灾备环境";
					case "uat" -> "用户验收环境";
					default -> "测试环境";
				}, Map.of("env_code", env, "env_type", env)));
			}
			dataCentre("SH-PD", "上海浦东数据中心", "上海", "primary", 10);
			dataCentre("SZ-NS", "深圳南山灾备中心", "深圳", "disaster_recovery", 20);
			List<UUID> systemIds = new ArrayList<>();
			for (String[] s : SYSTEMS) {
				systemIds.add(system(s));
			}
			// the trading front ends depend on the core trading system
			for (int i = 1; i < 4; i++) {
				relate(systemIds.get(i), "depends_on", systemIds.get(0));
			}
			relate(systemIds.get(6), "depends_on", systemIds.get(0));
			relate(systemIds.get(9), "depends_on", systemIds.get(0));
			relate(systemIds.get(11), "depends_on", systemIds.get(9));
			int pool = 0;
			while (this.hosts < HOSTS) {
				pool++;
				host((pool % 3 == 0) ? "SZ-NS" : "SH-PD", (pool % 3 == 0) ? "dr" : "prod", "vmhost" + pool, "physical",
						"VMware ESXi 7.0");
			}
		}

		private void dataCentre(String code, String name, String city, String role, int net) {
			UUID dc = ci("data_center", name,
					Map.of("dc_code", code, "city", city, "dc_role", role, "tier", "T3", "operator", "中国电信"));
			String[] zones = { "trading", "core", "dmz", "management" };
			for (int z = 0; z < zones.length; z++) {
				String cidr = "10." + (net + z) + ".0.0/16";
				UUID subnet = ci("ip_subnet", code + " " + zones[z] + " " + cidr, Map.of("cidr", cidr, "gateway",
						"10." + (net + z) + ".0.1", "vlan_id", 100 + net + z, "zone", zones[z]));
				relate(dc, "contains", subnet);
				this.subnets.put(code + "/" + zones[z], subnet);
			}
			List<UUID> dcRacks = new ArrayList<>();
			List<UUID> dcSwitches = new ArrayList<>();
			for (int r = 1; r <= 2; r++) {
				String roomCode = code + "-R" + r;
				UUID room = ci("room", name + " " + r + " 号机房",
						Map.of("room_code", roomCode, "floor", r + 2, "area_sqm", 420.5));
				relate(dc, "contains", room);
				for (int k = 1; k <= 10; k++) {
					String rackCode = roomCode + "-" + (char) ('A' + (k - 1) / 5) + String.format("%02d", k);
					UUID rack = ci("rack", rackCode, Map.of("rack_code", rackCode, "row",
							String.valueOf((char) ('A' + (k - 1) / 5)), "units", 42, "power_kw", 8.0));
					relate(room, "contains", rack);
					dcRacks.add(rack);
					if (k == 1 || k == 6) {
						String sw = code.toLowerCase() + "-r" + r + "-tor" + k;
						UUID device = ci("network_device", sw,
								Map.of("hostname", sw, "device_type", "switch", "vendor", "华为", "model", "CE6881",
										"serial_number", "NW" + code + r + k, "management_ip",
										"10." + (net + 3) + ".1." + (r * 10 + k)));
						relate(rack, "contains", device);
						dcSwitches.add(device);
					}
				}
			}
			UUID firewall = ci("network_device", code.toLowerCase() + "-fw01",
					Map.of("hostname", code.toLowerCase() + "-fw01", "device_type", "firewall", "vendor", "华为", "model",
							"USG6650", "serial_number", "FW" + code, "management_ip", "10." + (net + 3) + ".1.1"));
			relate(dcRacks.get(0), "contains", firewall);
			for (UUID sw : dcSwitches) {
				relate(sw, "connects_to", firewall);
			}
			this.racks.put(code, dcRacks);
			this.switches.put(code, dcSwitches);
		}

		private UUID system(String[] s) {
			String code = s[0];
			boolean critical = "A".equals(s[2]);
			Map<String, Object> attributes = new HashMap<>(Map.of("system_code", code, "business_grade", s[2],
					"rto_minutes", Integer.parseInt(s[3]), "rpo_minutes", Integer.parseInt(s[4]), "business_department",
					critical ? "经纪业务部" : "运营管理部", "trading_hours_critical", critical));
			attributes.put("regulatory_reporting", code.equals("JGBS") || code.equals("FRQS"));
			UUID system = ci("business_system", s[1], attributes);
			List<String> roles = critical ? List.of("CORE", "GW", "ADMIN") : List.of("CORE", "ADMIN");
			String dbType = critical ? "oracle" : (code.length() % 2 == 0) ? "mysql" : "oceanbase";
			UUID dbPrimary = instance("db_instance", code + "_DB_P", s[1] + "主库", "SH-PD", "prod",
					Map.of("db_type", dbType, "db_role", "primary", "port", dbType.equals("oracle") ? 1521 : 3306,
							"environment", "prod"));
			UUID dbStandby = instance("db_instance", code + "_DB_S", s[1] + "灾备库", "SZ-NS", "dr", Map.of("db_type",
					dbType, "db_role", "standby", "port", dbType.equals("oracle") ? 1521 : 3306, "environment", "dr"));
			List<UUID> middleware = new ArrayList<>();
			middleware.add(instance("middleware_instance", code + "_REDIS", s[1] + " Redis", "SH-PD", "prod",
					Map.of("mw_type", "redis", "mw_version", "6.2", "port", 6379, "environment", "prod")));
			if (critical) {
				middleware.add(instance("middleware_instance", code + "_MQ", s[1] + " 消息队列", "SH-PD", "prod",
						Map.of("mw_type", "kafka", "mw_version", "3.6", "port", 9092, "environment", "prod")));
			}
			for (String role : roles) {
				String appCode = code + "_" + role;
				String appName = s[1] + switch (role) {
					case "CORE" -> "核心";
					case "GW" -> "接入网关";
					default -> "管理台";
				};
				UUID app = ci("application", appName,
						Map.of("app_code", appCode, "vendor", s[5], "language", role.equals("GW") ? "C++" : "Java",
								"deploy_mode", "vm", "tech_stack", List.of("Java 17", "Spring Boot")));
				relate(system, "contains", app);
				relate(app, "deployed_in", this.environments.get("prod"));
				relate(app, "deployed_in", this.environments.get("dr"));
				UUID service = ci("service", appName + "服务", Map.of("service_code", appCode + "_SVC", "protocol",
						role.equals("GW") ? "tcp" : "https", "port", role.equals("GW") ? 9100 : 8443));
				relate(app, "contains", service);
				relate(app, "depends_on", dbPrimary);
				relate(app, "depends_on", middleware.get(0));
				if (role.equals("CORE") && middleware.size() > 1) {
					relate(app, "depends_on", middleware.get(1));
				}
				relate(app, "runs_on", host("SH-PD", "prod", appCode.toLowerCase() + "01", "virtual", null));
				relate(app, "runs_on", host("SH-PD", "prod", appCode.toLowerCase() + "02", "virtual", null));
				relate(app, "runs_on", host("SZ-NS", "dr", appCode.toLowerCase() + "01", "virtual", null));
				relate(app, "runs_on", host("SH-PD", "uat", appCode.toLowerCase() + "01", "virtual", null));
			}
			relate(dbStandby, "runs_on", host("SZ-NS", "dr", code.toLowerCase() + "-db02", "physical", null));
			return system;
		}

		private UUID instance(String model, String name, String display, String dc, String env,
				Map<String, Object> attributes) {
			Map<String, Object> all = new HashMap<>(attributes);
			all.put("instance_name", name);
			UUID id = ci(model, display, all);
			if (model.equals("db_instance") && env.equals("prod")) {
				relate(id, "runs_on", host(dc, env, name.toLowerCase().replace('_', '-') + "01", "physical", null));
			}
			else if (!model.equals("db_instance")) {
				relate(id, "runs_on", host(dc, env, name.toLowerCase().replace('_', '-') + "01", "virtual", null));
			}
			return id;
		}

		private UUID host(String dc, String env, String role, String type, String hypervisor) {
			this.hosts++;
			String hostname = dc.toLowerCase() + "-" + env + "-" + role.replace('_', '-');
			String zone = role.contains("-db") || role.contains("db-") ? "core" : "trading";
			int n = this.ipCounter.merge(dc + zone, 1, Integer::sum) + 10;
			String base = dc.equals("SH-PD") ? (zone.equals("core") ? "10.11." : "10.10.")
					: (zone.equals("core") ? "10.21." : "10.20.");
			Map<String, Object> attributes = new HashMap<>(Map.of("hostname", hostname, "host_type", type,
					"environment", env, "ip_address", base + (n / 250) + "." + (n % 250 + 1), "cpu_cores",
					type.equals("physical") ? 64 : 8, "memory_gb", type.equals("physical") ? 512 : 32, "disk_gb",
					type.equals("physical") ? 4800 : 200));
			if (type.equals("physical")) {
				attributes.put("serial_number", "SN" + (this.serial++));
				attributes.put("vendor", (this.hosts % 2 == 0) ? "华为" : "浪潮");
				attributes.put("model", (this.hosts % 2 == 0) ? "2288H V6" : "NF5280M6");
			}
			if (hypervisor != null) {
				attributes.put("hypervisor", hypervisor);
			}
			UUID host = ci("host", hostname, attributes);
			List<UUID> dcRacks = this.racks.get(dc);
			int cursor = this.rackCursor.merge(dc, 1, Integer::sum);
			relate(dcRacks.get(cursor % dcRacks.size()), "contains", host);
			List<UUID> dcSwitches = this.switches.get(dc);
			relate(host, "connects_to", dcSwitches.get(cursor % dcSwitches.size()));
			relate(host, "belongs_to", this.subnets.get(dc + "/" + zone));
			relate(host, "deployed_in", this.environments.get(env));
			boolean windows = hostname.contains("-hjzx") || hostname.contains("-oa");
			UUID os = ci("os", hostname + " OS",
					windows ? Map.of("os_type", "windows", "distribution", "Windows Server", "os_version", "2019")
							: Map.of("os_type", "linux", "distribution", (this.hosts % 3 == 0) ? "银河麒麟 Kylin" : "RHEL",
									"os_version", (this.hosts % 3 == 0) ? "V10 SP3" : "8.8", "kernel", "4.19"));
			relate(host, "contains", os);
			return host;
		}

	}

}
