package io.tianshu.cmdb.transfer;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.apache.poi.openxml4j.exceptions.OLE2NotOfficeXmlFileException;
import org.apache.poi.openxml4j.opc.OPCPackage;
import org.apache.poi.ss.usermodel.DateUtil;
import org.apache.poi.xssf.eventusermodel.ReadOnlySharedStringsTable;
import org.apache.poi.xssf.eventusermodel.XSSFReader;
import org.apache.poi.xssf.model.StylesTable;
import org.apache.poi.xssf.usermodel.XSSFCellStyle;
import org.apache.poi.util.XMLHelper;
import org.xml.sax.Attributes;
import org.xml.sax.InputSource;
import org.xml.sax.SAXException;
import org.xml.sax.XMLReader;
import org.xml.sax.helpers.DefaultHandler;

/**
 * The first worksheet of an xlsx file, read with a SAX parser over the sheet XML (no
 * workbook model in memory, so large files stream). Cells keep their kind: formulas and
 * error values are reported, never evaluated; numbers in a date format are dates.
 */
final class XlsxTable {

	/** Columns beyond this are not read (XFD1 would otherwise make 16,384 cells). */
	private static final int MAX_COLUMNS = 1_000;

	private XlsxTable() {
	}

	static void read(byte[] bytes, TableReader reader) {
		try (OPCPackage pkg = OPCPackage.open(new ByteArrayInputStream(bytes))) {
			XSSFReader xssf = new XSSFReader(pkg);
			ReadOnlySharedStringsTable strings = new ReadOnlySharedStringsTable(pkg, false);
			StylesTable styles = xssf.getStylesTable();
			Iterator<InputStream> sheets = xssf.getSheetsData();
			if (!sheets.hasNext()) {
				throw ImportFileException.of("cmdb.import.xlsx-no-sheet", "The workbook has no worksheet");
			}
			try (InputStream sheet = sheets.next()) {
				XMLReader parser = XMLHelper.newXMLReader();
				parser.setContentHandler(new SheetHandler(strings, styles, reader));
				parser.parse(new InputSource(sheet));
			}
		}
		catch (io.tianshu.platform.TianshuException ex) {
			throw ex;
		}
		catch (OLE2NotOfficeXmlFileException ex) {
			throw ImportFileException.of("cmdb.import.xls-unsupported",
					"The file is an Excel 97-2003 workbook (.xls); save it as .xlsx or CSV");
		}
		catch (SAXException ex) {
			if (ex.getCause() instanceof io.tianshu.platform.TianshuException domain) {
				throw domain;
			}
			throw malformed("the worksheet XML is corrupt (" + ex.getMessage() + ")");
		}
		catch (IOException | RuntimeException | org.apache.poi.openxml4j.exceptions.OpenXML4JException
				| javax.xml.parsers.ParserConfigurationException ex) {
			if (ex.getCause() instanceof io.tianshu.platform.TianshuException domain) {
				throw domain;
			}
			throw malformed(ex.getMessage());
		}
	}

	private static io.tianshu.platform.TianshuException malformed(String why) {
		String reason = (why == null) ? "unreadable" : why.lines().findFirst().orElse("unreadable");
		if (reason.length() > 200) {
			reason = reason.substring(0, 200) + "...";
		}
		return ImportFileException.of("cmdb.import.xlsx-malformed",
				"The file is not a readable xlsx workbook: " + reason, Map.of("reason", reason));
	}

	/** Column index (0-based) of a cell reference such as {@code AB12}. */
	static int column(String reference) {
		int column = 0;
		for (int i = 0; i < reference.length(); i++) {
			char c = reference.charAt(i);
			if (c >= 'A' && c <= 'Z') {
				column = column * 26 + (c - 'A' + 1);
			}
			else {
				break;
			}
		}
		return column - 1;
	}

	/** The spreadsheet name of a 0-based column: 0 → A, 27 → AB. */
	static String columnName(int index) {
		StringBuilder name = new StringBuilder();
		for (int i = index + 1; i > 0; i = (i - 1) / 26) {
			name.insert(0, (char) ('A' + (i - 1) % 26));
		}
		return name.toString();
	}

	private static final class SheetHandler extends DefaultHandler {

		private final ReadOnlySharedStringsTable strings;

		private final StylesTable styles;

		private final TableReader reader;

		private final StringBuilder value = new StringBuilder();

		private boolean inValue;

		private boolean inInline;

		private int rowNumber;

		private boolean headerSeen;

		private Map<Integer, Cell> cells;

		private int column;

		private String type;

