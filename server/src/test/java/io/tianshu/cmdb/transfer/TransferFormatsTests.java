package io.tianshu.cmdb.transfer;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.tianshu.platform.TianshuException;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TransferFormatsTests {

	private static List<List<String>> csv(String text) {
		List<List<String>> rows = new ArrayList<>();
		CsvTable.read(text, new TableReader() {
			@Override
			public void header(List<Cell> cells) {
				rows.add(cells.stream().map(Cell::text).toList());
			}

			@Override
			public void row(int row, List<Cell> cells) {
				List<String> texts = new ArrayList<>(List.of("#" + row));
				cells.forEach((c) -> texts.add(c.text()));
				rows.add(texts);
			}
		});
		return rows;
	}

	@Test
	void csvQuotesLineBreaksBlankRowsAndTheFormulaGuard() {
		assertThat(csv("\uFEFFa,b,c\r\n\"x, y\",\"say \"\"hi\"\"\",\"two\nlines\"\r\n,,\r\n'=1+1,'-5,'plain\n"))
			.containsExactly(List.of("a", "b", "c"), List.of("#2", "x, y", "say \"hi\"", "two\nlines"),
					List.of("#4", "=1+1", "-5", "'plain"));
		assertThat(csv("a\tb\n1\t2")).containsExactly(List.of("a", "b"), List.of("#2", "1", "2"));
	}

	@Test
	void theExportGuardIsUndoneByTheImport() {
		for (String value : List.of("=SUM(A1)", "+8613800000000", "-2.5", "@user", "'quoted", "''twice", "plain")) {
			String cell = CiExports.csvCell(value);
			assertThat(csv("v\n" + cell + "\n").get(1)).containsExactly("#2", value);
		}
	}

	@Test
	void charsetsAreDetectedOrRefusedWithTheOffset() {
		String text = "名称,主机名\n交易,jy01\n";
		assertThat(TextDecoding.decode(text.getBytes(StandardCharsets.UTF_8), null).charset()).isEqualTo("UTF-8");
		assertThat(TextDecoding.decode(text.getBytes(Charset.forName("GBK")), "auto"))
			.isEqualTo(new TextDecoding.Decoded(text, "GBK"));
		byte[] bad = { 'a', ',', 'b', '\n', (byte) 0xFF, (byte) 0x80 };
		assertThatThrownBy(() -> TextDecoding.decode(bad, null)).isInstanceOfSatisfying(TianshuException.class,
				(ex) -> assertThat(ex.params()).containsEntry("offset", 4).containsEntry("line", 2));
	}

	@Test
	void columnNamesAreSpreadsheetLetters() {
		assertThat(XlsxTable.columnName(0)).isEqualTo("A");
		assertThat(XlsxTable.columnName(25)).isEqualTo("Z");
		assertThat(XlsxTable.columnName(27)).isEqualTo("AB");
		assertThat(XlsxTable.column("AB12")).isEqualTo(27);
	}

	@Test
	void stronglyConnectedComponentsFindCycles() {
		UUID a = UUID.randomUUID();
		UUID b = UUID.randomUUID();
		UUID c = UUID.randomUUID();
		UUID d = UUID.randomUUID();
		Map<UUID, Integer> components = RelationImports
			.components(Map.of(a, List.of(b), b, List.of(c), c, List.of(a, d)));
		assertThat(components.get(a)).isEqualTo(components.get(b)).isEqualTo(components.get(c));
		assertThat(components.get(d)).isNotEqualTo(components.get(a));
	}

	@Test
	void jsonEqualityIgnoresNumberRepresentation() {
		assertThat(CiImports.same(8L, 8)).isTrue();
		assertThat(CiImports.same(new java.math.BigDecimal("1.50"), 1.5d)).isTrue();
		assertThat(CiImports.same(List.of(1, "a"), List.of(1L, "a"))).isTrue();
		assertThat(CiImports.same(List.of(1), List.of(2))).isFalse();
	}

}
