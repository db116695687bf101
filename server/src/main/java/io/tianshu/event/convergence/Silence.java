package io.tianshu.event.convergence;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import io.swagger.v3.oas.annotations.media.Schema;

/**
 * A silence (静默), as in Alertmanager: alerts matching all {@code matchers} (labels only;
 * use {@code ciId} / {@code businessSystemId} to scope by CI or business system) between
 * {@code startsAt} and {@code endsAt} are suppressed — still recorded, their resolution
 * still tracked — and open again when it ends. {@code status}: {@code pending} (not
 * started), {@code active}, {@code expired}.
 */
public record Silence(UUID id, List<String> matchers, UUID ciId, UUID businessSystemId, Instant startsAt,
		Instant endsAt, String createdBy, String comment, String status, Instant createdAt, Instant updatedAt) {

	/**
	 * What a client sends: at least one matcher or a CI / business system;
	 * {@code startsAt} defaults to now; {@code endsAt} must be after it; a comment is
	 * required.
	 */
	@Schema(name = "SilenceDraft")
	public record Draft(List<String> matchers, UUID ciId, UUID businessSystemId, Instant startsAt, Instant endsAt,
			String comment) {
	}

	/** What the silence editor previews: the scope, and how many alerts to list. */
	public record PreviewRequest(List<String> matchers, UUID ciId, UUID businessSystemId, Integer limit) {
	}

}
