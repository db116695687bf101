package io.tianshu.event;

import java.util.Locale;
import java.util.Optional;

/**
 * The common severity scale (告警级别) every source's severity is mapped to, most severe
 * first.
 */
public enum Severity {

	CRITICAL, MAJOR, MINOR, WARNING, INFO;

	/** Whether this is at least as severe as the other. */
	public boolean atLeast(Severity other) {
		return ordinal() <= other.ordinal();
	}

	/** The severity named exactly (any case), or empty. */
	public static Optional<Severity> parse(String name) {
		if (name == null) {
			return Optional.empty();
		}
		try {
			return Optional.of(valueOf(name.strip().toUpperCase(Locale.ROOT)));
		}
		catch (IllegalArgumentException ex) {
			return Optional.empty();
		}
	}

}
