package io.tianshu.maturity.framework;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import io.tianshu.maturity.Criterion;
import io.tianshu.maturity.Framework;
import io.tianshu.maturity.FrameworkNode;
import io.tianshu.maturity.Level;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import org.springframework.core.io.ClassPathResource;
import org.springframework.core.io.Resource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Checks the encoding of 001 (技术运营) against the document: 7 areas of 表1, the graded
 * tables 表2–表15 (表9 twice, as the document numbers them) with one graded item per table
 * column, levels 1–5 everywhere, "同上" resolved, and ids that never change.
 */
class Framework001StructureTests {

	private static final Pattern TABLE = Pattern.compile("表(\\d+)");

	private static Framework framework;

	@BeforeAll
	static void load() throws IOException {
		framework = FrameworkCatalog
			.load(new Resource[] { new ClassPathResource("maturity/frameworks/001-technical-operations.yaml") })
			.get(0);
	}

	@Test
	void isFramework001OnAFiveLevelScale() {
		assertThat(framework.id()).isEqualTo("001");
		assertThat(framework.scales()).singleElement().satisfies((scale) -> {
			assertThat(scale.id()).isEqualTo("operations");
			assertThat(scale.maxLevel()).isEqualTo(5);
		});
	}

	@Test
	void hasTheSevenAreasOfTable1() {
		assertThat(framework.nodes()).allSatisfy((area) -> assertThat(area.kind()).isEqualTo("area"));
		assertThat(framework.nodes()).extracting((area) -> area.name().zh())
			.containsExactly("监控管理", "事件与变更管理", "配置管理", "容量与成本管理", "高可用管理", "业务连续性管理", "用户体验管理");
		assertThat(framework.nodes()).extracting(FrameworkNode::id)
			.containsExactly("001.1", "001.2", "001.3", "001.4", "001.5", "001.6", "001.7");
	}

	@Test
	void hasTheSubAreasOfTable1EachWithItsTable() {
		Map<String, Integer> tableOf = new LinkedHashMap<>();
		for (FrameworkNode area : framework.nodes()) {
			for (FrameworkNode subarea : area.children()) {
				assertThat(subarea.kind()).isEqualTo("subarea");
				Matcher table = TABLE.matcher(subarea.clause());
				assertThat(table.find()).as(subarea.id() + " names its table").isTrue();
				tableOf.put(subarea.name().zh(), Integer.parseInt(table.group(1)));
			}
		}
		assertThat(tableOf).containsExactly(Map.entry("监控采集", 2), Map.entry("数据管理", 3), Map.entry("数据应用", 4),
				Map.entry("事件管理", 5), Map.entry("变更管理", 6), Map.entry("运营配置管理", 7), Map.entry("容量管理", 8),
				Map.entry("成本管理", 9), Map.entry("应用高可用管理", 9), Map.entry("数据高可用管理", 10), Map.entry("风险管理", 11),
				Map.entry("危机管理", 12), Map.entry("应急管理", 13), Map.entry("业务认知管理", 14), Map.entry("体验管理", 15));
	}

	@Test
	void everyTableFrom2To15IsGradedOnFiveLevelsPerColumn() {
		Map<Integer, List<String>> columns = new LinkedHashMap<>();
		for (FrameworkNode area : framework.nodes()) {
			for (FrameworkNode subarea : area.children()) {
				Matcher table = TABLE.matcher(subarea.clause());
				assertThat(table.find()).isTrue();
				assertThat(subarea.children()).as(subarea.id() + " has its table's columns").isNotEmpty();
				for (FrameworkNode column : subarea.children()) {
					assertThat(column.kind()).isEqualTo("item");
					assertThat(column.graded()).isTrue();
					assertThat(column.children()).isEmpty();
					assertThat(column.clause()).contains("表" + table.group(1));
					assertThat(column.levels()).extracting(Level::level).containsExactly(1, 2, 3, 4, 5);
					columns.computeIfAbsent(Integer.parseInt(table.group(1)), (n) -> new ArrayList<>())
						.add(column.name().zh());
				}
			}
		}
		assertThat(columns.keySet()).containsExactly(2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15);
		assertThat(columns.get(4)).containsExactly("告警与管控", "数据服务", "可视化管理");
		assertThat(columns.get(9)).containsExactly("成本合理性", "预算与核算", "弹性能力", "柔性能力", "运行与维护管理");
		assertThat(columns.get(11)).containsExactly("RTO 和 RPO 的衡量", "业务影响分析", "风险分析");
		assertThat(columns.values().stream().mapToInt(List::size).sum()).isEqualTo(35);
	}

