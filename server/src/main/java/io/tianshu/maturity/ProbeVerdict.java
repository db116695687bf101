package io.tianshu.maturity;

/** What a probe found. */
public enum ProbeVerdict {

	/** The records show the criteria are met. */
	MET,
	/** The records show they are not. */
	NOT_MET,
	/**
	 * Tianshu cannot see it (yet): the module is not installed or offers no API for it.
	 */
	NOT_OBSERVABLE

}
