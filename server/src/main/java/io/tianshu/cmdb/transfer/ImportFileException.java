package io.tianshu.cmdb.transfer;

import java.util.List;
import java.util.Map;

import io.tianshu.platform.FieldViolation;
import io.tianshu.platform.ProblemKind;
import io.tianshu.platform.TianshuException;

/**
 * The uploaded file as a whole cannot be imported (empty, undecodable, malformed, wrong
 * headers, too many rows): answered 422 with a stable code and nothing stored.
 */
final class ImportFileException {

	private ImportFileException() {
	}

	static TianshuException of(String code, String detail) {
		return of(code, detail, Map.of());
	}

	static TianshuException of(String code, String detail, Map<String, Object> params) {
		return new TianshuException(ProblemKind.INVALID, code, detail, params,
				List.of(new FieldViolation("file", code, detail)));
	}

}
