package io.tianshu.cmdb.transfer;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.math.BigDecimal;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import io.tianshu.cmdb.AttributeDefinition;
import io.tianshu.cmdb.AttributeType;
import io.tianshu.cmdb.CiModel;
import io.tianshu.cmdb.CiSearch;
import io.tianshu.cmdb.CmdbPermissions;
import io.tianshu.cmdb.ConfigurationItem;
import io.tianshu.cmdb.ConfigurationItems;
import io.tianshu.cmdb.model.ModelCatalog;
import io.tianshu.platform.Authorization;
import io.tianshu.platform.CursorPage;
import io.tianshu.platform.TianshuException;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.Font;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.streaming.SXSSFWorkbook;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.stereotype.Service;

/**
 * Exports the live (non-retired) CIs of a model as CSV (UTF-8 with BOM, or GBK for older
 * Excel) or xlsx, streaming: rows are read page by page through
 * {@link ConfigurationItems#search}, the listing the CI search uses, so whatever limits
 * what a caller may see there (scopes) limits the export too. Columns: {@code id},
 * {@code name}, {@code state}, {@code owner}, then the attributes by code; the file
 * imports back unchanged. CSV cells a spreadsheet would evaluate get a leading {@code '}
 * (formula injection), which the import removes.
 */
@Service
public class CiExports {

	/** CIs read per page. */
	static final int PAGE = 500;

	/** Excel's limit for the text of one cell. */
	static final int XLSX_CELL_MAX = 32_767;

	private final ConfigurationItems items;

	private final ModelCatalog models;

	private final Authorization authorization;

	private final CellValues cells;

	CiExports(ConfigurationItems items, ModelCatalog models, Authorization authorization, JsonMapper json,
			Clock clock) {
		this.items = items;
		this.models = models;
		this.authorization = authorization;
		this.cells = new CellValues(json, clock.getZone());
	}

	/** An export file format. */
	public enum Format {

		CSV("csv", "text/csv;charset=UTF-8"), CSV_GBK("csv", "text/csv;charset=GBK"),
		XLSX("xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");

		private final String extension;

		private final String contentType;

		Format(String extension, String contentType) {
			this.extension = extension;
			this.contentType = contentType;
		}

		public String extension() {
			return this.extension;
		}

		public String contentType() {
			return this.contentType;
		}

		public static Format parse(String text) {
			String t = (text == null || text.isBlank()) ? "csv" : text.strip().toLowerCase(Locale.ROOT);
			return switch (t) {
				case "csv" -> CSV;
				case "csv-gbk" -> CSV_GBK;
				case "xlsx" -> XLSX;
				default -> throw TianshuException.invalidField("format", "cmdb.export.format-invalid",
						"format must be csv, csv-gbk or xlsx");
			};
		}

	}

	/**
	 * The model to export, checked before anything is written (404/422 stay possible).
	 */
	public CiModel model(String code) {
		this.authorization.require(CmdbPermissions.CI_READ);
		if (code == null || code.isBlank()) {
			throw TianshuException.invalidField("model", "cmdb.export.model-required", "model is required");
		}
		return this.models.find(code.strip())
			.orElseThrow(() -> TianshuException.invalidField("model", "cmdb.ci.unknown-model", "no model " + code));
	}

	/** Writes every live CI of the model. */
	public void export(CiModel model, Format format, OutputStream out) throws IOException {
		write(model, format, out, true);
	}

	/**
	 * An empty file with the header row; the xlsx template has a second sheet describing
	 * each column (名称, type, required, allowed values, help).
	 */
	public void template(CiModel model, Format format, OutputStream out) throws IOException {
		write(model, format, out, false);
	}

	static List<String> header(CiModel model) {
		List<String> header = new ArrayList<>(List.of(CiImports.ID, CiImports.NAME, CiImports.STATE, CiImports.OWNER));
		Set<String> reserved = Set.of(CiImports.ID, CiImports.NAME, CiImports.STATE, CiImports.OWNER);
		for (AttributeDefinition attribute : model.attributes()) {
			header.add(reserved.contains(attribute.code()) ? "attributes." + attribute.code() : attribute.code());
		}
		return header;
	}

