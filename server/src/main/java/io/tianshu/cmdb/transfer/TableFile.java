package io.tianshu.cmdb.transfer;

import java.util.Locale;

/**
 * Reads an uploaded table: xlsx when the file is a zip (or named {@code .xlsx}), else CSV
 * in the detected or given charset. Excel 97-2003 {@code .xls} files are refused with a
 * hint.
 */
final class TableFile {

	private TableFile() {
	}

	/** What the file turned out to be. */
	record Source(String format, String charset) {
	}

	static Source read(byte[] bytes, String fileName, String charset, TableReader reader) {
		if (bytes.length == 0) {
			throw ImportFileException.of("cmdb.import.empty", "The file is empty");
		}
		String name = (fileName != null) ? fileName.toLowerCase(Locale.ROOT) : "";
		boolean zip = bytes.length >= 4 && bytes[0] == 'P' && bytes[1] == 'K' && bytes[2] == 3 && bytes[3] == 4;
		boolean ole2 = bytes.length >= 4 && (bytes[0] & 0xFF) == 0xD0 && (bytes[1] & 0xFF) == 0xCF
				&& (bytes[2] & 0xFF) == 0x11 && (bytes[3] & 0xFF) == 0xE0;
		if (ole2 || name.endsWith(".xls")) {
			throw ImportFileException.of("cmdb.import.xls-unsupported",
					"The file is an Excel 97-2003 workbook (.xls) or a protected workbook; save it as .xlsx or CSV");
		}
		if (zip || name.endsWith(".xlsx")) {
			XlsxTable.read(bytes, reader);
			return new Source("XLSX", null);
		}
		TextDecoding.Decoded text = TextDecoding.decode(bytes, charset);
		CsvTable.read(text.text(), reader);
		return new Source("CSV", text.charset());
	}

}
