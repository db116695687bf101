package io.tianshu.maturity.probe;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * One run of the probes.
 *
 * @param id its id
 * @param trigger {@code MANUAL}, {@code SCHEDULE} or {@code DEMO}
 * @param triggeredBy who asked ({@code system} for the schedule)
 * @param since the start of the evidence window
 * @param startedAt when it started
 * @param finishedAt when it ended
 * @param frameworkVersions the framework data (id → version) bindings were resolved
 * against
 * @param results one per probe run
 */
public record ProbeRun(UUID id, String trigger, String triggeredBy, Instant since, Instant startedAt,
		Instant finishedAt, Map<String, String> frameworkVersions, List<ProbeResult> results) {
}
