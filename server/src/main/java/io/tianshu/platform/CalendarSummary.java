package io.tianshu.platform;

import java.util.UUID;

/**
 * A calendar as listed.
 *
 * @param id its id
 * @param code stable code other modules refer to ({@code CN-WORK}, {@code CN-A})
 * @param name display name
 * @param kind what it describes
 * @param timeZone IANA zone id
 * @param builtIn shipped with Tianshu and refreshed at every start
 * @param source where its holiday data comes from, may be {@code null}
 */
public record CalendarSummary(UUID id, String code, String name, CalendarKind kind, String timeZone, boolean builtIn,
		String source) {
}
