package io.tianshu.maturity.assessment;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

import io.tianshu.maturity.assessment.CriterionAnswer.AttachmentInfo;
import io.tianshu.platform.TianshuException;

/**
 * Evidence files (证明材料), stored in the database with their assessment: at most
 * {@link #MAX_BYTES}, of an allowed type whose first bytes agree with the declared type
 * (a renamed executable is refused).
 */
public final class Attachments {

	/** 5 MiB per file. */
	public static final int MAX_BYTES = 5 * 1024 * 1024;

	/**
	 * Allowed media types and the magic bytes their content starts with ({@code null}:
	 * text).
	 */
	static final Map<String, byte[]> ALLOWED = Map.ofEntries(Map.entry("application/pdf", "%PDF".getBytes()),
			Map.entry("image/png", new byte[] { (byte) 0x89, 'P', 'N', 'G' }),
			Map.entry("image/jpeg", new byte[] { (byte) 0xFF, (byte) 0xD8, (byte) 0xFF }),
			Map.entry("image/gif", "GIF8".getBytes()),
			Map.entry("application/vnd.openxmlformats-officedocument.wordprocessingml.document", zip()),
			Map.entry("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", zip()),
			Map.entry("application/vnd.openxmlformats-officedocument.presentationml.presentation", zip()),
			Map.entry("text/plain", new byte[0]), Map.entry("text/csv", new byte[0]),
			Map.entry("application/json", new byte[0]));

	private Attachments() {
	}

	private static byte[] zip() {
		return new byte[] { 'P', 'K', 3, 4 };
	}

	/** A checked upload. */
	record Checked(String fileName, String contentType) {
	}

	/** A stored file with its content. */
	public record Stored(AttachmentInfo info, byte[] content) {
	}

	/**
	 * Checks an upload; 422 {@code maturity.attachment.empty}, {@code .too-large},
	 * {@code .type-not-allowed} or {@code .content-mismatch} on field {@code file}.
	 */
	static Checked check(String fileName, String contentType, byte[] content) {
		if (content == null || content.length == 0) {
			throw TianshuException.invalidField("file", "maturity.attachment.empty", "The file is empty");
		}
		if (content.length > MAX_BYTES) {
			throw TianshuException.invalidField("file", "maturity.attachment.too-large", "At most 5 MiB");
		}
		String type = (contentType != null) ? contentType.split(";")[0].strip().toLowerCase(Locale.ROOT) : "";
		byte[] magic = ALLOWED.get(type);
		if (magic == null) {
			throw TianshuException.invalidField("file", "maturity.attachment.type-not-allowed",
					"PDF, PNG, JPEG, GIF, Office documents, text, CSV or JSON only");
		}
		boolean matches = (magic.length == 0) ? isText(content) : startsWith(content, magic);
		if (!matches) {
			throw TianshuException.invalidField("file", "maturity.attachment.content-mismatch",
					"The content is not " + type);
		}
		String name = (fileName != null) ? fileName.replaceAll("[\\\\/\\p{Cntrl}]", "_").strip() : "";
		if (name.isEmpty()) {
			name = "attachment";
		}
		if (name.length() > 200) {
			name = name.substring(name.length() - 200);
		}
		return new Checked(name, type);
	}

	private static boolean startsWith(byte[] content, byte[] magic) {
		if (content.length < magic.length) {
			return false;
		}
		for (int i = 0; i < magic.length; i++) {
			if (content[i] != magic[i]) {
				return false;
			}
		}
		return true;
	}

	private static boolean isText(byte[] content) {
		for (byte b : content) {
			if (b == 0) {
				return false;
			}
		}
		return true;
	}

	static AttachmentInfo info(ResultSet rs, int row) throws SQLException {
		return new AttachmentInfo(rs.getObject("id", UUID.class), rs.getString("criterion_id"),
				rs.getString("file_name"), rs.getString("content_type"), rs.getLong("size"),
				rs.getString("uploaded_by"), rs.getTimestamp("uploaded_at").toInstant());
	}

}
