package io.tianshu.cmdb.transfer;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import io.tianshu.cmdb.transfer.ImportReport.ColumnMapping;
import io.tianshu.cmdb.transfer.ImportReport.Duplicate;
import io.tianshu.cmdb.transfer.ImportReport.RowError;

/** Collects row errors (capped) and duplicates while a file is planned. */
final class ReportBuilder {

	private final List<RowError> errors = new ArrayList<>();

	private final Set<Integer> invalid = new HashSet<>();

	private final List<Duplicate> duplicates = new ArrayList<>();

	private final Columns columns;

	private int total;

	ReportBuilder(Columns columns) {
		this.columns = columns;
	}

	void error(int row, String field, String code, String message) {
		this.invalid.add(row);
		this.total++;
		if (this.errors.size() < TransferLimits.MAX_ERRORS) {
			Columns.Column column = (field != null) ? this.columns.column(field) : null;
			this.errors.add(new RowError(row, (column != null) ? XlsxTable.columnName(column.index()) : null,
					(column != null) ? column.header() : null, field, code, message));
		}
	}

	/** An error on a cell whose column has no header. */
	void orphanCell(int row, int index) {
		this.invalid.add(row);
		this.total++;
		if (this.errors.size() < TransferLimits.MAX_ERRORS) {
			this.errors
				.add(new RowError(row, XlsxTable.columnName(index), null, null, "cmdb.import.cell-without-header",
						"column " + XlsxTable.columnName(index) + " has a value but no header"));
		}
	}

	void duplicate(String key, String value, List<Integer> rows) {
		this.duplicates.add(new Duplicate(key, value, rows.stream().sorted().toList()));
	}

	boolean invalid(int row) {
		return this.invalid.contains(row);
	}

	int invalidCount() {
		return this.invalid.size();
	}

	ImportReport build(int rows, int create, int update, int unchanged) {
		List<RowError> sorted = new ArrayList<>(this.errors);
		sorted.sort(Comparator.comparingInt(RowError::row));
		List<ColumnMapping> mapping = this.columns.list()
			.stream()
			.map((c) -> new ColumnMapping(XlsxTable.columnName(c.index()), c.header(), c.field()))
			.toList();
		this.duplicates.sort(Comparator.comparing((Duplicate d) -> d.rows().get(0)).thenComparing(Duplicate::key));
		return new ImportReport(mapping, new ImportReport.Counts(rows, create, update, unchanged, this.invalid.size()),
				sorted, this.total > this.errors.size(), List.copyOf(this.duplicates), null);
	}

}
