package io.tianshu.cmdb.transfer;

import java.time.Instant;
import java.util.UUID;

/**
 * A stored import (导入任务): the uploaded file with its dry-run report, applied at most
 * once.
 *
 * @param id stable id
 * @param kind {@code CIS} or {@code RELATIONS}
 * @param model the model of a CI import, {@code null} for relations
 * @param fileName the uploaded file's name
 * @param format {@code CSV} or {@code XLSX}
 * @param charset the charset a CSV file was read with
 * @param status {@code PREVIEWED} (dry run done), {@code APPLIED} or {@code EXPIRED} (the
 * file was dropped unapplied after {@link ImportJobs#RETENTION})
 * @param createdBy who uploaded it
 * @param createdAt when
 * @param appliedBy who applied it
 * @param appliedAt when
 * @param report the latest report (dry run, refreshed by every apply attempt)
 */
public record ImportJob(UUID id, String kind, String model, String fileName, String format, String charset,
		String status, String createdBy, Instant createdAt, String appliedBy, Instant appliedAt, ImportReport report) {
}
