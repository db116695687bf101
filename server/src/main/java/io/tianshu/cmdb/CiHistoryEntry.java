package io.tianshu.cmdb;

import java.time.Instant;
import java.util.Map;

/**
 * One change of a CI.
 *
 * @param version the CI's version after the change
 * @param change CREATED, UPDATED, STATE_CHANGED or RETIRED
 * @param diff changed fields ({@code name}, {@code state}, {@code ownerTeamId},
 * {@code attributes.<code>}) with {@code from} and {@code to}
 * @param actor who changed it
 * @param source where the change came from
 * @param requestId the API request, when there was one
 * @param changedAt when
 */
public record CiHistoryEntry(int version, CiChanged.Kind change, Map<String, FieldChange> diff, String actor,
		ChangeSource source, String requestId, Instant changedAt) {

	/** The old and the new value of one field. */
	public record FieldChange(Object from, Object to) {
	}

}
