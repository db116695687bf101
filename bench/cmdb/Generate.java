import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;

/**
 * Writes 100,000 CIs (one CSV per built-in model) and 300,000 relations (three CSVs of at
 * most 100,000 rows, as the import takes at most 200,000 per file) shaped like a securities
 * firm: business systems → applications → services, database and middleware instances →
 * hosts → racks → rooms → data centres, with switches, subnets and environments. Also a
 * host update file (10% of the hosts with a changed memory size). Deterministic (seed 42).
 *
 * java bench/cmdb/Generate.java <output dir>
 */
public class Generate {

	static final String[] SYSTEMS = { "集中交易", "融资融券", "网上交易", "移动终端交易", "估值核算", "份额登记", "投资交易", "第三方存管",
			"法人清算", "呼叫中心", "资管TA", "柜台系统", "行情系统", "风控系统", "反洗钱" };

	static final Random RANDOM = new Random(42);

	static final int DCS = 2, ROOMS = 8, RACKS = 1_200, SWITCHES = 2_000, SUBNETS = 1_235, HOSTS = 70_000,
			SYSTEMS_N = 50, APPS = 1_500, SERVICES = 8_000, DBS = 4_000, MWS = 12_000;

	public static void main(String[] args) throws IOException {
		Path dir = Path.of(args.length > 0 ? args[0] : "target/bench-cmdb");
		Files.createDirectories(dir.resolve("cis"));
		int cis = 0;
		cis += write(dir.resolve("cis/01-data_center.csv"), "name,dc_code,city,dc_role,tier", DCS,
				(i) -> i == 0 ? "上海主中心,DC-SH,上海,primary,T4" : "深圳灾备中心,DC-SZ,深圳,disaster_recovery,T3");
		cis += write(dir.resolve("cis/02-room.csv"), "name,room_code,floor,area_sqm", ROOMS,
				(i) -> "机房" + room(i) + "," + room(i) + "," + (i % 4 + 1) + "," + (300 + i * 10));
		cis += write(dir.resolve("cis/03-rack.csv"), "name,rack_code,row,units,power_kw", RACKS,
				(i) -> rack(i) + "," + rack(i) + "," + (char) ('A' + i % 20) + ",42," + (6 + i % 5));
		cis += write(dir.resolve("cis/04-network_device.csv"),
				"name,hostname,device_type,vendor,model,serial_number,management_ip", SWITCHES,
				(i) -> sw(i) + "," + sw(i) + "," + pick("switch", "switch", "switch", "router", "firewall", "load_balancer")
						+ "," + pick("华为", "H3C", "锐捷", "Cisco") + ",CE6881,NSN" + (100000 + i) + ",172.16." + (i / 250)
						+ "." + (i % 250 + 1));
		cis += write(dir.resolve("cis/05-ip_subnet.csv"), "name,cidr,gateway,vlan_id,zone,purpose", SUBNETS,
				(i) -> "10." + (i / 250 + 1) + "." + (i % 250) + ".0/24,10." + (i / 250 + 1) + "." + (i % 250)
						+ ".0/24,10." + (i / 250 + 1) + "." + (i % 250) + ".1," + (i % 4000 + 2) + ","
						+ pick("trading", "core", "dmz", "office", "management", "exchange_link") + ",业务网段");
		String[] envs = { "prod", "dr", "uat", "test", "dev" };
		cis += write(dir.resolve("cis/06-environment.csv"), "name,env_code,env_type", envs.length,
				(i) -> envs[i] + "," + envs[i] + "," + envs[i]);
		cis += write(dir.resolve("cis/07-host.csv"),
				"name,hostname,host_type,environment,ip_address,cpu_cores,memory_gb,disk_gb,vendor,model,serial_number,purchase_date,state",
				HOSTS, (i) -> host(i, 0));
		cis += write(dir.resolve("cis/08-business_system.csv"),
				"name,system_code,business_grade,rto_minutes,rpo_minutes,business_department,trading_hours_critical",
				SYSTEMS_N,
				(i) -> system(i) + ",BS_" + String.format("%03d", i) + "," + pick("A", "A", "B", "C", "D") + ","
						+ (15 + i % 4 * 15) + "," + (i % 3 * 5) + "," + pick("经纪业务部", "信用业务部", "资产管理部", "运营管理部") + ","
						+ (i % 2 == 0));
		cis += write(dir.resolve("cis/09-application.csv"), "name,app_code,vendor,language,tech_stack,deploy_mode",
				APPS, (i) -> "应用" + i + ",APP_" + String.format("%04d", i) + "," + pick("恒生", "金证", "顶点", "自研") + ","
						+ pick("java", "c++", "go", "python") + ",spring; kafka," + pick("vm", "container", "physical"));
		cis += write(dir.resolve("cis/10-service.csv"), "name,service_code,protocol,port", SERVICES,
				(i) -> "服务" + i + ",svc-" + String.format("%05d", i) + "," + pick("http", "https", "tcp", "fix", "grpc", "mq")
						+ "," + (8000 + i % 1000));
		cis += write(dir.resolve("cis/11-db_instance.csv"), "name,instance_name,db_type,port,ip_address,db_role,environment",
				DBS, (i) -> "db-" + i + ",db-" + String.format("%05d", i) + ","
						+ pick("oracle", "mysql", "postgresql", "oceanbase", "dameng") + ",1521,10.200." + (i / 250) + "."
						+ (i % 250 + 1) + "," + pick("primary", "standby") + "," + pick(envs));
		cis += write(dir.resolve("cis/12-middleware_instance.csv"), "name,instance_name,mw_type,port,environment", MWS,
				(i) -> "mw-" + i + ",mw-" + String.format("%05d", i) + ","
						+ pick("tomcat", "nginx", "kafka", "redis", "rocketmq", "tongweb") + "," + (6000 + i % 3000) + ","
						+ pick(envs));
		write(dir.resolve("host-update.csv"),
				"name,hostname,host_type,environment,ip_address,cpu_cores,memory_gb,disk_gb,vendor,model,serial_number,purchase_date,state",
				HOSTS / 10, (i) -> host(i * 10, 1));

		List<String> relations = new ArrayList<>();
		for (int i = 0; i < ROOMS; i++) {
			relations.add(rel("contains", "data_center", i < 4 ? "DC-SH" : "DC-SZ", "room", room(i)));
		}
		for (int i = 0; i < RACKS; i++) {
			relations.add(rel("contains", "room", room(i % ROOMS), "rack", rack(i)));
		}
		for (int i = 0; i < SWITCHES; i++) {
			relations.add(rel("contains", "rack", rack(i % RACKS), "network_device", sw(i)));
		}
		for (int i = 0; i < SUBNETS; i++) {
			relations.add(rel("contains", "data_center", i % 2 == 0 ? "DC-SH" : "DC-SZ", "ip_subnet", subnet(i)));
		}
		for (int i = 0; i < HOSTS; i++) {
			relations.add(rel("contains", "rack", rack(i % RACKS), "host", hostname(i)));
			relations.add(rel("connects_to", "host", hostname(i), "network_device", sw(i % SWITCHES)));
			relations.add(rel("belongs_to", "host", hostname(i), "ip_subnet", subnet(i % SUBNETS)));
		}
		for (int i = 0; i < APPS; i++) {
			relations.add(rel("contains", "business_system", "BS_" + String.format("%03d", i % SYSTEMS_N), "application",
					app(i)));
			for (int h : distinct(3, HOSTS)) {
				relations.add(rel("runs_on", "application", app(i), "host", hostname(h)));
			}
			for (int d : distinct(2, DBS)) {
				relations.add(rel("depends_on", "application", app(i), "db_instance", db(d)));
			}
			for (int m : distinct(8, MWS)) {
				relations.add(rel("depends_on", "application", app(i), "middleware_instance", mw(m)));
			}
			int other = (i + 1 + RANDOM.nextInt(APPS - 1)) % APPS;
			relations.add(rel("depends_on", "application", app(i), "application", app(other)));
		}
		for (int i = 0; i < SERVICES; i++) {
			relations.add(rel("contains", "application", app(i % APPS), "service", svc(i)));
			int other = (i + 1 + RANDOM.nextInt(SERVICES - 1)) % SERVICES;
			relations.add(rel("depends_on", "service", svc(i), "service", svc(other)));
		}
		for (int i = 0; i < DBS; i++) {
			relations.add(rel("runs_on", "db_instance", db(i), "host", hostname(RANDOM.nextInt(HOSTS))));
		}
		for (int i = 0; i < MWS; i++) {
			relations.add(rel("runs_on", "middleware_instance", mw(i), "host", hostname(RANDOM.nextInt(HOSTS))));
		}
		Set<String> systemLinks = new HashSet<>();
		while (systemLinks.size() < 100) {
			int a = RANDOM.nextInt(SYSTEMS_N);
			int b = RANDOM.nextInt(SYSTEMS_N);
			if (a != b && systemLinks.add(a + ">" + b)) {
				relations.add(rel("depends_on", "business_system", "BS_" + String.format("%03d", a), "business_system",
						"BS_" + String.format("%03d", b)));
			}
		}
		String[] envsByHost = { "prod", "prod", "dr", "uat", "test", "dev" };
		for (int i = 0; relations.size() < 300_000; i++) {
			relations.add(rel("deployed_in", "host", hostname(i), "environment", envsByHost[i % envsByHost.length]));
		}
		for (int f = 0; f < 3; f++) {
			List<String> part = relations.subList(f * 100_000, Math.min(relations.size(), (f + 1) * 100_000));
			write(dir.resolve("relations-" + (f + 1) + ".csv"), "type,source_model,source,target_model,target",
					part.size(), part::get);
		}
		System.out.println("generated " + cis + " CIs and " + relations.size() + " relations in " + dir);
	}

