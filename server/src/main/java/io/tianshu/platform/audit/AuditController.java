package io.tianshu.platform.audit;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Locale;

import io.tianshu.platform.AuditChainStatus;
import io.tianshu.platform.AuditEntry.Outcome;
import io.tianshu.platform.CursorPage;
import io.tianshu.platform.PlatformPermissions;
import io.tianshu.platform.RequiresPermission;
import io.tianshu.platform.TianshuException;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.HttpHeaders;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The audit trail's API. Filters: {@code actor} (name, any case), {@code action}
 * (prefix), {@code target} ({@code type} or {@code type:id}), {@code outcome},
 * {@code from} (inclusive) and {@code to} (exclusive) as ISO-8601 instants or dates (a
 * date {@code to} includes that whole UTC day).
 */
@RestController
@RequestMapping("/api/v1/audit")
class AuditController {

	private final AuditTrail trail;

	AuditController(AuditTrail trail) {
		this.trail = trail;
	}

	@GetMapping("/records")
	@RequiresPermission(PlatformPermissions.AUDIT_READ)
	CursorPage<AuditRecordView> records(@RequestParam(required = false) String actor,
			@RequestParam(required = false) String action, @RequestParam(required = false) String target,
			@RequestParam(required = false) String outcome, @RequestParam(required = false) String from,
			@RequestParam(required = false) String to, @RequestParam(required = false) String cursor,
			@RequestParam(required = false) String limit) {
		return this.trail.search(query(actor, action, target, outcome, from, to), cursor, limit(limit));
	}

	@GetMapping("/records.csv")
	@RequiresPermission(PlatformPermissions.AUDIT_EXPORT)
	void export(@RequestParam(required = false) String actor, @RequestParam(required = false) String action,
			@RequestParam(required = false) String target, @RequestParam(required = false) String outcome,
			@RequestParam(required = false) String from, @RequestParam(required = false) String to,
			HttpServletResponse response) throws IOException {
		AuditQuery query = query(actor, action, target, outcome, from, to);
		response.setContentType("text/csv;charset=UTF-8");
		response.setHeader(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"audit-records.csv\"");
		Writer out = new BufferedWriter(new OutputStreamWriter(response.getOutputStream(), StandardCharsets.UTF_8));
		// Excel reads UTF-8 only with the byte order mark
		out.write('\uFEFF');
		this.trail.exportCsv(query, out);
		out.flush();
	}

	@GetMapping("/verify")
	@RequiresPermission(PlatformPermissions.AUDIT_READ)
	AuditChainStatus verify() {
		return this.trail.verifyChain();
	}

	private static AuditQuery query(String actor, String action, String target, String outcome, String from,
			String to) {
		String targetType = blankToNull(target);
		String targetId = null;
		if (targetType != null && targetType.indexOf(':') >= 0) {
			targetId = blankToNull(targetType.substring(targetType.indexOf(':') + 1));
			targetType = blankToNull(targetType.substring(0, targetType.indexOf(':')));
		}
		Outcome parsedOutcome = null;
		if (blankToNull(outcome) != null) {
			try {
				parsedOutcome = Outcome.valueOf(outcome.strip().toUpperCase(Locale.ROOT));
			}
			catch (IllegalArgumentException ex) {
				throw TianshuException.invalidField("outcome", "audit.outcome-invalid",
						"outcome must be SUCCESS, FAILURE or DENIED");
			}
		}
		Instant fromInstant = time("from", from, false);
		Instant toInstant = time("to", to, true);
		if (fromInstant != null && toInstant != null && !fromInstant.isBefore(toInstant)) {
			throw TianshuException.invalidField("to", "audit.range-invalid", "to must be after from");
		}
		return new AuditQuery(blankToNull(actor), blankToNull(action), targetType, targetId, parsedOutcome, fromInstant,
				toInstant);
	}

	private static Instant time(String field, String value, boolean endOfRange) {
		String v = blankToNull(value);
		if (v == null) {
			return null;
		}
		try {
			if (v.length() == 10) {
				LocalDate date = LocalDate.parse(v);
				return (endOfRange ? date.plusDays(1) : date).atStartOfDay().toInstant(ZoneOffset.UTC);
			}
			return OffsetDateTime.parse(v).toInstant();
		}
		catch (DateTimeException ex) {
			throw TianshuException.invalidField(field, "audit.time-invalid",
					field + " must be an ISO-8601 date or date-time with offset");
		}
	}

	private static int limit(String limit) {
		if (blankToNull(limit) == null) {
			return AuditTrail.DEFAULT_LIMIT;
		}
		try {
			return Integer.parseInt(limit.strip());
		}
		catch (NumberFormatException ex) {
			throw TianshuException.invalidField("limit", "page.limit-out-of-range",
					"limit must be between 1 and " + AuditTrail.MAX_LIMIT);
		}
	}

	private static String blankToNull(String value) {
		return (value == null || value.isBlank()) ? null : value.strip();
	}

}
