package io.tianshu.platform.audit;

import java.time.Instant;
import java.util.UUID;

/**
 * One audit record as stored, with its place in the chain. {@code before} and
 * {@code after} are canonical JSON text (or {@code null}).
 */
record ChainedRecord(long id, long seq, Instant occurredAt, String actorKind, UUID actorId, String actorName,
		UUID tokenId, String sourceAddress, String requestId, String action, String targetType, String targetId,
		String outcome, String before, String after, String detail, String prevHash, String hash) {

	ChainedRecord withHashes(String prevHash, String hash) {
		return new ChainedRecord(this.id, this.seq, this.occurredAt, this.actorKind, this.actorId, this.actorName,
				this.tokenId, this.sourceAddress, this.requestId, this.action, this.targetType, this.targetId,
				this.outcome, this.before, this.after, this.detail, prevHash, hash);
	}

}
