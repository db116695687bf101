package io.tianshu.platform.security;

/**
 * How far a console sign-in has got. Only {@link #COMPLETE} sessions hold permissions; in
 * the other stages only the endpoints that complete the stage answer.
 */
public enum Stage {

	/** Not signed in. */
	NONE,
	/** Password accepted; the second factor (TOTP or a recovery code) is due. */
	TOTP_REQUIRED,
	/** The password must be changed before anything else (first sign-in, reset). */
	PASSWORD_CHANGE_REQUIRED,
	/** A role requires TOTP and the user has not enrolled yet. */
	TOTP_ENROLMENT_REQUIRED,
	/** Fully signed in. */
	COMPLETE;

	/**
	 * The problem code for a request refused in this stage:
	 * {@code auth.stage.totp-required}.
	 */
	public String problemCode() {
		return "auth.stage." + name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
	}

}