	private void write(CiModel model, Format format, OutputStream out, boolean rows) throws IOException {
		if (format == Format.XLSX) {
			xlsx(model, out, rows);
			return;
		}
		Charset charset = (format == Format.CSV) ? StandardCharsets.UTF_8 : TextDecoding.GBK;
		Writer writer = new BufferedWriter(new OutputStreamWriter(out, charset), 64 * 1024);
		if (format == Format.CSV) {
			// Excel reads UTF-8 only with the byte order mark
			writer.write('\uFEFF');
		}
		csvRow(writer, header(model));
		if (rows) {
			for (String cursor = null;;) {
				CursorPage<ConfigurationItem> page = page(model, cursor);
				for (ConfigurationItem ci : page.items()) {
					csvRow(writer, values(model, ci));
				}
				cursor = page.nextCursor();
				if (cursor == null) {
					break;
				}
			}
		}
		writer.flush();
	}

	private CursorPage<ConfigurationItem> page(CiModel model, String cursor) {
		return this.items.search(new CiSearch(model.code(), null, null, null, null, cursor, PAGE));
	}

	private List<String> values(CiModel model, ConfigurationItem ci) {
		List<String> values = new ArrayList<>();
		values.add(ci.id().toString());
		values.add(ci.name());
		values.add(ci.state().name());
		values.add((ci.ownerTeamId() != null) ? ci.ownerTeamId().toString() : "");
		for (AttributeDefinition attribute : model.attributes()) {
			values.add(this.cells.text(attribute, ci.attributes().get(attribute.code())));
		}
		return values;
	}

	private static void csvRow(Writer out, List<String> cells) throws IOException {
		for (int i = 0; i < cells.size(); i++) {
			if (i > 0) {
				out.write(',');
			}
			out.write(csvCell(cells.get(i)));
		}
		out.write("\r\n");
	}

	/**
	 * RFC 4180 quoting with the formula guard of the audit export (and {@code '} itself).
	 */
	static String csvCell(String value) {
		if (value == null || value.isEmpty()) {
			return "";
		}
		String v = value;
		char first = v.charAt(0);
		if (first == '=' || first == '+' || first == '-' || first == '@' || first == '\t' || first == '\r'
				|| first == '\'') {
			v = "'" + v;
		}
		if (v.indexOf(',') >= 0 || v.indexOf('"') >= 0 || v.indexOf('\r') >= 0 || v.indexOf('\n') >= 0) {
			return '"' + v.replace("\"", "\"\"") + '"';
		}
		return v;
	}

	private void xlsx(CiModel model, OutputStream out, boolean rows) throws IOException {
		try (SXSSFWorkbook workbook = new SXSSFWorkbook(200)) {
			workbook.setCompressTempFiles(true);
			Sheet sheet = workbook.createSheet(safeSheetName(model.name()));
			CellStyle bold = workbook.createCellStyle();
			Font font = workbook.createFont();
			font.setBold(true);
			bold.setFont(font);
			List<String> header = header(model);
			Row first = sheet.createRow(0);
			for (int i = 0; i < header.size(); i++) {
				org.apache.poi.ss.usermodel.Cell cell = first.createCell(i);
				cell.setCellValue(header.get(i));
				cell.setCellStyle(bold);
			}
			if (rows) {
				int r = 1;
				for (String cursor = null;;) {
					CursorPage<ConfigurationItem> page = page(model, cursor);
					for (ConfigurationItem ci : page.items()) {
						xlsxRow(model, sheet.createRow(r++), ci);
					}
					cursor = page.nextCursor();
					if (cursor == null) {
						break;
					}
				}
			}
			else {
				describe(workbook, model, bold);
			}
			workbook.write(out);
		}
	}

