package io.tianshu.maturity.framework;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

import io.tianshu.maturity.Criterion;
import io.tianshu.maturity.Framework;
import io.tianshu.maturity.FrameworkNode;
import io.tianshu.maturity.Level;
import io.tianshu.maturity.Scale;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import org.springframework.core.io.ClassPathResource;
import org.springframework.core.io.Resource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Checks the encoding of document 000 (运维自动化能力成熟度规范) against the document: the 4 classes,
 * 21 domains and 46 items of §5 表1 (and the 7/17 and 14/29 splits of §6.1 and §6.2),
 * every sub-item table with all levels of its scale, no empty criterion, unique ids, and
 * ids that stay stable (a golden list of node ids and spot checks of criteria that probes
 * and assessments refer to).
 *
 * <p>
 * Cells of the source text that end without their closing punctuation even after rows
 * split across page breaks were rejoined: 表25 L5 策略与规程 c) and 资源交付 e), 表27 L2 资源交付, 表35
 * L4 监控数据存储 d), 表48 L3 发现与采集 a); their meaning is complete enough to encode.
 */
class Framework000StructureTests {

	private static final String FILE = "maturity/frameworks/000-ops-automation.yaml";

	private static final List<String> CLASSES = List.of("安全与风险管理", "工具与平台建设", "组织管理", "过程管理");

	private static final List<String> DOMAINS = List.of("风险防范", "风险控制", "安全审计", "功能设计", "非功能设计", "安全设计及可控性", "组织管理",
			"入库管理", "上架管理", "基础资源交付", "平台资源交付", "云资源管理", "环境管理", "制品及物料管理", "数据管理", "部署与发布管理", "监控管理", "故障管理", "连续性管理",
			"调度与保障", "配置管理");

	private static final List<String> ITEMS = List.of("管理流程与规范", "风险控制策略", "研发管理", "运行管理", "应急管理", "外包风险管理", "安全合规审计",
			"功能设计", "可维护性", "可用性", "开放性", "安全设计", "安全可控性", "组织架构设计", "组织目标管理", "人才管理", "文化管理", "资产入库", "裸机交付", "计算资源交付",
			"存储资源交付", "网络资源交付", "中间件交付", "数据库交付", "多云与混合云管理", "环境管理", "制品及物料管理", "数据变更管理", "部署与发布模式", "部署流水线", "监控数据采集",
			"监控数据处理", "监控数据应用", "服务巡检", "故障发现", "故障定位", "故障处置", "备份恢复", "应急演练", "容灾切换", "流程自动化", "资源调度", "性能容量管理",
			"资源模型管理", "资源数据管理", "资源数据运营");

	private static Framework framework;

	@BeforeAll
	static void load() throws IOException {
		List<Framework> loaded = FrameworkCatalog.load(new Resource[] { new ClassPathResource(FILE) });
		assertThat(loaded).hasSize(1);
		framework = loaded.get(0);
	}

	private static List<FrameworkNode> ofKind(String kind) {
		return framework.allNodes().stream().filter((n) -> n.kind().equals(kind)).toList();
	}

	private static List<String> names(List<FrameworkNode> nodes) {
		return nodes.stream().map((n) -> n.name().zh()).toList();
	}

	private static long countOfKindUnder(FrameworkNode node, String kind) {
		return node.children()
			.stream()
			.mapToLong((c) -> (c.kind().equals(kind) ? 1 : 0) + countOfKindUnder(c, kind))
			.sum();
	}

	@Test
	void theFrameworkIsDocument000WithItsTwoScales() {
		assertThat(framework.id()).isEqualTo("000");
		assertThat(framework.version()).isNotBlank();
		assertThat(framework.title().zh()).isEqualTo("证券投资基金经营机构运维自动化能力成熟度规范");
		assertThat(framework.scales()).extracting(Scale::id).containsExactly("management", "application");
		assertThat(framework.scale("management").orElseThrow().levels()).extracting((l) -> l.name().zh())
			.containsExactly("基础级", "全面级", "持续优化级");
		assertThat(framework.scale("application").orElseThrow().levels()).extracting((l) -> l.name().zh())
			.containsExactly("初始级（脚本化运维）", "基础级（工具化运维）", "先进级（流程工具化运维）", "领先级（场景平台化运维）", "顶尖级（智能化运维）");
		assertThat(framework.scales()).flatExtracting(Scale::levels)
			.allSatisfy((l) -> assertThat(l.description().zh()).isNotBlank());
	}