	@Test
	void sameAsAboveIsResolvedAndNoCriterionIsEmpty() {
		for (FrameworkNode node : graded()) {
			for (Level level : node.levels()) {
				if (level.sameAs() != null) {
					assertThat(level.criteria()).as(node.id() + " L" + level.level() + " repeats a level").isEmpty();
					assertThat(level.sameAs()).isEqualTo(level.level() - 1);
				}
				else {
					assertThat(level.criteria()).as(node.id() + " L" + level.level()).isNotEmpty();
				}
			}
		}
		assertThat(framework.allCriteria()).isNotEmpty().allSatisfy((criterion) -> {
			assertThat(criterion.summary().zh()).isNotBlank().doesNotContain("同上");
			assertThat(criterion.summary().en()).isNotBlank();
			assertThat(criterion.clause()).isNotBlank().doesNotContain("同上");
		});
		// 表5 事件处理 writes 同上 for levels 4 and 5: they add nothing.
		FrameworkNode handling = node("001.2.1.2");
		assertThat(handling.levels().get(3).sameAs()).isEqualTo(3);
		assertThat(handling.levels().get(4).sameAs()).isEqualTo(4);
	}

	@Test
	void criterionIdsFollowNodeLevelPointAndClausesCiteTheLevel() {
		for (FrameworkNode node : graded()) {
			for (Level level : node.levels()) {
				for (Criterion criterion : level.criteria()) {
					assertThat(criterion.id()).isEqualTo(node.id() + ".L" + level.level() + "." + criterion.point());
					assertThat(criterion.clause()).startsWith("001 §" + node.id().substring(4) + " 表")
						.contains(" L" + level.level() + " ");
				}
			}
		}
	}

	@Test
	void concreteFiguresOfTheDocumentAreInTheSummaries() {
		assertThat(criterion("001.2.2.1.L3.3").summary().zh()).contains("95%");
		assertThat(criterion("001.2.2.1.L4.3").summary().zh()).contains("99.95%");
		assertThat(criterion("001.2.2.1.L4.3").summary().en()).contains("99.95%");
		assertThat(criterion("001.4.1.1.L3.5").summary().zh()).contains("80%").contains("20%");
		assertThat(criterion("001.4.1.1.L3.5").summary().en()).contains("80%").contains("20%");
		assertThat(criterion("001.6.1.1.L3.2").summary().en()).contains("99.95%");
		assertThat(criterion("001.6.1.1.L4.2").summary().en()).contains("99.99%");
		assertThat(criterion("001.6.1.1.L5.2").summary().en()).contains("99.999%");
		assertThat(criterion("001.6.3.3.L4.2").summary().zh()).contains("1 分钟").contains("5 分钟");
	}

	@Test
	void idsAreUniqueAndMatchTheGoldenList() throws IOException {
		List<String> ids = Stream
			.concat(framework.allNodes().stream().map(FrameworkNode::id),
					framework.allCriteria().stream().map(Criterion::id))
			.toList();
		Set<String> unique = new HashSet<>(ids);
		assertThat(unique).hasSameSizeAs(ids);
		assertThat(ids).containsExactlyElementsOf(golden("maturity/001-node-ids.txt"));
	}

	private static List<FrameworkNode> graded() {
		return framework.allNodes().stream().filter(FrameworkNode::graded).toList();
	}

	private static FrameworkNode node(String id) {
		return framework.allNodes().stream().filter((n) -> n.id().equals(id)).findFirst().orElseThrow();
	}

	private static Criterion criterion(String id) {
		return framework.allCriteria().stream().filter((c) -> c.id().equals(id)).findFirst().orElseThrow();
	}

	static List<String> golden(String path) throws IOException {
		try (InputStream in = new ClassPathResource(path).getInputStream()) {
			return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines()
				.map(String::strip)
				.filter((line) -> !line.isEmpty() && !line.startsWith("#"))
				.toList();
		}
	}

}
