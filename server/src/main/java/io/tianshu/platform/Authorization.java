package io.tianshu.platform;

import java.util.function.Supplier;

/**
 * The one place modules ask "who is calling, and may they?". Facades call
 * {@link #require} so that API calls, schedules and event listeners are checked the same
 * way.
 */
public interface Authorization {

	/**
	 * The caller of the current request or task; {@link Actor#SYSTEM} inside
	 * {@link #runAsSystem}.
	 */
	Actor currentActor();

	/**
	 * Whether the caller holds the permission ({@link Actor#SYSTEM} holds every
	 * permission).
	 */
	boolean has(String permission);

	/**
	 * Returns when the caller holds the permission; otherwise throws a
	 * {@link TianshuException} of kind {@link ProblemKind#UNAUTHENTICATED} (no caller) or
	 * {@link ProblemKind#FORBIDDEN}.
	 */
	void require(String permission);

	/**
	 * Where the caller holds the permission: {@link PermissionScope#EVERYWHERE} for the
	 * system, for callers whose grant is not tied to role assignments and when any
	 * assignment granting it has no scope; otherwise the scopes of the assignments that
	 * grant it. An API token acts within its owner's scopes for the permissions it
	 * carries. {@link PermissionScope#NOWHERE} when the permission is not held. Modules
	 * decide what belongs to a business system or environment.
	 */
	PermissionScope scopes(String permission);

	/** Runs work as Tianshu itself, for schedules, listeners and demo data. */
	<T> T runAsSystem(Supplier<T> work);

	default void runAsSystem(Runnable work) {
		runAsSystem(() -> {
			work.run();
			return null;
		});
	}

}
