package io.tianshu.platform;

import java.util.UUID;

/**
 * Who does something: a person signed in to the console, an API token acting for its
 * owner, Tianshu itself (schedules, listeners, demo data) or nobody yet (a failed login).
 *
 * @param kind what kind of caller
 * @param userId the person's id ({@code null} for the system and anonymous callers)
 * @param name the user name, {@code "system"}, or the name a failed login attempted
 * @param tokenId the API token used, when {@code kind} is {@link Kind#TOKEN}
 */
public record Actor(Kind kind, UUID userId, String name, UUID tokenId) {

	public static final Actor SYSTEM = new Actor(Kind.SYSTEM, null, "system", null);

	public static Actor user(UUID userId, String name) {
		return new Actor(Kind.USER, userId, name, null);
	}

	public static Actor token(UUID userId, String name, UUID tokenId) {
		return new Actor(Kind.TOKEN, userId, name, tokenId);
	}

	public static Actor anonymous(String attemptedName) {
		return new Actor(Kind.ANONYMOUS, null, attemptedName, null);
	}

	public enum Kind {

		USER, TOKEN, SYSTEM, ANONYMOUS

	}

}
