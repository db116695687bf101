package io.tianshu.cmdb.transfer;

import java.util.List;

/**
 * What an import would do (after the dry run) or did (after apply).
 *
 * @param columns the header resolved to fields, in file order
 * @param counts rows by outcome
 * @param errors per-row errors in row order, at most {@link TransferLimits#MAX_ERRORS}
 * @param errorsTruncated whether more errors were found than kept
 * @param duplicates identities, unique values or target CIs that several rows of the file
 * share (every row involved is invalid)
 * @param applied what apply wrote, {@code null} before
 */
public record ImportReport(List<ColumnMapping> columns, Counts counts, List<RowError> errors, boolean errorsTruncated,
		List<Duplicate> duplicates, Applied applied) {

	/** A column of the file: the header as written and the field it fills. */
	public record ColumnMapping(String column, String header, String field) {
	}

	/**
	 * @param rows data rows read (blank rows are skipped)
	 * @param create rows that create a CI (or relation)
	 * @param update rows that change an existing CI
	 * @param unchanged rows equal to what exists
	 * @param invalid rows with at least one error
	 */
	public record Counts(int rows, int create, int update, int unchanged, int invalid) {
	}

	/**
	 * One problem of one row.
	 *
	 * @param row the spreadsheet row number (the header is row 1)
	 * @param column the column letter, or {@code null} when the error concerns the row
	 * @param header the header of that column as written
	 * @param field the field ({@code name}, {@code state}, {@code owner}, {@code id} or
	 * an attribute code), or {@code null}
	 * @param code stable error code ({@code cmdb.ci.attribute.format},
	 * {@code cmdb.import.duplicate-in-file} ...)
	 * @param message English text
	 */
	public record RowError(int row, String column, String header, String field, String code, String message) {
	}

	/**
	 * Rows that share an identity.
	 *
	 * @param key {@code identity:<rule>}, {@code unique:<attribute>} or {@code ci} (the
	 * same existing CI)
	 * @param value the shared value
	 * @param rows the rows, ascending
	 */
	public record Duplicate(String key, String value, List<Integer> rows) {
	}

	/**
	 * @param mode {@code all} or {@code validOnly}
	 * @param created CIs (relations) created
	 * @param updated CIs changed
	 * @param unchanged rows that needed no change
	 * @param skipped invalid rows left out ({@code validOnly})
	 */
	public record Applied(String mode, int created, int updated, int unchanged, int skipped) {
	}

}
