package io.tianshu.event;

import java.time.Instant;
import java.util.Map;

/**
 * Read-only figures on what the intake did with the signals it received (原始事件), for noise
 * reduction measured over a window (raw events : alerts). Counts the signals that reached
 * the intake's writer ({@code event.raw_event}); signals a drop rule discarded before are
 * not in it (they are counted per integration, {@code /integrations/{id}/stats}).
 * Requires {@link EventPermissions#ALERT_READ} ({@code Authorization.runAsSystem} holds
 * it).
 */
public interface EventStatistics {

	/**
	 * What the intake did with the signals received at or after {@code since}.
	 * @param since the window's start (inclusive)
	 */
	Noise noise(Instant since);

	/**
	 * Signals received in a window and what became of them.
	 *
	 * @param since the window's start
	 * @param received every signal received (firing, resolved, acknowledged, expired)
	 * @param firing the firing signals among them — the ones that could open an alert
	 * @param opened firing signals that opened an alert ({@code CREATED} or
	 * {@code REOPENED})
	 * @param merged firing signals merged into an alert already open ({@code DUPLICATE}
	 * or {@code UPDATED})
	 * @param byOutcome every received signal counted by its intake outcome
	 */
	record Noise(Instant since, long received, long firing, long opened, long merged, Map<String, Long> byOutcome) {

		public Noise {
			byOutcome = Map.copyOf(byOutcome);
		}

		/**
		 * The share of firing signals that did not become an alert of their own, 0–1
		 * ({@code 1 - opened / firing}); {@code null} without firing signals.
		 */
		public Double reduction() {
			return (this.firing == 0) ? null : 1.0 - ((double) this.opened / this.firing);
		}

	}

}
