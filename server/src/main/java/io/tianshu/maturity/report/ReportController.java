package io.tianshu.maturity.report;

import java.util.UUID;

import io.tianshu.maturity.MaturityPermissions;
import io.tianshu.platform.RequiresPermission;

import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** {@code /api/v1/maturity/assessments/{id}/report}: the report as JSON and as PDF. */
@RestController
@RequestMapping("/api/v1/maturity/assessments/{id}")
class ReportController {

	private final Reports reports;

	private final ReportPdf pdf;

	ReportController(Reports reports, ReportPdf pdf) {
		this.reports = reports;
		this.pdf = pdf;
	}

	/** The report in {@code zh-CN} (default) or {@code en}. */
	@GetMapping("/report")
	@RequiresPermission(MaturityPermissions.READ)
	Report report(@PathVariable UUID id, @RequestParam(defaultValue = "zh-CN") String lang) {
		return this.reports.report(id, lang);
	}

	/** The report as PDF, with its Chinese font embedded. */
	@GetMapping(path = "/report.pdf", produces = MediaType.APPLICATION_PDF_VALUE)
	@RequiresPermission(MaturityPermissions.READ)
	ResponseEntity<byte[]> pdf(@PathVariable UUID id, @RequestParam(defaultValue = "zh-CN") String lang) {
		Report report = this.reports.report(id, lang);
		return ResponseEntity.ok()
			.contentType(MediaType.APPLICATION_PDF)
			.header(HttpHeaders.CONTENT_DISPOSITION,
					ContentDisposition.attachment().filename("maturity-report-" + id + ".pdf").build().toString())
			.body(this.pdf.render(report));
	}

}
