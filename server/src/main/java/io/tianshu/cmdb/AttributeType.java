package io.tianshu.cmdb;

/**
 * The type of a model attribute; it decides the JSON shape a CI value must have.
 */
public enum AttributeType {

	/** A single-line string (at most 1,000 characters unless {@code max} says less). */
	STRING,
	/** A multi-line string (at most 100,000 characters). */
	TEXT,
	/** A whole number (JSON integer, 64 bits). */
	INT,
	/** A decimal number (JSON number). */
	DECIMAL,
	/** {@code true} or {@code false}. */
	BOOL,
	/** One of the attribute's {@code enumValues}. */
	ENUM,
	/** An ISO-8601 date, {@code 2025-10-09}. */
	DATE,
	/**
	 * An ISO-8601 instant with offset, {@code 2025-10-09T10:00:00+08:00}; stored in UTC.
	 */
	DATETIME,
	/** An IPv4 or IPv6 address literal. */
	IP,
	/** An IPv4 or IPv6 network, {@code 10.1.0.0/16}. */
	CIDR,
	/** An absolute http, https or ftp URL. */
	URL,
	/** A JSON array of values of {@code itemType} (STRING when not given). */
	LIST,
	/** The id of another CI, of {@code referenceModel} when given. */
	REFERENCE,
	/** Any JSON value. */
	JSON;

	/** Whether {@code min}/{@code max} bound the value (numbers) or its length/size. */
	public boolean hasRange() {
		return this == INT || this == DECIMAL || this == STRING || this == TEXT || this == LIST;
	}

	/** Whether a regular expression may constrain the value. */
	public boolean hasPattern() {
		return this == STRING || this == TEXT || this == URL;
	}

	/** Whether values can be unique or part of an identification rule. */
	public boolean isIdentifying() {
		return this != TEXT && this != LIST && this != JSON && this != BOOL;
	}

}