	@Test
	void theTreeHasTheClassesDomainsAndItemsOfTable1() {
		assertThat(framework.nodes()).extracting(FrameworkNode::kind).containsOnly("class");
		assertThat(names(framework.nodes())).containsExactlyElementsOf(CLASSES);
		assertThat(names(ofKind("domain"))).containsExactlyElementsOf(DOMAINS);
		assertThat(names(ofKind("item"))).containsExactlyElementsOf(ITEMS);
		// §6.1: classes 1–3 hold 7 domains and 17 items; §6.2: class 4 holds 14 and 29
		assertThat(framework.nodes()).extracting((c) -> countOfKindUnder(c, "domain")).containsExactly(3L, 3L, 1L, 14L);
		assertThat(framework.nodes()).extracting((c) -> countOfKindUnder(c, "item")).containsExactly(7L, 6L, 4L, 29L);
		assertThat(framework.nodes()).extracting(FrameworkNode::scale)
			.containsExactly("management", "management", "management", "application");
		for (FrameworkNode domain : ofKind("domain")) {
			assertThat(domain.children()).as(domain.id())
				.isNotEmpty()
				.extracting(FrameworkNode::kind)
				.containsOnly("item");
		}
	}

	@Test
	void everyItemIsGradedThroughTheSubItemColumnsOfItsTable() {
		assertThat(ofKind("subitem")).hasSize(150);
		for (FrameworkNode item : ofKind("item")) {
			assertThat(item.graded()).as(item.id()).isFalse();
			assertThat(item.children()).as(item.id()).isNotEmpty().allSatisfy((s) -> {
				assertThat(s.kind()).isEqualTo("subitem");
				assertThat(s.graded()).as(s.id()).isTrue();
				assertThat(s.children()).isEmpty();
			});
			String table = item.clause().substring(item.clause().indexOf('表'));
			assertThat(item.children()).allSatisfy((s) -> assertThat(s.clause()).contains(table));
		}
	}

	@Test
	void everyGradedNodeHasAllLevelsOfItsScale() {
		for (FrameworkNode top : framework.nodes()) {
			int max = framework.scale(top.scale()).orElseThrow().maxLevel();
			for (FrameworkNode node : descendants(top)) {
				if (!node.graded()) {
					continue;
				}
				assertThat(node.scale()).as(node.id()).isNull();
				assertThat(node.levels()).as(node.id()).extracting(Level::level).containsExactly(range(max));
				Level first = node.levels().get(0);
				assertThat(first.criteria()).as(node.id() + " level 1").isNotEmpty();
				for (Level level : node.levels()) {
					if (level.criteria().isEmpty()) {
						assertThat(level.sameAs()).as(node.id() + " L" + level.level()).isEqualTo(level.level() - 1);
					}
					else {
						assertThat(level.sameAs()).as(node.id() + " L" + level.level()).isNull();
					}
				}
			}
		}
	}

	@Test
	void noCriterionIsEmptyAndEachNamesItsClause() {
		for (FrameworkNode node : framework.allNodes()) {
			for (Level level : node.levels()) {
				for (Criterion c : level.criteria()) {
					assertThat(c.id()).isEqualTo(node.id() + ".L" + level.level() + "." + c.point());
					assertThat(c.point()).matches("[a-i]|1");
					assertThat(c.clause()).as(c.id()).startsWith("000 §").contains("表").contains(" L" + level.level());
					assertThat(c.summary().zh()).as(c.id()).isNotBlank().isNotEqualTo(c.summary().en());
					assertThat(c.summary().en()).as(c.id()).isNotBlank().matches("[A-Z].*[.]");
					assertThat(c.summary().zh()).as(c.id()).doesNotContain("|");
				}
			}
		}
		assertThat(framework.allCriteria()).hasSizeGreaterThan(1000);
	}

	@Test
	void idsAreUnique() {
		Set<String> ids = new HashSet<>();
		framework.allNodes().forEach((n) -> assertThat(ids.add(n.id())).as(n.id()).isTrue());
		framework.allCriteria().forEach((c) -> assertThat(ids.add(c.id())).as(c.id()).isTrue());
	}

