package io.tianshu.event.report;

import io.tianshu.event.AlertView;
import io.tianshu.event.EventPermissions;
import io.tianshu.platform.RequiresPermission;

import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * Manual anomaly reports (人工上报): {@code POST /api/v1/events/alerts} files an anomaly a
 * person noticed as an alert of source {@code manual}, as the current user.
 */
@RestController
class ManualReportController {

	private final ManualReports reports;

	ManualReportController(ManualReports reports) {
		this.reports = reports;
	}

	/** 201 with the alert; 422 with field errors for a bad report. */
	@PostMapping("/api/v1/events/alerts")
	@ResponseStatus(HttpStatus.CREATED)
	@RequiresPermission(EventPermissions.ALERT_WRITE)
	AlertView report(@RequestBody ManualReports.ManualReport report) {
		return this.reports.report(report);
	}

}
