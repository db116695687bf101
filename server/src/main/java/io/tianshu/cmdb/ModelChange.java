package io.tianshu.cmdb;

/**
 * One difference between two model versions.
 *
 * @param path what changed: {@code name}, {@code attributes.ip},
 * {@code attributes.ip.required}, {@code identificationRules.serial},
 * {@code relations.runs_on->host}
 * @param kind ADDED, REMOVED or CHANGED
 * @param from the old value ({@code null} when added)
 * @param to the new value ({@code null} when removed)
 * @param text a readable English line: {@code attribute ip: required false → true}
 */
public record ModelChange(String path, Kind kind, Object from, Object to, String text) {

	public enum Kind {

		ADDED, REMOVED, CHANGED

	}

}
