package io.tianshu.cmdb.query;

import java.util.List;

import io.tianshu.cmdb.query.Filter.And;
import io.tianshu.cmdb.query.Filter.Comparison;
import io.tianshu.cmdb.query.Filter.Direction;
import io.tianshu.cmdb.query.Filter.Not;
import io.tianshu.cmdb.query.Filter.Operator;
import io.tianshu.cmdb.query.Filter.Or;
import io.tianshu.cmdb.query.Filter.Presence;
import io.tianshu.cmdb.query.Filter.Related;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

class FilterParserTests {

	@Test
	void comparisonsWithEveryOperator() {
		for (String op : List.of("=", "!=", "<", "<=", ">", ">=", "~", "!~")) {
			Comparison c = (Comparison) FilterParser.parse("cpu_cores " + op + " 8");
			assertThat(c.operator().symbol).isEqualTo(op);
			assertThat(c.field().path()).containsExactly("cpu_cores");
			assertThat(c.values().get(0).text()).isEqualTo("8");
			assertThat(c.operatorSpan().position()).isEqualTo(10);
		}
		assertThat(((Comparison) FilterParser.parse("env==prod")).operator()).isEqualTo(Operator.EQ);
	}

	@Test
	void andBindsTighterThanOrAndNotTighterThanAnd() {
		Filter f = FilterParser.parse("model = host and env = prod or not state = retired");
		assertThat(f).isInstanceOf(Or.class);
		Or or = (Or) f;
		assertThat(or.parts().get(0)).isInstanceOf(And.class);
		assertThat(or.parts().get(1)).isInstanceOf(Not.class);
		Filter grouped = FilterParser.parse("model = host AND (env = prod OR env = dr)");
		assertThat(((And) grouped).parts().get(1)).isInstanceOf(Or.class);
	}

	@Test
	void valuesQuotedOrBareIncludingChineseHostnamesAndNetworks() {
		Comparison c = (Comparison) FilterParser.parse("name = \"集中交易 \\\"核心\\\"\"");
		assertThat(c.values().get(0).text()).isEqualTo("集中交易 \"核心\"");
		assertThat(c.values().get(0).quoted()).isTrue();
		assertThat(((Comparison) FilterParser.parse("name = 集中交易")).values().get(0).text()).isEqualTo("集中交易");
		assertThat(((Comparison) FilterParser.parse("hostname ~ sh-pd-prod-*")).values().get(0).text())
			.isEqualTo("sh-pd-prod-*");
		assertThat(((Comparison) FilterParser.parse("ip_address in 10.10.0.0/16")).values().get(0).text())
			.isEqualTo("10.10.0.0/16");
		assertThat(((Comparison) FilterParser.parse("floor > -1")).values().get(0).text()).isEqualTo("-1");
		assertThat(((Comparison) FilterParser.parse("note = 'it\\'s'")).values().get(0).text()).isEqualTo("it's");
	}

	@Test
	void listsAndNegatedLists() {
		Comparison in = (Comparison) FilterParser.parse("db_type in (oracle, mysql, \"ocean base\")");
		assertThat(in.operator()).isEqualTo(Operator.IN);
		assertThat(in.values()).extracting(Filter.Value::text).containsExactly("oracle", "mysql", "ocean base");
		Comparison notIn = (Comparison) FilterParser.parse("env NOT IN (uat, test)");
		assertThat(notIn.operator()).isEqualTo(Operator.NOT_IN);
		assertThat(notIn.operatorSpan()).isEqualTo(new Filter.Span(4, 6));
	}

	@Test
	void presenceTests() {
		assertThat(FilterParser.parse("serial_number exists")).isEqualTo(new Presence(
				((Presence) FilterParser.parse("serial_number exists")).field(), Presence.Kind.EXISTS, false));
		assertThat(((Presence) FilterParser.parse("serial_number not exists")).negated()).isTrue();
		Presence empty = (Presence) FilterParser.parse("owner is empty");
		assertThat(empty.kind()).isEqualTo(Presence.Kind.EMPTY);
		assertThat(empty.negated()).isFalse();
		assertThat(((Presence) FilterParser.parse("owner is not empty")).negated()).isTrue();
	}

	@Test
	void fieldsWithPathsAndTheAttributePrefix() {
		Comparison c = (Comparison) FilterParser.parse("a.model = 2288H");
		assertThat(c.field().attributeOnly()).isTrue();
		assertThat(c.field().path()).containsExactly("model");
		Comparison nested = (Comparison) FilterParser.parse("os.name ~ \"CentOS*\"");
		assertThat(nested.field().attributeOnly()).isFalse();
		assertThat(nested.field().path()).containsExactly("os", "name");
	}

	@Test
	void relationArrowsInEveryDirection() {
		Related out = (Related) FilterParser.parse("-[runs_on]-> (model = host)");
		assertThat(out.direction()).isEqualTo(Direction.OUT);
		assertThat(out.types()).containsExactly("runs_on");
		assertThat(out.typeSpans()).containsExactly(new Filter.Span(2, 7));
		Related in = (Related) FilterParser.parse("<-[runs_on | depends_on]- (model = application)");
		assertThat(in.direction()).isEqualTo(Direction.IN);
		assertThat(in.types()).containsExactly("runs_on", "depends_on");
		assertThat(in.typeSpans().get(1)).isEqualTo(new Filter.Span(13, 10));
		assertThat(((Related) FilterParser.parse("-[connects_to]- (name ~ tor)")).direction())
			.isEqualTo(Direction.BOTH);
		assertThat(((Related) FilterParser.parse("<-[connects_to]-> (name ~ tor)")).direction())
			.isEqualTo(Direction.BOTH);
		Related any = (Related) FilterParser.parse("-> (model = rack)");
		assertThat(any.types()).isEmpty();
		assertThat(((Related) FilterParser.parse("<-(model = rack)")).direction()).isEqualTo(Direction.IN);
	}

