package io.tianshu.cmdb;

import java.util.EnumSet;
import java.util.Set;

/**
 * The lifecycle of a CI (生命周期): planned → in use ⇄ maintenance, and from any of them to
 * retired, which is final. A retired CI keeps its history but cannot change and releases
 * its unique values and identities.
 */
public enum LifecycleState {

	/** 规划中 */
	PLANNED,
	/** 使用中 */
	IN_USE,
	/** 维护中 */
	MAINTENANCE,
	/** 已下线 */
	RETIRED;

	/** The states this state may move to. */
	public Set<LifecycleState> next() {
		return switch (this) {
			case PLANNED -> EnumSet.of(IN_USE, RETIRED);
			case IN_USE -> EnumSet.of(MAINTENANCE, RETIRED);
			case MAINTENANCE -> EnumSet.of(IN_USE, RETIRED);
			case RETIRED -> EnumSet.noneOf(LifecycleState.class);
		};
	}

	public boolean canMoveTo(LifecycleState target) {
		return next().contains(target);
	}

}
