package io.tianshu.platform;

/**
 * Demo data a module contributes. All contributions run once, in {@link #order()} order,
 * on the first start of an empty database, unless demo data is switched off
 * ({@code --no-demo} or {@code tianshu.demo=false}). A failure stops the start-up:
 * half-loaded demo data would mislead.
 */
public interface DemoData {

	/** Lower runs earlier; platform contributions use 0–99, other modules 100 and up. */
	default int order() {
		return 100;
	}

	/** A short name for the log, such as {@code "cmdb: securities business systems"}. */
	String name();

	/** Loads the data, running as the system actor. */
	void load();

}
