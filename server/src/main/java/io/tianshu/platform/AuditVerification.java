package io.tianshu.platform;

/**
 * Proves that the audit trail (审计) has not been altered: every record's hash, the links
 * between records, the gapless sequence, the anchors left by retention and the chain head
 * are recomputed and compared.
 */
public interface AuditVerification {

	/**
	 * Verifies the whole remaining chain, streaming it in sequence order. Reads a
	 * consistent snapshot, so concurrent appends do not make it fail.
	 * <p>
	 * The caller needs {@link PlatformPermissions#AUDIT_READ} or
	 * {@link PlatformPermissions#SECURITY_POSTURE_READ} (or runs as the system).
	 * @return the status; never throws for a broken chain
	 */
	AuditChainStatus verifyChain();

}
