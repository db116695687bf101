package io.tianshu.platform;

import java.util.List;

/**
 * What an import did.
 *
 * @param imported days written
 * @param skipped lines or events not imported because they were invalid
 * @param errors why, one per skipped line or event
 */
public record CalendarImportResult(int imported, int skipped, List<LineError> errors) {

	/**
	 * One rejected line.
	 *
	 * @param line 1-based line number in the file
	 * @param code stable code ({@code calendar.import.bad-date})
	 * @param message English message
	 */
	public record LineError(int line, String code, String message) {
	}

}
