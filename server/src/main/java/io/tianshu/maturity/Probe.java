package io.tianshu.maturity;

import java.util.List;

/**
 * Automatic evidence (自动取证): code that reads Tianshu's own records through module APIs
 * and judges one or more criteria. A probe is a Spring bean; the engine runs every probe
 * on demand and on a schedule, as the system, and stores each outcome with the time, the
 * probe's {@link #version()} and the versions of the loaded frameworks.
 * <p>
 * A probe must never answer {@link ProbeVerdict#MET} for something it cannot see: what a
 * module not yet installed would hold is {@link ProbeVerdict#NOT_OBSERVABLE}, with the
 * reason.
 */
public interface Probe {

	/** Stable id, dotted: {@code platform.audit.chain}. */
	String id();

	/** Bumped whenever the probe judges differently. */
	String version();

	/** What the probe checks, for people. */
	LocalizedText title();

	/**
	 * The criterion ids it judges ({@code 000.7.2.1.3.L2.c}). Ids no loaded framework
	 * knows are reported as unbound, not rejected, so probes and framework data can
	 * change apart.
	 */
	List<String> criteria();

	/** Judges the criteria from what Tianshu holds now; must not change any state. */
	ProbeOutcome evaluate(ProbeContext context);

}
