package io.tianshu.cmdb.transfer;

import java.util.List;

/** Receives an imported table row by row: the header first, then the data rows. */
interface TableReader {

	/** The first row. */
	void header(List<Cell> cells);

	/**
	 * A data row that is not entirely blank.
	 * @param row the row number as a spreadsheet shows it (the header is row 1)
	 */
	void row(int row, List<Cell> cells);

}
