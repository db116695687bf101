package io.tianshu.platform;

/**
 * How risky an operation is (风险等级), lowest first.
 */
public enum OperationRisk {

	LOW, MEDIUM, HIGH, CRITICAL;

	public boolean atLeast(OperationRisk other) {
		return compareTo(other) >= 0;
	}

}
