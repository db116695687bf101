package io.tianshu.cmdb.web;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Map;
import java.util.UUID;

import io.tianshu.cmdb.CiModel;
import io.tianshu.cmdb.CmdbPermissions;
import io.tianshu.cmdb.transfer.CiExports;
import io.tianshu.cmdb.transfer.FileTooLargeException;
import io.tianshu.cmdb.transfer.ImportJob;
import io.tianshu.cmdb.transfer.ImportJobs;
import io.tianshu.cmdb.transfer.ImportRefusedException;
import io.tianshu.platform.RequiresPermission;
import io.tianshu.platform.TianshuException;
import io.tianshu.platform.web.Problems;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RequestPart;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;

/**
 * {@code /api/v1/cmdb/imports} and {@code /exports}: bulk import of CIs and relations
 * from CSV or xlsx in two steps (dry run, then apply), export and import templates
 * (导入导出). See {@code docs/cmdb-import-export.md}.
 */
@RestController
@RequestMapping("/api/v1/cmdb")
class TransferController {

	private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")
		.withZone(ZoneOffset.UTC);

	private final ImportJobs imports;

	private final CiExports exports;

	TransferController(ImportJobs imports, CiExports exports) {
		this.imports = imports;
		this.exports = exports;
	}

	/**
	 * Step 1: reads and checks the file and stores it with its report; nothing else
	 * changes. {@code kind} {@code cis} (default, needs {@code model}) or
	 * {@code relations}; {@code mode} must be {@code dryRun}; {@code charset}
	 * {@code auto} (default: BOM, else UTF-8 if valid, else GBK) or a charset name.
	 */
	@PostMapping(path = "/imports", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
	@ResponseStatus(HttpStatus.CREATED)
	@RequiresPermission(CmdbPermissions.CI_WRITE)
	ImportJob dryRun(@RequestParam(required = false) String model, @RequestParam(required = false) String kind,
			@RequestParam(required = false) String mode, @RequestParam(required = false) String charset,
			@RequestPart(name = "file", required = false) MultipartFile file) {
		if (mode != null && !mode.isBlank() && !"dryRun".equals(mode.strip())) {
			throw TianshuException.invalidField("mode", "cmdb.import.mode-invalid",
					"mode must be dryRun: an import is checked first, then applied with POST /imports/{id}/apply");
		}
		if (file == null) {
			throw TianshuException.invalidField("file", "cmdb.import.file-required", "A file part is required");
		}
		if (file.getSize() > io.tianshu.cmdb.transfer.TransferLimits.MAX_BYTES) {
			throw new FileTooLargeException(file.getSize());
		}
		byte[] content;
		try {
			content = file.getBytes();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		String k = (kind == null || kind.isBlank()) ? "cis" : kind.strip();
		return switch (k) {
			case "cis" -> this.imports.dryRunCis(model, file.getOriginalFilename(), content, charset);
			case "relations" -> this.imports.dryRunRelations(file.getOriginalFilename(), content, charset);
			default -> throw TianshuException.invalidField("kind", "cmdb.import.kind-invalid",
					"kind must be cis or relations");
		};
	}

	@GetMapping("/imports/{id}")
	@RequiresPermission(CmdbPermissions.CI_READ)
	ImportJob get(@PathVariable UUID id) {
		return this.imports.get(id);
	}

	/** The body of an apply: {@code rows} is {@code all} or {@code validOnly}. */
	record ApplyBody(String rows) {
	}

	/**
	 * Step 2: applies the job in one transaction. {@code all}: nothing when a row is
	 * invalid (422 {@code cmdb.import.invalid-rows} with {@code report});
	 * {@code validOnly}: the valid rows.
	 */
	@PostMapping("/imports/{id}/apply")
	@RequiresPermission(CmdbPermissions.CI_WRITE)
	ImportJob apply(@PathVariable UUID id, @RequestBody(required = false) ApplyBody body) {
		return this.imports.apply(id, ImportJobs.Rows.parse((body != null) ? body.rows() : null));
	}

	/**
	 * All live CIs of the model; {@code format} csv (UTF-8 with BOM), csv-gbk or xlsx.
	 */
	@GetMapping("/exports")
	@RequiresPermission(CmdbPermissions.CI_READ)
	void export(@RequestParam(required = false) String model, @RequestParam(required = false) String format,
			HttpServletResponse response) throws IOException {
		CiExports.Format f = CiExports.Format.parse(format);
		CiModel m = this.exports.model(model);
		start(response, f, m.code() + "-" + STAMP.format(java.time.Instant.now()) + "." + f.extension());
		this.exports.export(m, f, response.getOutputStream());
	}

	/** An empty file of the model with the header row (xlsx: with a help sheet). */
	@GetMapping("/imports/template")
	@RequiresPermission(CmdbPermissions.CI_READ)
	void template(@RequestParam(required = false) String model, @RequestParam(required = false) String format,
			HttpServletResponse response) throws IOException {
		CiExports.Format f = CiExports.Format.parse(format);
		CiModel m = this.exports.model(model);
		start(response, f, m.code() + "-template." + f.extension());
		this.exports.template(m, f, response.getOutputStream());
	}

	private static void start(HttpServletResponse response, CiExports.Format format, String fileName) {
		response.setContentType(format.contentType());
		response.setHeader(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"" + fileName + "\"");
	}

	@ExceptionHandler(FileTooLargeException.class)
	ResponseEntity<ProblemDetail> tooLarge(FileTooLargeException ex) {
		ProblemDetail problem = Problems.of(HttpStatus.CONTENT_TOO_LARGE, "cmdb.import.too-large", ex.getMessage());
		problem.setProperty("params", Map.of("maxBytes", ex.maxBytes(), "size", ex.size()));
		return ResponseEntity.status(HttpStatus.CONTENT_TOO_LARGE).body(problem);
	}

	@ExceptionHandler(ImportRefusedException.class)
	ResponseEntity<ProblemDetail> refused(ImportRefusedException ex) {
		ProblemDetail problem = Problems.of(ex.kind().status(), ex.code(), ex.getMessage());
		problem.setProperty("params", ex.params());
		problem.setProperty("report", ex.report());
		return ResponseEntity.status(ex.kind().status()).body(problem);
	}

}
