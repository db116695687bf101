package io.tianshu.maturity;

/** How an assessment answers one criterion. */
public enum Answer {

	/** 满足. */
	MET,
	/** 部分满足: counts as not met for the level. */
	PARTLY,
	/** 不满足. */
	NOT_MET,
	/** 不适用: counts as met for the level. */
	NOT_APPLICABLE;

	/** Whether the answer lets a level be reached. */
	public boolean satisfies() {
		return this == MET || this == NOT_APPLICABLE;
	}

}