	@Test
	void theIssuesExampleNestsRelations() {
		Filter f = FilterParser
			.parse("""
					model = host and environment = prod
					  and <-[runs_on]- (model = application and <-[contains]- (model = business_system and name = 集中交易))""");
		And and = (And) f;
		Related apps = (Related) and.parts().get(2);
		Related systems = (Related) ((And) apps.filter()).parts().get(1);
		assertThat(systems.types()).containsExactly("contains");
	}

	@Test
	void keywordsAreCaseInsensitive() {
		assertThat(FilterParser.parse("a = 1 AND b = 2 Or NOT c Exists")).isInstanceOf(Or.class);
	}

	// errors: every one names the position

	@ParameterizedTest
	@CsvSource(delimiter = ';', textBlock = """
			model =                    ; 7  ; cmdb.filter.syntax
			model host                 ; 6  ; cmdb.filter.syntax
			(model = host              ; 13 ; cmdb.filter.syntax
			model = host)              ; 12 ; cmdb.filter.syntax
			model = host and           ; 16 ; cmdb.filter.syntax
			model = host env = prod    ; 13 ; cmdb.filter.syntax
			= host                     ; 0  ; cmdb.filter.syntax
			name = "abc                ; 7  ; cmdb.filter.unterminated-string
			-[runs_on> (model = host)  ; 0  ; cmdb.filter.syntax
			-[runs_on]x (model = host) ; 10 ; cmdb.filter.syntax
			-[Runs]-> (model = host)   ; 2  ; cmdb.filter.syntax
			-[]-> (model = host)       ; 2  ; cmdb.filter.syntax
			-[runs_on]-> model = host  ; 13 ; cmdb.filter.syntax
			name ! x                   ; 5  ; cmdb.filter.syntax
			name = a | b               ; 9  ; cmdb.filter.syntax
			env in (prod, )            ; 14 ; cmdb.filter.syntax
			env in (prod dr)           ; 13 ; cmdb.filter.syntax
			owner is                   ; 8  ; cmdb.filter.syntax
			owner is not full          ; 13 ; cmdb.filter.syntax
			name not like              ; 9  ; cmdb.filter.syntax
			and = 1                    ; 0  ; cmdb.filter.syntax
			1abc = 2                   ; 0  ; cmdb.filter.syntax
			""")
	void syntaxErrorsNameThePosition(String filter, int position, String code) {
		FilterException ex = catchThrowableOfType(FilterException.class, () -> FilterParser.parse(filter.strip()));
		assertThat(ex).as(filter).isNotNull();
		assertThat(ex.code()).as(filter).isEqualTo(code);
		assertThat(ex.position()).as(filter).isEqualTo(position);
		assertThat(ex.getMessage()).as(filter).contains("column " + (position + 1));
	}

	@Test
	void anErrorSaysWhatWasExpectedAndWhatWasFound() {
		FilterException ex = catchThrowableOfType(FilterException.class, () -> FilterParser.parse("model host"));
		assertThat(ex.expected()).contains("=", "in", "exists");
		assertThat(ex.getMessage()).contains("'host'");
		var problem = ex.toProblem("q");
		assertThat(problem.params()).containsEntry("position", 6).containsEntry("length", 4);
		assertThat(problem.violations().get(0).field()).isEqualTo("q");
	}

	@Test
	void emptyTooLongAndTooComplexFiltersAreRefused() {
		assertThat(catchThrowableOfType(FilterException.class, () -> FilterParser.parse("   ")).code())
			.isEqualTo("cmdb.filter.syntax");
		FilterException tooLong = catchThrowableOfType(FilterException.class,
				() -> FilterParser.parse("name = " + "x".repeat(FilterParser.MAX_LENGTH)));
		assertThat(tooLong.code()).isEqualTo("cmdb.filter.too-long");
		assertThat(tooLong.position()).isEqualTo(FilterParser.MAX_LENGTH);
		String many = String.join(" or ", java.util.Collections.nCopies(FilterParser.MAX_CONDITIONS + 1, "a = 1"));
		assertThat(catchThrowableOfType(FilterException.class, () -> FilterParser.parse(many)).code())
			.isEqualTo("cmdb.filter.too-complex");
		String deep = "-> (".repeat(FilterParser.MAX_RELATION_DEPTH + 1) + "a = 1"
				+ ")".repeat(FilterParser.MAX_RELATION_DEPTH + 1);
		FilterException tooDeep = catchThrowableOfType(FilterException.class, () -> FilterParser.parse(deep));
		assertThat(tooDeep.code()).isEqualTo("cmdb.filter.too-complex");
		assertThat(tooDeep.position()).isEqualTo(4 * FilterParser.MAX_RELATION_DEPTH);
	}

	@Test
	void globsBecomeEscapedLikePatterns() {
		assertThat(FilterTranslator.glob("CentOS*")).isEqualTo("centos%");
		assertThat(FilterTranslator.glob("sh-?d")).isEqualTo("sh-_d%".substring(0, 5));
		assertThat(FilterTranslator.glob("100%_x")).isEqualTo("100\\%\\_x%");
	}

}
