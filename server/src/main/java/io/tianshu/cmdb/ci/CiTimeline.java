package io.tianshu.cmdb.ci;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

import io.tianshu.cmdb.CiChanged;
import io.tianshu.cmdb.CiHistoryEntry;
import io.tianshu.cmdb.CiHistoryEntry.FieldChange;
import io.tianshu.cmdb.CiId;
import io.tianshu.cmdb.ConfigurationItem;
import io.tianshu.cmdb.LifecycleState;

/**
 * Rebuilds a CI from its history by applying each field diff in version order: the
 * point-in-time view needs no snapshots.
 */
final class CiTimeline {

	private CiTimeline() {
	}

	/** The CI after the given entries (oldest first, starting with its creation). */
	static ConfigurationItem rebuild(CiId id, String model, List<CiHistoryEntry> entries) {
		String name = null;
		String state = null;
		String owner = null;
		Map<String, Object> attributes = new TreeMap<>();
		for (CiHistoryEntry entry : entries) {
			for (Map.Entry<String, FieldChange> change : entry.diff().entrySet()) {
				Object to = change.getValue().to();
				String field = change.getKey();
				switch (field) {
					case "name" -> name = (String) to;
					case "state" -> state = (String) to;
					case "ownerTeamId" -> owner = (String) to;
					default -> {
						String code = field.substring("attributes.".length());
						if (to == null) {
							attributes.remove(code);
						}
						else {
							attributes.put(code, to);
						}
					}
				}
			}
		}
		CiHistoryEntry first = entries.get(0);
		CiHistoryEntry last = entries.get(entries.size() - 1);
		// a verification changes no data, so it does not move updatedAt (it still counts
		// the version)
		CiHistoryEntry lastChange = entries.reversed()
			.stream()
			.filter((e) -> e.change() != CiChanged.Kind.VERIFIED)
			.findFirst()
			.orElse(last);
		return new ConfigurationItem(id, model, name, LifecycleState.valueOf(state),
				(owner != null) ? UUID.fromString(owner) : null, attributes, last.version(), first.changedAt(),
				lastChange.changedAt());
	}

}
