package io.tianshu.cmdb.model;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.tianshu.cmdb.AttributeDefinition;
import io.tianshu.cmdb.AttributeType;
import io.tianshu.platform.FieldViolation;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class AttributeValuesTests {

	private static Object check(AttributeDefinition attribute, Object value, List<FieldViolation> violations) {
		return AttributeValues.check(attribute, value, "attributes." + attribute.code(), violations);
	}

	private static List<String> codes(AttributeDefinition attribute, Object value) {
		List<FieldViolation> violations = new ArrayList<>();
		check(attribute, value, violations);
		return violations.stream().map(FieldViolation::code).toList();
	}

	@Test
	void typesAreStrict() {
		assertThat(codes(AttributeDefinition.of("n", "n", AttributeType.INT), "8"))
			.containsExactly("cmdb.ci.attribute.type");
		assertThat(codes(AttributeDefinition.of("n", "n", AttributeType.INT), new BigDecimal("1.5")))
			.containsExactly("cmdb.ci.attribute.type");
		assertThat(codes(AttributeDefinition.of("b", "b", AttributeType.BOOL), "true"))
			.containsExactly("cmdb.ci.attribute.type");
		assertThat(codes(AttributeDefinition.of("s", "s", AttributeType.STRING), 5))
			.containsExactly("cmdb.ci.attribute.type");
		assertThat(codes(AttributeDefinition.of("l", "l", AttributeType.LIST), "a"))
			.containsExactly("cmdb.ci.attribute.type");
		assertThat(codes(AttributeDefinition.of("j", "j", AttributeType.JSON), Map.of("a", 1))).isEmpty();
	}

	@Test
	void storedFormIsNormalised() {
		List<FieldViolation> violations = new ArrayList<>();
		assertThat(check(AttributeDefinition.of("n", "n", AttributeType.INT), 8, violations)).isEqualTo(8L);
		assertThat(check(AttributeDefinition.of("t", "t", AttributeType.DATETIME), "2025-10-09T10:00:00+08:00",
				violations))
			.isEqualTo("2025-10-09T02:00:00Z");
		assertThat(check(AttributeDefinition.of("c", "c", AttributeType.CIDR), "FD00::/8", violations))
			.isEqualTo("fd00:0:0:0:0:0:0:0/8");
		assertThat(violations).isEmpty();
	}

	@Test
	void formatsAreChecked() {
		assertThat(codes(AttributeDefinition.of("ip", "ip", AttributeType.IP), "10.0.0.256"))
			.containsExactly("cmdb.ci.attribute.format");
		assertThat(codes(AttributeDefinition.of("ip", "ip", AttributeType.IP), "host.example.com"))
			.containsExactly("cmdb.ci.attribute.format");
		assertThat(codes(AttributeDefinition.of("ip", "ip", AttributeType.IP), "10.1.2.3")).isEmpty();
		assertThat(codes(AttributeDefinition.of("ip", "ip", AttributeType.IP), "2001:db8::1")).isEmpty();
		assertThat(codes(AttributeDefinition.of("c", "c", AttributeType.CIDR), "10.1.0.0/33"))
			.containsExactly("cmdb.ci.attribute.format");
		assertThat(codes(AttributeDefinition.of("u", "u", AttributeType.URL), "javascript:alert(1)"))
			.containsExactly("cmdb.ci.attribute.format");
		assertThat(codes(AttributeDefinition.of("u", "u", AttributeType.URL), "https://git.example.com/a")).isEmpty();
		assertThat(codes(AttributeDefinition.of("d", "d", AttributeType.DATE), "2025-02-30"))
			.containsExactly("cmdb.ci.attribute.format");
		assertThat(codes(AttributeDefinition.of("r", "r", AttributeType.REFERENCE), "not-a-uuid"))
			.containsExactly("cmdb.ci.attribute.format");
	}

	@Test
	void rulesAreApplied() {
		AttributeDefinition port = AttributeDefinition.of("port", "端口", AttributeType.INT).withRange(1, 65535);
		assertThat(codes(port, 0)).containsExactly("cmdb.ci.attribute.range");
		assertThat(codes(port, 65536)).containsExactly("cmdb.ci.attribute.range");
		assertThat(codes(port, 8080)).isEmpty();
		AttributeDefinition code = AttributeDefinition.of("code", "编码", AttributeType.STRING).withRegex("[A-Z]{2,4}");
		assertThat(codes(code, "ab")).containsExactly("cmdb.ci.attribute.regex");
		assertThat(codes(code, "ABCDE")).containsExactly("cmdb.ci.attribute.regex");
		assertThat(codes(code, "ABC")).isEmpty();
		AttributeDefinition grade = AttributeDefinition.of("g", "等级", AttributeType.ENUM).withEnum(List.of("A", "B"));
		assertThat(codes(grade, "C")).containsExactly("cmdb.ci.attribute.enum");
		AttributeDefinition tags = AttributeDefinition.of("tags", "标签", AttributeType.LIST)
			.ofItems(AttributeType.INT)
			.withRange(null, 2);
		assertThat(codes(tags, List.of(1, 2, 3))).containsExactly("cmdb.ci.attribute.range");
		assertThat(codes(tags, List.of(1, "x"))).containsExactly("cmdb.ci.attribute.type");
		assertThat(codes(tags, List.of(1, 2))).isEmpty();
	}

}
