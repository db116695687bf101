package io.tianshu.platform;

/**
 * The tamper-evident audit trail (审计). {@link #record} joins the caller's transaction, so
 * a change and its audit record commit or roll back together. Time, actor, source address
 * and request id are taken from the current request and {@link Authorization}, unless the
 * entry names an actor.
 */
public interface Audit {

	void record(AuditEntry entry);

}
