package io.tianshu.cmdb;

import java.time.Instant;

/**
 * A CI was created, changed, moved to another lifecycle state, retired or verified.
 * Published in the transaction of the change (the event publication registry stores it).
 *
 * @param ci the CI
 * @param model its model code
 * @param kind what happened
 * @param version the CI's version after the change
 * @param source where the change came from
 * @param changedAt when
 */
public record CiChanged(CiId ci, String model, Kind kind, int version, ChangeSource source, Instant changedAt) {

	public enum Kind {

		CREATED, UPDATED, STATE_CHANGED, RETIRED,
		/**
		 * A data steward confirmed the CI's data is still correct (核实) without changing
		 * it; counts for data-quality freshness.
		 */
		VERIFIED

	}

}
