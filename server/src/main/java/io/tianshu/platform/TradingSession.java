package io.tianshu.platform;

import java.io.Serializable;
import java.time.LocalTime;
import java.util.Objects;

/**
 * One trading session of a market day, {@code [start, end)} in the calendar's time zone,
 * such as the call auction (集合竞价) {@code 09:15–09:25}.
 *
 * @param name stable name ({@code call-auction}, {@code continuous-morning})
 * @param start inclusive
 * @param end exclusive, after {@code start}
 */
public record TradingSession(String name, LocalTime start, LocalTime end) implements Serializable {

	public TradingSession {
		Objects.requireNonNull(name, "name");
		Objects.requireNonNull(start, "start");
		Objects.requireNonNull(end, "end");
		if (!end.isAfter(start)) {
			throw new IllegalArgumentException("Session " + name + " must end after it starts");
		}
	}

}