		private int style;

		private boolean formula;

		private boolean hasValue;

		SheetHandler(ReadOnlySharedStringsTable strings, StylesTable styles, TableReader reader) {
			this.strings = strings;
			this.styles = styles;
			this.reader = reader;
		}

		@Override
		public void startElement(String uri, String localName, String qName, Attributes attributes) {
			String name = local(localName, qName);
			switch (name) {
				case "row" -> {
					String r = attributes.getValue("r");
					this.rowNumber = (r != null) ? Integer.parseInt(r) : this.rowNumber + 1;
					this.cells = new TreeMap<>();
					this.column = -1;
				}
				case "c" -> {
					String r = attributes.getValue("r");
					this.column = (r != null) ? column(r) : this.column + 1;
					this.type = attributes.getValue("t");
					String s = attributes.getValue("s");
					this.style = (s != null) ? Integer.parseInt(s) : -1;
					this.formula = false;
					this.hasValue = false;
					this.value.setLength(0);
				}
				case "f" -> this.formula = true;
				case "v" -> {
					this.inValue = true;
					this.hasValue = true;
				}
				case "is" -> {
					this.inInline = true;
					this.hasValue = true;
				}
				default -> {
				}
			}
		}

		@Override
		public void characters(char[] ch, int start, int length) {
			if (this.inValue || this.inInline) {
				this.value.append(ch, start, length);
			}
		}

		@Override
		public void endElement(String uri, String localName, String qName) throws SAXException {
			String name = local(localName, qName);
			switch (name) {
				case "v" -> this.inValue = false;
				case "is" -> this.inInline = false;
				case "c" -> {
					if (this.column >= 0 && this.column < MAX_COLUMNS && (this.hasValue || this.formula)) {
						this.cells.put(this.column, cell());
					}
				}
				case "row" -> emit();
				default -> {
				}
			}
		}

		private Cell cell() {
			String raw = this.value.toString();
			if (this.formula) {
				return new Cell(raw, Cell.Kind.FORMULA, null);
			}
			String t = (this.type != null) ? this.type : "n";
			return switch (t) {
				case "s" -> {
					int index = Integer.parseInt(raw.strip());
					yield Cell.text(this.strings.getItemAt(index).getString());
				}
				case "inlineStr", "str" -> Cell.text(raw);
				case "b" -> new Cell("1".equals(raw.strip()) ? "TRUE" : "FALSE", Cell.Kind.BOOLEAN, null);
				case "e" -> new Cell(raw, Cell.Kind.ERROR, null);
				case "d" -> new Cell(raw, Cell.Kind.TEXT, null);
				default -> number(raw.strip());
			};
		}

		private Cell number(String raw) {
			if (raw.isEmpty()) {
				return Cell.EMPTY;
			}
			BigDecimal number = new BigDecimal(raw);
			if (this.style >= 0 && this.style < this.styles.getNumCellStyles()) {
				XSSFCellStyle cellStyle = this.styles.getStyleAt(this.style);
				if (cellStyle != null
						&& DateUtil.isADateFormat(cellStyle.getDataFormat(), cellStyle.getDataFormatString())
						&& DateUtil.isValidExcelDate(number.doubleValue())) {
					return new Cell(raw, Cell.Kind.DATE, DateUtil.getLocalDateTime(number.doubleValue()));
				}
			}
			String plain = number.stripTrailingZeros().toPlainString();
			return new Cell(plain, Cell.Kind.NUMBER, null);
		}

		private void emit() throws SAXException {
			int width = this.cells.isEmpty() ? 0 : ((TreeMap<Integer, Cell>) this.cells).lastKey() + 1;
			List<Cell> row = new ArrayList<>(width);
			boolean blank = true;
			for (int i = 0; i < width; i++) {
				Cell cell = this.cells.getOrDefault(i, Cell.EMPTY);
				blank &= cell.blank();
				row.add(cell);
			}
			try {
				if (!this.headerSeen) {
					if (blank) {
						// leading empty rows (a title area) are not the header
						return;
					}
					this.headerSeen = true;
					this.reader.header(row);
				}
				else if (!blank) {
					this.reader.row(this.rowNumber, row);
				}
			}
			catch (io.tianshu.platform.TianshuException ex) {
				throw new SAXException(ex.getMessage(), ex);
			}
		}

		private static String local(String localName, String qName) {
			String name = (localName != null && !localName.isEmpty()) ? localName : qName;
			int colon = name.indexOf(':');
			return (colon >= 0) ? name.substring(colon + 1) : name;
		}

	}

}
