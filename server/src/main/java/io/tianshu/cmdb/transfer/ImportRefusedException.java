package io.tianshu.cmdb.transfer;

import java.util.Map;
import java.util.UUID;

import io.tianshu.platform.ProblemKind;
import io.tianshu.platform.TianshuException;

/**
 * Apply with {@code rows: "all"} met invalid rows: nothing was written. Answered 422
 * {@code cmdb.import.invalid-rows} with the report.
 */
public class ImportRefusedException extends TianshuException {

	private final transient ImportReport report;

	ImportRefusedException(UUID job, ImportReport report) {
		super(ProblemKind.INVALID, "cmdb.import.invalid-rows",
				report.counts().invalid() + " of " + report.counts().rows()
						+ " rows are invalid, so nothing was imported; fix them or apply the valid rows only",
				Map.of("jobId", job.toString(), "invalid", report.counts().invalid(), "rows", report.counts().rows()),
				null);
		this.report = report;
	}

	public ImportReport report() {
		return this.report;
	}

}
