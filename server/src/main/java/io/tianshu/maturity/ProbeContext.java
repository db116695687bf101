package io.tianshu.maturity;

import java.time.Instant;

/**
 * What a probe run judges: the evidence window from {@code since} to {@code now}. A
 * capability that left no trace in the window (no token used, no model changed) is not
 * shown by the evidence, so a probe answers {@link ProbeVerdict#NOT_MET} for it.
 *
 * @param now when the run happens
 * @param since the start of the evidence window
 */
public record ProbeContext(Instant now, Instant since) {
}
