package io.tianshu.cmdb;

/**
 * How many relations of one definition a CI may have. The first word is the source side:
 * {@code ONE_TO_MANY} lets a source have many targets but each target only one source (a
 * rack contains many hosts; a host is in one rack).
 */
public enum Cardinality {

	ONE_TO_ONE, ONE_TO_MANY, MANY_TO_MANY;

	/** Whether a source may have at most one target. */
	public boolean singleTarget() {
		return this == ONE_TO_ONE;
	}

	/** Whether a target may have at most one source. */
	public boolean singleSource() {
		return this != MANY_TO_MANY;
	}

}