	interface Line {

		String of(int i);

	}

	static int write(Path file, String header, int n, Line line) throws IOException {
		try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
			out.write(header);
			out.write('\n');
			for (int i = 0; i < n; i++) {
				out.write(line.of(i));
				out.write('\n');
			}
		}
		return n;
	}

	static String host(int i, int change) {
		String site = (i % 2 == 0) ? "sh" : "sz";
		return hostname(i) + "," + hostname(i) + "," + ((i % 5 == 0) ? "physical" : "virtual") + ","
				+ new String[] { "prod", "prod", "dr", "uat", "test", "dev" }[i % 6] + ",10." + (100 + i / 65000) + "."
				+ (i / 250 % 256) + "." + (i % 250 + 1) + "," + (4 << (i % 4)) + "," + ((8 << (i % 5)) * (1 + change))
				+ "," + (100 * (1 + i % 20)) + "," + (new String[] { "华为", "浪潮", "曙光", "Dell", "HPE" }[i % 5]) + ",2288H,"
				+ site.toUpperCase() + String.format("%08d", i) + ",20" + (15 + i % 10) + "-0" + (1 + i % 9) + "-1"
				+ (i % 9) + "," + ((i % 50 == 0) ? "PLANNED" : "IN_USE");
	}

	static String hostname(int i) {
		return "h-" + ((i % 2 == 0) ? "sh" : "sz") + "-" + String.format("%06d", i);
	}

	static String room(int i) {
		return ((i < 4) ? "SH" : "SZ") + "-R" + (i % 4 + 1);
	}

	static String rack(int i) {
		return room(i % ROOMS) + "-K" + String.format("%04d", i);
	}

	static String sw(int i) {
		return "sw-" + String.format("%05d", i);
	}

	static String subnet(int i) {
		return "10." + (i / 250 + 1) + "." + (i % 250) + ".0/24";
	}

	static String system(int i) {
		return (i < SYSTEMS.length) ? SYSTEMS[i] : "业务系统" + i;
	}

	static String app(int i) {
		return "APP_" + String.format("%04d", i);
	}

	static String svc(int i) {
		return "svc-" + String.format("%05d", i);
	}

	static String db(int i) {
		return "db-" + String.format("%05d", i);
	}

	static String mw(int i) {
		return "mw-" + String.format("%05d", i);
	}

	static String rel(String type, String sourceModel, String source, String targetModel, String target) {
		return type + "," + sourceModel + "," + source + "," + targetModel + "," + target;
	}

	static Set<Integer> distinct(int n, int bound) {
		Set<Integer> picked = new LinkedHashSet<>();
		while (picked.size() < n) {
			picked.add(RANDOM.nextInt(bound));
		}
		return picked;
	}

	@SafeVarargs
	static <T> T pick(T... values) {
		return values[RANDOM.nextInt(values.length)];
	}

}
