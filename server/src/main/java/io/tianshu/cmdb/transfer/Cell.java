package io.tianshu.cmdb.transfer;

import java.time.LocalDateTime;

/**
 * One cell of an imported table as the file holds it: CSV cells are always text; xlsx
 * cells keep what the sheet says they are, so that a formula or a date can be told apart
 * from text.
 *
 * @param text the cell's text (numbers as plain decimal text, booleans as
 * {@code TRUE}/{@code FALSE}), empty for an empty cell
 * @param kind what the cell is
 * @param date for {@link Kind#DATE}: the date the serial number stands for
 */
record Cell(String text, Kind kind, LocalDateTime date) {

	static final Cell EMPTY = new Cell("", Kind.TEXT, null);

	enum Kind {

		TEXT, NUMBER, BOOLEAN, DATE, FORMULA, ERROR

	}

	static Cell text(String text) {
		return (text == null || text.isEmpty()) ? EMPTY : new Cell(text, Kind.TEXT, null);
	}

	boolean blank() {
		return this.text.isBlank() && this.kind != Kind.FORMULA;
	}

}
