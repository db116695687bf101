package io.tianshu.platform.audit;

import java.io.StringWriter;
import java.util.Arrays;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class AuditCsvTests {

	@Test
	void quotesPerRfc4180AndDefusesFormulas() throws Exception {
		StringWriter out = new StringWriter();
		AuditCsv csv = new AuditCsv(out);
		csv.row(Arrays.asList("plain", "a,b", "say \"hi\"", "two\nlines", null, "=SUM(A1)", "+1", "-2", "@cmd",
				"{\"a\":1}"));
		assertThat(out.toString()).isEqualTo(
				"plain,\"a,b\",\"say \"\"hi\"\"\",\"two\nlines\",,'=SUM(A1),'+1,'-2,'@cmd,\"{\"\"a\"\":1}\"\r\n");
	}

	@Test
	void aDefusedFormulaWithACommaIsStillQuoted() {
		assertThat(AuditCsv.cell("=HYPERLINK(\"x\",\"y\")")).isEqualTo("\"'=HYPERLINK(\"\"x\"\",\"\"y\"\")\"");
	}

}