	private void xlsxRow(CiModel model, Row row, ConfigurationItem ci) {
		List<String> texts = values(model, ci);
		for (int i = 0; i < texts.size(); i++) {
			String text = texts.get(i);
			if (text.isEmpty()) {
				continue;
			}
			org.apache.poi.ss.usermodel.Cell cell = row.createCell(i);
			AttributeDefinition attribute = (i >= 4) ? model.attributes().get(i - 4) : null;
			Object value = (attribute != null) ? ci.attributes().get(attribute.code()) : null;
			if (attribute != null && attribute.type() == AttributeType.BOOL && value instanceof Boolean b) {
				cell.setCellValue(b);
			}
			else if (attribute != null
					&& (attribute.type() == AttributeType.INT || attribute.type() == AttributeType.DECIMAL)
					&& value instanceof Number n && exact(n)) {
				cell.setCellValue(n.doubleValue());
			}
			else {
				// dates stay text: a date cell would read back as a serial number
				// elsewhere
				cell.setCellValue((text.length() > XLSX_CELL_MAX) ? text.substring(0, XLSX_CELL_MAX) : text);
			}
		}
	}

	/** Whether a double holds the number exactly (Excel stores numbers as doubles). */
	private static boolean exact(Number n) {
		BigDecimal value = new BigDecimal(n.toString());
		return value.abs().compareTo(new BigDecimal("1e15")) < 0
				&& new BigDecimal(Double.toString(value.doubleValue())).compareTo(value) == 0;
	}

	private static void describe(SXSSFWorkbook workbook, CiModel model, CellStyle bold) {
		Sheet sheet = workbook.createSheet("说明 Help");
		String[] titles = { "列 column", "名称 name", "类型 type", "必填 required", "唯一 unique", "取值 values", "说明 help" };
		Row head = sheet.createRow(0);
		for (int i = 0; i < titles.length; i++) {
			org.apache.poi.ss.usermodel.Cell cell = head.createCell(i);
			cell.setCellValue(titles[i]);
			cell.setCellStyle(bold);
		}
		int r = 1;
		r = line(sheet, r, CiImports.ID, "标识", "uuid", "", "", "",
				"空 = 新建; 填写 = 更新该配置项 / empty creates, an id updates that CI");
		r = line(sheet, r, CiImports.NAME, "名称", "string", "是 yes", "", "", "1–200");
		r = line(sheet, r, CiImports.STATE, "状态", "enum", "", "", "PLANNED 规划中, IN_USE 使用中, MAINTENANCE 维护中", "");
		r = line(sheet, r, CiImports.OWNER, "负责团队", "uuid", "", "", "", "team id");
		for (AttributeDefinition a : model.attributes()) {
			String values = (a.type() == AttributeType.ENUM) ? String.join(", ", a.enumValues())
					: (a.regex() != null) ? "regex " + a.regex() : "";
			if (a.min() != null || a.max() != null) {
				values = (values.isEmpty() ? "" : values + "; ") + "["
						+ ((a.min() != null) ? a.min().toPlainString() : "") + ", "
						+ ((a.max() != null) ? a.max().toPlainString() : "") + "]";
			}
			r = line(sheet, r, a.code(), a.name(), a.type().name().toLowerCase(Locale.ROOT),
					a.required() ? "是 yes" : "", a.unique() ? "是 yes" : "", values,
					(a.helpText() != null) ? a.helpText() : "");
		}
	}

	private static int line(Sheet sheet, int r, String... cells) {
		Row row = sheet.createRow(r);
		for (int i = 0; i < cells.length; i++) {
			row.createCell(i).setCellValue(cells[i]);
		}
		return r + 1;
	}

	private static String safeSheetName(String name) {
		String safe = name.replaceAll("[\\\\/?*\\[\\]:]", "_");
		return safe.isEmpty() ? "CIs" : ((safe.length() > 31) ? safe.substring(0, 31) : safe);
	}

}
