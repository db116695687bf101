package io.tianshu.event;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.UUID;

/**
 * One thing a source said about one alert, normalised, as handed to {@link AlertIntake}.
 * Build it with {@link #builder}.
 *
 * @param integrationId the integration it arrived through
 * @param fingerprint the source's own key of the alert (Alertmanager fingerprint,
 * PagerDuty {@code dedup_key}, Zabbix event id), never re-hashed; together with the
 * integration it identifies the alert
 * @param status what the source says
 * @param severity the severity on the common scale
 * @param sourceSeverity the severity as the source named it, or {@code null}
 * @param summary one line
 * @param resource what is affected as the source names it (host, PagerDuty
 * {@code source}), or {@code null}
 * @param labels identifying and routing labels (sorted)
 * @param annotations descriptive texts (sorted)
 * @param links links and images
 * @param details further structured detail (PagerDuty {@code custom_details}), or
 * {@code null}
 * @param startsAt when the problem started at the source
 * @param endsAt when it ended or, with {@code autoResolve}, when it is to be considered
 * resolved unless re-sent; {@code null} when unknown
 * @param autoResolve whether the alert resolves by itself once {@code endsAt} passes
 * (Alertmanager API semantics)
 * @param groupKey the sender's group key (Alertmanager {@code groupKey}), or {@code null}
 * @param generatorUrl where the alert was generated, or {@code null}
 * @param receivedAt when Tianshu received it
 */
public record IncomingSignal(UUID integrationId, String fingerprint, SignalStatus status, Severity severity,
		String sourceSeverity, String summary, String resource, Map<String, String> labels,
		Map<String, String> annotations, List<AlertLink> links, Map<String, Object> details, Instant startsAt,
		Instant endsAt, boolean autoResolve, String groupKey, String generatorUrl, Instant receivedAt) {

	public IncomingSignal {
		Objects.requireNonNull(integrationId, "integrationId");
		Objects.requireNonNull(fingerprint, "fingerprint");
		Objects.requireNonNull(status, "status");
		Objects.requireNonNull(severity, "severity");
		Objects.requireNonNull(receivedAt, "receivedAt");
		summary = (summary != null) ? summary : "";
		labels = (labels != null) ? new TreeMap<>(labels) : new TreeMap<>();
		annotations = (annotations != null) ? new TreeMap<>(annotations) : new TreeMap<>();
		links = (links != null) ? List.copyOf(links) : List.of();
		startsAt = (startsAt != null) ? startsAt : receivedAt;
	}

	public static Builder builder(UUID integrationId, String fingerprint, SignalStatus status, Instant receivedAt) {
		return new Builder(integrationId, fingerprint, status, receivedAt);
	}

	/** A copy with other labels and severity (what transform rules change). */
	public IncomingSignal with(Map<String, String> labels, Severity severity) {
		return new IncomingSignal(this.integrationId, this.fingerprint, this.status, severity, this.sourceSeverity,
				this.summary, this.resource, labels, this.annotations, this.links, this.details, this.startsAt,
				this.endsAt, this.autoResolve, this.groupKey, this.generatorUrl, this.receivedAt);
	}

	/**
	 * Builds an {@link IncomingSignal}; severity defaults to {@link Severity#WARNING}.
	 */
	public static final class Builder {

		private final UUID integrationId;

		private final String fingerprint;

		private final SignalStatus status;

		private final Instant receivedAt;

		private Severity severity = Severity.WARNING;

		private String sourceSeverity;

		private String summary;

		private String resource;

		private Map<String, String> labels;

		private Map<String, String> annotations;

		private List<AlertLink> links;

		private Map<String, Object> details;

		private Instant startsAt;

		private Instant endsAt;

		private boolean autoResolve;

		private String groupKey;

		private String generatorUrl;

		private Builder(UUID integrationId, String fingerprint, SignalStatus status, Instant receivedAt) {
			this.integrationId = integrationId;
			this.fingerprint = fingerprint;
			this.status = status;
			this.receivedAt = receivedAt;
		}

		public Builder severity(Severity severity, String sourceSeverity) {
			this.severity = severity;
			this.sourceSeverity = sourceSeverity;
			return this;
		}

		public Builder summary(String summary) {
			this.summary = summary;
			return this;
		}

		public Builder resource(String resource) {
			this.resource = resource;
			return this;
		}

		public Builder labels(Map<String, String> labels) {
			this.labels = labels;
			return this;
		}

		public Builder annotations(Map<String, String> annotations) {
			this.annotations = annotations;
			return this;
		}

		public Builder links(List<AlertLink> links) {
			this.links = links;
			return this;
		}

		public Builder details(Map<String, Object> details) {
			this.details = details;
			return this;
		}

		public Builder startsAt(Instant startsAt) {
			this.startsAt = startsAt;
			return this;
		}

		public Builder endsAt(Instant endsAt, boolean autoResolve) {
			this.endsAt = endsAt;
			this.autoResolve = autoResolve;
			return this;
		}

		public Builder groupKey(String groupKey) {
			this.groupKey = groupKey;
			return this;
		}

		public Builder generatorUrl(String generatorUrl) {
			this.generatorUrl = generatorUrl;
			return this;
		}

		public IncomingSignal build() {
			return new IncomingSignal(this.integrationId, this.fingerprint, this.status, this.severity,
					this.sourceSeverity, this.summary, this.resource, this.labels, this.annotations, this.links,
					this.details, this.startsAt, this.endsAt, this.autoResolve, this.groupKey, this.generatorUrl,
					this.receivedAt);
		}

	}

}
