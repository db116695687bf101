package io.tianshu.cmdb.model;

import java.util.List;

import io.tianshu.cmdb.AttributeDefinition;
import io.tianshu.cmdb.Cardinality;
import io.tianshu.cmdb.DeleteBehaviour;
import io.tianshu.cmdb.IdentificationRule;
import io.tianshu.cmdb.ModelDraft;
import io.tianshu.cmdb.ModelGroup;
import io.tianshu.cmdb.RelationDefinition;
import io.tianshu.cmdb.RelationType;
import io.tianshu.platform.Authorization;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import static io.tianshu.cmdb.AttributeDefinition.of;
import static io.tianshu.cmdb.AttributeType.BOOL;
import static io.tianshu.cmdb.AttributeType.CIDR;
import static io.tianshu.cmdb.AttributeType.DATE;
import static io.tianshu.cmdb.AttributeType.DECIMAL;
import static io.tianshu.cmdb.AttributeType.ENUM;
import static io.tianshu.cmdb.AttributeType.INT;
import static io.tianshu.cmdb.AttributeType.IP;
import static io.tianshu.cmdb.AttributeType.LIST;
import static io.tianshu.cmdb.AttributeType.STRING;
import static io.tianshu.cmdb.AttributeType.TEXT;
import static io.tianshu.cmdb.AttributeType.URL;