	@Test
	void nodeIdsMatchTheGoldenList() throws IOException {
		List<String> golden;
		try (InputStream in = new ClassPathResource("maturity/000-node-ids.txt").getInputStream()) {
			golden = new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().filter((l) -> !l.isBlank()).toList();
		}
		assertThat(framework.allNodes()).extracting(FrameworkNode::id).containsExactlyElementsOf(golden);
	}

	@Test
	void criteriaThatProbesReferToKeepTheirIds() {
		Map<String, Criterion> criteria = framework.allCriteria()
			.stream()
			.collect(Collectors.toMap(Criterion::id, Function.identity()));
		// §7.2.1.3 操作管控管理: judging, warning and blocking ill-timed operations
		assertThat(criteria.get("000.7.2.1.3.L2.c").clause()).isEqualTo("000 §7.2.1.3 表5 L2 c)");
		assertThat(criteria.get("000.7.2.1.3.L2.c").summary().zh()).contains("阻断");
		// §7.2.1.2 角色权限管理: mutually exclusive roles held by different people
		assertThat(criteria.get("000.7.2.1.2.L1.a").summary().zh()).contains("互斥");
		// §8.3.1.1 认证与授权: two or more authentication factors
		assertThat(criteria.get("000.8.3.1.1.L2.c").clause()).isEqualTo("000 §8.3.1.1 表15 L2 c)");
		assertThat(criteria.get("000.8.3.1.1.L2.c").summary().en()).contains("two or more");
		// §8.3.1.4 行为审计: security events recorded, searchable and alerting
		assertThat(criteria.get("000.8.3.1.4.L1.1").clause()).isEqualTo("000 §8.3.1.4 表15 L1");
		assertThat(criteria).containsKeys("000.8.3.1.4.L2.a", "000.8.3.1.4.L2.b", "000.8.3.1.4.L3.c");
		// §7.3.1.3 留痕管理: record keeping with retention periods, online from level 2
		assertThat(criteria).containsKeys("000.7.3.1.3.L1.a", "000.7.3.1.3.L1.b", "000.7.3.1.3.L1.c",
				"000.7.3.1.3.L2.d", "000.7.3.1.3.L3.e");
		// §8.2.3.1 开放 API; §10.14.1 models versioned and moved between environments;
		// §10.10.3.2 告警与管控 grading, convergence and alert-storm control
		assertThat(criteria).containsKeys("000.8.2.3.1.L1.1", "000.8.2.3.1.L2.b", "000.10.14.1.1.L3.a",
				"000.10.14.1.3.L3.c", "000.10.14.1.3.L4.e", "000.10.10.3.2.L3.c", "000.10.10.3.2.L4.f");
		assertThat(criteria.get("000.10.10.3.2.L4.f").clause()).isEqualTo("000 §10.10.3.2 表36 L4 f)");
		// a point repeated by a higher level is kept once, at the lowest level
		assertThat(criteria).doesNotContainKeys("000.7.2.1.3.L2.a", "000.7.2.1.3.L3.c");
	}

	@Test
	void misnumberedSubItemsUseTheLogicalIdAndKeepThePrintedClause() {
		Map<String, FrameworkNode> nodes = framework.allNodes()
			.stream()
			.collect(Collectors.toMap(FrameworkNode::id, Function.identity()));
		assertThat(nodes.get("000.8.2.2.1").name().zh()).isEqualTo("架构高可用");
		assertThat(nodes.get("000.8.2.2.1").clause()).startsWith("000 §8.2.1.1 表13");
		assertThat(nodes.get("000.10.2.1.2").name().zh()).isEqualTo("安装部署");
		assertThat(nodes.get("000.10.2.1.2").clause()).startsWith("000 §10.2.2.2 表22");
		assertThat(nodes.get("000.9.2").kind()).isEqualTo("item");
		assertThat(nodes.get("000.9.2").name().zh()).isEqualTo("人才管理");
	}

	private static List<FrameworkNode> descendants(FrameworkNode node) {
		return node.children()
			.stream()
			.flatMap((c) -> java.util.stream.Stream.concat(java.util.stream.Stream.of(c), descendants(c).stream()))
			.toList();
	}

	private static Integer[] range(int max) {
		Integer[] levels = new Integer[max];
		for (int i = 0; i < max; i++) {
			levels[i] = i + 1;
		}
		return levels;
	}

}
