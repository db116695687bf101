package io.tianshu.maturity.framework;

import java.io.IOException;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

import io.tianshu.maturity.Criterion;
import io.tianshu.maturity.Framework;
import io.tianshu.maturity.FrameworkNode;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import org.springframework.core.io.ClassPathResource;
import org.springframework.core.io.Resource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Checks the encoding of 003 (IT 运维服务规范): the six capability dimensions of §6.1, graded
 * on the single level the document allows, and the quality indicators of §5.5.2 as
 * ungraded nodes with a definition each.
 */
class Framework003StructureTests {

	private static Framework framework;

	@BeforeAll
	static void load() throws IOException {
		framework = FrameworkCatalog
			.load(new Resource[] { new ClassPathResource("maturity/frameworks/003-it-service.yaml") })
			.get(0);
	}

	@Test
	void hasTheSixDimensionsOfSection61() {
		List<FrameworkNode> dimensions = ofKind("dimension");
		assertThat(dimensions).extracting((d) -> d.name().zh())
			.containsExactly("资产管理能力", "监控管理能力", "安全管理能力", "流程管理能力", "综合管理能力", "外包管理能力");
		assertThat(dimensions).extracting(FrameworkNode::id)
			.containsExactly("003.6.1.1", "003.6.1.2", "003.6.1.3", "003.6.1.4", "003.6.1.5", "003.6.1.6");
		assertThat(framework.scale("capability"))
			.hasValueSatisfying((scale) -> assertThat(scale.maxLevel()).isEqualTo(1));
		assertThat(dimensions).allSatisfy((dimension) -> {
			assertThat(dimension.graded()).isTrue();
			assertThat(dimension.levels()).singleElement()
				.satisfies((level) -> assertThat(level.criteria()).isNotEmpty()
					.allSatisfy((criterion) -> assertThat(criterion.clause()).startsWith("003 §6.1(")));
		});
	}

	@Test
	void groupsTheDimensionsIntoSupportAndManagementCapability() {
		FrameworkNode maturity = framework.nodes().get(0);
		assertThat(maturity.children()).extracting((group) -> group.name().zh())
			.containsExactly("IT 运维服务支撑能力", "IT 运维服务管理能力");
		assertThat(maturity.children().get(0).children()).extracting(FrameworkNode::id)
			.containsExactly("003.6.1.1", "003.6.1.2", "003.6.1.3");
		assertThat(maturity.children().get(1).children()).extracting(FrameworkNode::id)
			.containsExactly("003.6.1.4", "003.6.1.5", "003.6.1.6");
	}

	@Test
	void hasTheQualityIndicatorsOfSection552ByName() {
		FrameworkNode indicators = framework.nodes().get(1);
		assertThat(indicators.kind()).isEqualTo("indicators");
		assertThat(indicators.clause()).isEqualTo("003 §5.5.2");
		List<FrameworkNode> all = ofKind("indicator");
		assertThat(all).extracting((i) -> i.name().zh())
			.containsExactly("异常报告及时率", "异常漏报率", "维护作业计划的及时完成率", "故障隐患发现率", "异常主动发现率", "故障服务请求及时满足率", "业务服务请求及时满足率",
					"问题解决率", "服务响应及时率", "到达现场及时率", "故障修复及时率", "漏洞扫描覆盖率", "安全报告呈报及时率", "安全漏洞遗漏数量", "安全漏洞遗漏率", "加固设备覆盖率",
					"安全补丁安装及时率", "安全事件次数", "平均响应时间", "问题解决比率", "检索成功率", "响应及时率", "平均响应时间", "问题解决比率");
		assertThat(all).allSatisfy((indicator) -> {
			assertThat(indicator.id()).startsWith("003.5.5.2.");
			assertThat(indicator.graded()).isFalse();
			assertThat(indicator.children()).isEmpty();
			assertThat(indicator.description()).isNotNull();
			assertThat(indicator.description().zh()).isNotBlank();
			assertThat(indicator.description().en()).isNotBlank();
		});
		// Rates and mean times carry a formula; the two counts say what is counted.
		assertThat(all).filteredOn((i) -> i.name().zh().endsWith("率"))
			.hasSize(20)
			.allSatisfy((rate) -> assertThat(rate.description().zh()).contains("÷").contains("100%"));
		assertThat(all).filteredOn((i) -> i.name().zh().equals("平均响应时间"))
			.hasSize(2)
			.allSatisfy((time) -> assertThat(time.description().zh()).contains("÷"));
		assertThat(all).filteredOn((i) -> i.name().zh().endsWith("数量") || i.name().zh().endsWith("次数"))
			.hasSize(2)
			.allSatisfy((count) -> assertThat(count.description().zh()).contains("数"));
		assertThat(ofKind("indicators")).allSatisfy((group) -> assertThat(group.children()).isNotEmpty());
	}

	@Test
	void criteriaHaveIdsClausesAndBothLanguages() {
		assertThat(framework.allCriteria()).hasSize(13).allSatisfy((criterion) -> {
			assertThat(criterion.id()).matches("003\\.6\\.1\\.[1-6]\\.L1\\.\\d+").endsWith("." + criterion.point());
			assertThat(criterion.clause()).contains(" L1 [" + criterion.point() + "]");
			assertThat(criterion.summary().zh()).isNotBlank();
			assertThat(criterion.summary().en()).isNotBlank();
		});
	}

	@Test
	void idsAreUniqueAndMatchTheGoldenList() throws IOException {
		List<String> ids = Stream
			.concat(framework.allNodes().stream().map(FrameworkNode::id),
					framework.allCriteria().stream().map(Criterion::id))
			.toList();
		Set<String> unique = new HashSet<>(ids);
		assertThat(unique).hasSameSizeAs(ids);
		assertThat(ids).containsExactlyElementsOf(Framework001StructureTests.golden("maturity/003-node-ids.txt"));
	}

	@Test
	void loadsTogetherWith001WithoutIdClashes() throws IOException {
		List<Framework> both = FrameworkCatalog
			.load(new Resource[] { new ClassPathResource("maturity/frameworks/003-it-service.yaml"),
					new ClassPathResource("maturity/frameworks/001-technical-operations.yaml") });
		assertThat(both).extracting(Framework::id).containsExactly("001", "003");
	}

	private static List<FrameworkNode> ofKind(String kind) {
		return framework.allNodes().stream().filter((n) -> kind.equals(n.kind())).toList();
	}

}
