package io.tianshu.platform;

/**
 * The result of verifying the audit trail's hash chain.
 *
 * @param intact whether every record, the links between them, the retention anchors and
 * the chain head agree
 * @param checkedRecords how many records were checked (up to the first break)
 * @param firstBrokenId id of the first record that fails the check, or {@code null} when
 * the chain is intact or no remaining record can be named (the tail was truncated)
 * @param reason {@code <code>: <explanation>} of the first break, {@code null} when
 * intact; codes: {@code hash-mismatch}, {@code prev-hash-mismatch}, {@code seq-gap},
 * {@code seq-order}, {@code anchor-mismatch}, {@code head-mismatch}
 */
public record AuditChainStatus(boolean intact, long checkedRecords, Long firstBrokenId, String reason) {

	public static AuditChainStatus intact(long checkedRecords) {
		return new AuditChainStatus(true, checkedRecords, null, null);
	}

	public static AuditChainStatus broken(long checkedRecords, Long firstBrokenId, String reason) {
		return new AuditChainStatus(false, checkedRecords, firstBrokenId, reason);
	}

}
