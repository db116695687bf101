package io.tianshu.cmdb.transfer;

/**
 * The uploaded file is larger than {@link TransferLimits#MAX_BYTES}; answered 413
 * {@code cmdb.import.too-large}.
 */
public class FileTooLargeException extends RuntimeException {

	private final long size;

	public FileTooLargeException(long size) {
		super("The file has " + size + " bytes; an import takes at most " + TransferLimits.MAX_BYTES
				+ " bytes (50 MB): split it into several files");
		this.size = size;
	}

	public long size() {
		return this.size;
	}

	public long maxBytes() {
		return TransferLimits.MAX_BYTES;
	}

}
