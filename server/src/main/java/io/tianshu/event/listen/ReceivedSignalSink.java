package io.tianshu.event.listen;

import java.util.List;

/**
 * Where the syslog and SNMP listeners deliver what they received; the event module's
 * intake implements it. The listeners collect signals into batches (up to
 * {@code batch-size} signals or {@code batch-delay}) and call {@link #accept} from one
 * thread per protocol, so an implementation may commit one transaction per call. Without
 * another bean of this type, {@link LoggingSignalSink} only counts and logs.
 */
public interface ReceivedSignalSink {

	/**
	 * Stores the signals; returns only when they are durably stored. An exception means
	 * none of them is stored: the listener retries the same batch (with back-off) while
	 * it runs, and meanwhile drops what no longer fits its queue, counted as
	 * {@code <protocol>.overloaded}.
	 * @param signals one batch, in arrival order, never empty
	 * @throws Exception when the signals could not be stored
	 */
	void accept(List<ReceivedSignal> signals) throws Exception;

}
