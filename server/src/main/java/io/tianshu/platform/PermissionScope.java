package io.tianshu.platform;

import java.util.Collection;
import java.util.Objects;
import java.util.Set;

/**
 * Where the caller holds a permission, from the scopes of the role assignments that grant
 * it (see {@link Authorization#scopes}). Either {@linkplain #everywhere() everywhere} (an
 * assignment without scope, the system, or a caller outside identity), or a set of
 * {@link Area areas}; an empty set means nowhere (the permission is not held).
 *
 * @param everywhere whether the permission holds without restriction
 * @param areas where it holds when not everywhere; empty when everywhere
 */
public record PermissionScope(boolean everywhere, Set<Area> areas) {

	/** Held without restriction. */
	public static final PermissionScope EVERYWHERE = new PermissionScope(true, Set.of());

	/** Not held at all. */
	public static final PermissionScope NOWHERE = new PermissionScope(false, Set.of());

	public PermissionScope {
		areas = everywhere ? Set.of() : Set.copyOf(areas);
	}

	/** Held within the areas only (nowhere when there are none). */
	public static PermissionScope within(Collection<Area> areas) {
		return new PermissionScope(false, Set.copyOf(areas));
	}

	/** Whether the permission is held anywhere. */
	public boolean any() {
		return this.everywhere || !this.areas.isEmpty();
	}

	/**
	 * Whether an object of the business systems and environments is within the scope:
	 * some area whose business system is {@code null} or among {@code businessSystems},
	 * and whose environment is {@code null} or among {@code environments}.
	 */
	public boolean allows(Collection<String> businessSystems, Collection<String> environments) {
		if (this.everywhere) {
			return true;
		}
		for (Area area : this.areas) {
			if ((area.businessSystem() == null || businessSystems.contains(area.businessSystem()))
					&& (area.environment() == null || environments.contains(area.environment()))) {
				return true;
			}
		}
		return false;
	}

	/**
	 * One business system and/or one environment, as a role assignment's scope names
	 * them; a {@code null} part means any. At least one part is set.
	 */
	public record Area(String businessSystem, String environment) {

		public Area {
			if (businessSystem == null && environment == null) {
				throw new IllegalArgumentException("an area names a business system, an environment or both");
			}
		}

		@Override
		public String toString() {
			return Objects.toString(this.businessSystem, "*") + "/" + Objects.toString(this.environment, "*");
		}

	}

}