/**
 * The built-in model groups, models, relation types and relation definitions of a
 * securities or fund company, written at every start before demo data (reference data,
 * not demo data). Idempotent: what exists is left alone, so an administrator's changes to
 * a built-in model survive restarts; only missing pieces are added (as the system actor,
 * audited and versioned like any change).
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 40)
class BuiltInModels implements ApplicationRunner {

	private static final Logger log = LoggerFactory.getLogger(BuiltInModels.class);

	static final List<ModelGroup> GROUPS = List.of(new ModelGroup("business", "业务", "Business", 10),
			new ModelGroup("application", "应用", "Application", 20), new ModelGroup("paas", "平台服务", "PaaS", 30),
			new ModelGroup("iaas", "基础设施", "IaaS", 40), new ModelGroup("facility", "机房设施", "Facility", 50));

	private static final List<String> ENVIRONMENTS = List.of("prod", "dr", "uat", "test", "dev");

	static final List<ModelDraft> MODELS = List.of(
			model("data_center", "数据中心", "Data centre", "facility", List.of(
					of("dc_code", "数据中心编码", STRING).asRequired().asUnique().withRegex("[A-Z0-9][A-Z0-9-]{1,31}"),
					of("city", "城市", STRING).asRecommended(), of("address", "地址", STRING),
					of("dc_role", "角色", ENUM).asRecommended()
						.withEnum(List.of("primary", "disaster_recovery", "backup"))
						.withHelp("primary 主中心 / disaster_recovery 灾备中心 / backup 备份中心"),
					of("tier", "等级", ENUM).withEnum(List.of("T1", "T2", "T3", "T4")), of("operator", "运营商", STRING)),
					rule("dc_code")),
			model("room", "机房", "Machine room", "facility",
					List.of(of("room_code", "机房编码", STRING).asRequired().asUnique(),
							of("floor", "楼层", INT).asRecommended().withRange(-5, 200),
							of("area_sqm", "面积(平方米)", DECIMAL).withRange(0, null)),
					rule("room_code")),
			model("rack", "机柜", "Rack", "facility", List.of(of("rack_code", "机柜编码", STRING).asRequired().asUnique(),
					of("row", "列", STRING).asRecommended(), of("units", "U 数", INT).withRange(1, 60).withDefault(42),
					of("power_kw", "额定功率(kW)", DECIMAL).withRange(0, 100)), rule("rack_code")),
			model("network_device", "网络设备", "Network device", "iaas",
					List.of(of("hostname", "设备名", STRING).asRequired(),
							of("device_type", "设备类型", ENUM).asRequired()
								.withEnum(List.of("switch", "router", "firewall", "load_balancer", "wan_optimizer")),
							of("vendor", "厂商", STRING).inGroup("资产").asRecommended(),
							of("model", "型号", STRING).inGroup("资产"),
							of("serial_number", "序列号", STRING).inGroup("资产").asRecommended(),
							of("management_ip", "管理 IP", IP).inGroup("网络").asRecommended(),
							of("firmware", "固件版本", STRING)),
					rule("hostname"), rule("serial_number")),
			model("host", "主机", "Host", "iaas", List.of(
					of("hostname", "主机名", STRING).asRequired().withRegex("[A-Za-z0-9][A-Za-z0-9.-]*").withRange(1, 253),
					of("host_type", "主机类型", ENUM).asRequired()
						.withEnum(List.of("physical", "virtual"))
						.withDefault("virtual")
						.withHelp("physical 物理机 / virtual 虚拟机"),
					of("environment", "环境", ENUM).withEnum(ENVIRONMENTS).asRecommended(),
					of("ip_address", "IP 地址", IP).inGroup("网络").asRecommended(),
					of("management_ip", "带外管理 IP", IP).inGroup("网络"),
					of("cpu_cores", "CPU 核数", INT).withRange(1, 1024).inGroup("配置").asRecommended(),
					of("memory_gb", "内存(GB)", INT).withRange(1, 65536).inGroup("配置").asRecommended(),
					of("disk_gb", "磁盘(GB)", INT).withRange(0, 10_000_000).inGroup("配置"),
					of("vendor", "厂商", STRING).inGroup("资产"), of("model", "型号", STRING).inGroup("资产"),
					of("serial_number", "序列号", STRING).inGroup("资产"),
					of("hypervisor", "虚拟化平台", STRING).withHelp("for virtual hosts: VMware, KVM, SmartX ..."),
					of("purchase_date", "采购日期", DATE).inGroup("资产"), of("warranty_end", "维保到期", DATE).inGroup("资产")),
					rule("hostname"), rule("serial_number")),
			model("os", "操作系统", "Operating system", "iaas",
					List.of(of("os_type", "类型", ENUM).asRequired().withEnum(List.of("linux", "windows", "aix", "unix")),
							of("distribution", "发行版", STRING).asRecommended()
								.withHelp("RHEL, 麒麟 Kylin, 统信 UOS, Windows Server ..."),
							of("os_version", "版本", STRING).asRequired(), of("kernel", "内核", STRING),
							of("end_of_support", "停止支持日期", DATE))),
			model("db_instance", "数据库实例", "Database instance", "paas",
					List.of(of("instance_name", "实例名", STRING).asRequired(),
							of("db_type", "数据库类型", ENUM).asRequired()
								.withEnum(List.of("oracle", "mysql", "postgresql", "sqlserver", "db2", "oceanbase",
										"dameng", "tidb", "gaussdb")),
							of("db_version", "版本", STRING).asRecommended(),
							of("port", "端口", INT).withRange(1, 65535).asRecommended(),
							of("ip_address", "服务 IP", IP).asRecommended(),
							of("db_role", "角色", ENUM).withEnum(List.of("primary", "standby", "single"))
								.withDefault("single"),
							of("environment", "环境", ENUM).withEnum(ENVIRONMENTS)),
					rule("instance_name")),
			model("middleware_instance", "中间件实例", "Middleware instance", "paas",
					List.of(of("instance_name", "实例名", STRING).asRequired(),
							of("mw_type", "中间件类型", ENUM).asRequired()
								.withEnum(List.of("tomcat", "weblogic", "tongweb", "nginx", "kafka", "rocketmq",
										"rabbitmq", "redis", "zookeeper", "elasticsearch")),
							of("mw_version", "版本", STRING).asRecommended(),
							of("port", "端口", INT).withRange(1, 65535).asRecommended(),
							of("ip_address", "服务 IP", IP).asRecommended(),
							of("environment", "环境", ENUM).withEnum(ENVIRONMENTS).asRecommended()),
					rule("instance_name")),
			model("application", "应用", "Application", "application",
					List.of(of("app_code", "应用编码", STRING).asRequired().asUnique().withRegex("[A-Z][A-Z0-9_]{1,39}"),
							of("vendor", "开发商", STRING).withHelp("恒生 Hundsun, 金证 Kingdom, 顶点 Apex, in-house ..."),
							of("language", "开发语言", STRING).asRecommended(), of("repository_url", "代码仓库", URL),
							of("tech_stack", "技术栈", LIST),
							of("deploy_mode", "部署方式", ENUM)
								.withEnum(List.of("vm", "container", "physical"))
								.asRecommended(),
							of("description", "说明", TEXT)),
					rule("app_code")),
			model("service", "服务", "Service", "application", List.of(
					of("service_code", "服务编码", STRING).asRequired().asUnique(),
					of("protocol", "协议", ENUM).withEnum(List.of("http", "https", "tcp", "fix", "step", "grpc", "mq"))
						.asRecommended(),
					of("port", "端口", INT).withRange(1, 65535), of("endpoint_url", "访问地址", URL)), rule("service_code")),
			model("business_system", "业务系统", "Business system", "business",
					List.of(of("system_code", "系统编码", STRING).asRequired().asUnique().withRegex("[A-Z][A-Z0-9_]{1,39}"),
							of("business_grade", "业务等级", ENUM).asRequired()
								.withEnum(List.of("A", "B", "C", "D"))
								.withHelp("A 核心交易 / B 重要 / C 一般 / D 内部支持")
								.inGroup("连续性"),
							of("rto_minutes", "RTO(分钟)", INT).asRequired().withRange(0, 10080).inGroup("连续性"),
							of("rpo_minutes", "RPO(分钟)", INT).asRequired().withRange(0, 10080).inGroup("连续性"),
							of("business_department", "业务部门", STRING).asRecommended(),
							of("business_owner", "业务负责人", STRING).asRecommended(),
							of("regulatory_reporting", "涉及监管报送", BOOL).withDefault(false),
							of("trading_hours_critical", "交易时段关键", BOOL).withDefault(false),
							of("launch_date", "上线日期", DATE), of("description", "说明", TEXT)),
					rule("system_code")),
			model("environment", "环境", "Environment", "application",
					List.of(of("env_code", "环境编码", STRING).asRequired().asUnique().withRegex("[a-z][a-z0-9-]{1,31}"),
							of("env_type", "环境类型", ENUM).asRequired().withEnum(ENVIRONMENTS)),
					rule("env_code")),
			model("ip_subnet", "IP子网", "IP subnet", "iaas",
					List.of(of("cidr", "网段", CIDR).asRequired().asUnique(), of("gateway", "网关", IP).asRecommended(),
							of("vlan_id", "VLAN", INT).withRange(1, 4094),
							of("zone", "安全区域", ENUM)
								.withEnum(List.of("trading", "core", "dmz", "office", "management", "exchange_link"))
								.withHelp("trading 交易区 / core 核心区 / dmz 互联网区 / exchange_link 交易所专线"),
							of("purpose", "用途", STRING)),
					rule("cidr")));

	static final List<RelationType> RELATION_TYPES = List.of(new RelationType("runs_on", "运行于", "运行着", false, true),
			new RelationType("depends_on", "依赖", "被依赖", false, true),
			new RelationType("contains", "包含", "属于", true, true),
			new RelationType("connects_to", "连接到", "被连接", false, true),
			new RelationType("belongs_to", "属于", "拥有", false, true),
			new RelationType("deployed_in", "部署于", "部署着", false, true));

	static final List<RelationDefinition> DEFINITIONS = List.of(
			def("data_center", "contains", "room", Cardinality.ONE_TO_MANY, DeleteBehaviour.BLOCK),
			def("room", "contains", "rack", Cardinality.ONE_TO_MANY, DeleteBehaviour.BLOCK),
			def("rack", "contains", "host", Cardinality.ONE_TO_MANY, DeleteBehaviour.BLOCK),
			def("rack", "contains", "network_device", Cardinality.ONE_TO_MANY, DeleteBehaviour.BLOCK),
			def("data_center", "contains", "ip_subnet", Cardinality.ONE_TO_MANY, DeleteBehaviour.BLOCK),
			def("host", "contains", "os", Cardinality.ONE_TO_ONE, DeleteBehaviour.CASCADE),
			def("host", "belongs_to", "ip_subnet", Cardinality.MANY_TO_MANY, DeleteBehaviour.DETACH),
			def("host", "connects_to", "network_device", Cardinality.MANY_TO_MANY, DeleteBehaviour.DETACH),
			def("network_device", "connects_to", "network_device", Cardinality.MANY_TO_MANY, DeleteBehaviour.DETACH),
			def("host", "deployed_in", "environment", Cardinality.MANY_TO_MANY, DeleteBehaviour.DETACH),
			def("db_instance", "runs_on", "host", Cardinality.MANY_TO_MANY, DeleteBehaviour.DETACH),
			def("middleware_instance", "runs_on", "host", Cardinality.MANY_TO_MANY, DeleteBehaviour.DETACH),
			def("application", "runs_on", "host", Cardinality.MANY_TO_MANY, DeleteBehaviour.DETACH),
			def("application", "depends_on", "db_instance", Cardinality.MANY_TO_MANY, DeleteBehaviour.DETACH),
			def("application", "depends_on", "middleware_instance", Cardinality.MANY_TO_MANY, DeleteBehaviour.DETACH),
			def("application", "depends_on", "application", Cardinality.MANY_TO_MANY, DeleteBehaviour.DETACH),
			def("application", "contains", "service", Cardinality.ONE_TO_MANY, DeleteBehaviour.CASCADE),
			def("application", "deployed_in", "environment", Cardinality.MANY_TO_MANY, DeleteBehaviour.DETACH),
			def("service", "depends_on", "service", Cardinality.MANY_TO_MANY, DeleteBehaviour.DETACH),
			def("business_system", "contains", "application", Cardinality.ONE_TO_MANY, DeleteBehaviour.BLOCK),
			def("business_system", "depends_on", "business_system", Cardinality.MANY_TO_MANY, DeleteBehaviour.DETACH));

	private final ModelCatalog catalog;

	private final JdbcClient jdbc;

	private final TransactionTemplate tx;

	private final Authorization authorization;

	BuiltInModels(ModelCatalog catalog, JdbcClient jdbc, TransactionTemplate tx, Authorization authorization) {
		this.catalog = catalog;
		this.jdbc = jdbc;
		this.tx = tx;
		this.authorization = authorization;
	}

	@Override
	public void run(ApplicationArguments args) {
		int added = this.authorization.runAsSystem(() -> this.tx.execute((status) -> write()));
		if (added > 0) {
			log.info("CMDB: {} built-in model(s), group(s), relation type(s) or definition(s) added", added);
		}
	}

	private int write() {
		// one writer at a time when two nodes start together
		this.jdbc.sql("SELECT pg_advisory_xact_lock(hashtext('cmdb.built-in-models'))").query(Object.class).single();
		int added = 0;
		for (ModelGroup group : GROUPS) {
			if (count("SELECT count(*) FROM cmdb.model_group WHERE code = ?", group.code()) == 0) {
				this.catalog.createGroup(group);
				added++;
			}
		}
		for (ModelDraft model : MODELS) {
			if (this.catalog.find(model.code()).isEmpty()) {
				this.catalog.create(model, true);
				added++;
			}
		}
		for (RelationType type : RELATION_TYPES) {
			if (this.catalog.findRelationType(type.code()).isEmpty()) {
				this.catalog.createRelationType(type, true);
				added++;
			}
		}
		for (RelationDefinition definition : DEFINITIONS) {
			if (this.catalog.findDefinition(definition.sourceModel(), definition.targetModel(), definition.type())
				.isEmpty()) {
				this.catalog.defineRelation(definition);
				added++;
			}
		}
		return added;
	}

	private int count(String sql, Object param) {
		return this.jdbc.sql(sql).param(param).query(Integer.class).single();
	}

	private static ModelDraft model(String code, String name, String nameEn, String group,
			List<AttributeDefinition> attributes, IdentificationRule... rules) {
		return new ModelDraft(code, name, nameEn, group, null, null, attributes, List.of(rules));
	}

	private static IdentificationRule rule(String... attributes) {
		return new IdentificationRule(String.join("+", attributes), List.of(attributes));
	}

	private static RelationDefinition def(String source, String type, String target, Cardinality cardinality,
			DeleteBehaviour behaviour) {
		return new RelationDefinition(null, source, target, type, cardinality, behaviour);
	}

}
