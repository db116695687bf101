package io.tianshu.cmdb.transfer;

/** How much one import may carry. */
public final class TransferLimits {

	/** The largest file accepted: 50 MB. */
	public static final long MAX_BYTES = 50L * 1024 * 1024;

	/** The most data rows one file may have. */
	public static final int MAX_ROWS = 200_000;

	/** The most row errors a report keeps (the counts stay exact). */
	public static final int MAX_ERRORS = 5_000;

	private TransferLimits() {
	}

}
