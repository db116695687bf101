package io.tianshu.event.intake;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.UUID;

/**
 * An alert row as the writer holds it while applying a batch: read under a row lock,
 * changed in memory, written back in one batched upsert. Labels and the other JSON
 * columns stay JSON text.
 */
final class AlertRow {

	long id;

	Instant firstSeen;

	UUID integrationId;

	String source;

	String fingerprint;

	String groupKey;

	String status;

	String state;

	String severity;

	String sourceSeverity;

	String summary;

	String resource;

	String labels;

	String annotations;

	String links;

	String details;

	String generatorUrl;

	Instant startsAt;

	Instant endsAt;

	boolean autoResolve;

	Instant lastSeen;

	int occurrences;

	int duplicates;

	String lastHash;

	Instant stateChangedAt;

	Instant acknowledgedAt;

	String acknowledgedBy;

	Instant resolvedAt;

	Instant closedAt;

	String assigneeUser;

	UUID assigneeTeam;

	UUID ciId;

	UUID businessSystemId;

	UUID ownerTeamId;

	boolean flapping;

	int version;

	/** The version read from the database, -1 for an alert created in this batch. */
	int loadedVersion = -1;

	/** Changed beyond what {@link #touched} covers: the whole row is written. */
	boolean dirty;

	/** Only last_seen, duplicates, ends_at and auto_resolve changed (a re-send). */
	boolean touched;

	static AlertRow read(ResultSet rs) throws SQLException {
		AlertRow a = new AlertRow();
		a.id = rs.getLong("id");
		a.firstSeen = instant(rs.getTimestamp("first_seen"));
		a.integrationId = rs.getObject("integration_id", UUID.class);
		a.source = rs.getString("source");
		a.fingerprint = rs.getString("fingerprint");
		a.groupKey = rs.getString("group_key");
		a.status = rs.getString("status");
		a.state = rs.getString("state");
		a.severity = rs.getString("severity");
		a.sourceSeverity = rs.getString("source_severity");
		a.summary = rs.getString("summary");
		a.resource = rs.getString("resource");
		a.labels = rs.getString("labels");
		a.annotations = rs.getString("annotations");
		a.links = rs.getString("links");
		a.details = rs.getString("details");
		a.generatorUrl = rs.getString("generator_url");
		a.startsAt = instant(rs.getTimestamp("starts_at"));
		a.endsAt = instant(rs.getTimestamp("ends_at"));
		a.autoResolve = rs.getBoolean("auto_resolve");
		a.lastSeen = instant(rs.getTimestamp("last_seen"));
		a.occurrences = rs.getInt("occurrences");
		a.duplicates = rs.getInt("duplicates");
		a.lastHash = rs.getString("last_hash");
		a.stateChangedAt = instant(rs.getTimestamp("state_changed_at"));
		a.acknowledgedAt = instant(rs.getTimestamp("acknowledged_at"));
		a.acknowledgedBy = rs.getString("acknowledged_by");
		a.resolvedAt = instant(rs.getTimestamp("resolved_at"));
		a.closedAt = instant(rs.getTimestamp("closed_at"));
		a.assigneeUser = rs.getString("assignee_user");
		a.assigneeTeam = rs.getObject("assignee_team", UUID.class);
		a.ciId = rs.getObject("ci_id", UUID.class);
		a.businessSystemId = rs.getObject("business_system_id", UUID.class);
		a.ownerTeamId = rs.getObject("owner_team_id", UUID.class);
		a.flapping = rs.getBoolean("flapping");
		a.version = rs.getInt("version");
		a.loadedVersion = a.version;
		return a;
	}

	/** A copy with every field (the JSON columns are immutable text). */
	AlertRow copy() {
		AlertRow c = new AlertRow();
		c.id = this.id;
		c.firstSeen = this.firstSeen;
		c.integrationId = this.integrationId;
		c.source = this.source;
		c.fingerprint = this.fingerprint;
		c.groupKey = this.groupKey;
		c.status = this.status;
		c.state = this.state;
		c.severity = this.severity;
		c.sourceSeverity = this.sourceSeverity;
		c.summary = this.summary;
		c.resource = this.resource;
		c.labels = this.labels;
		c.annotations = this.annotations;
		c.links = this.links;
		c.details = this.details;
		c.generatorUrl = this.generatorUrl;
		c.startsAt = this.startsAt;
		c.endsAt = this.endsAt;
		c.autoResolve = this.autoResolve;
		c.lastSeen = this.lastSeen;
		c.occurrences = this.occurrences;
		c.duplicates = this.duplicates;
		c.lastHash = this.lastHash;
		c.stateChangedAt = this.stateChangedAt;
		c.acknowledgedAt = this.acknowledgedAt;
		c.acknowledgedBy = this.acknowledgedBy;
		c.resolvedAt = this.resolvedAt;
		c.closedAt = this.closedAt;
		c.assigneeUser = this.assigneeUser;
		c.assigneeTeam = this.assigneeTeam;
		c.ciId = this.ciId;
		c.businessSystemId = this.businessSystemId;
		c.ownerTeamId = this.ownerTeamId;
		c.flapping = this.flapping;
		c.version = this.version;
		c.loadedVersion = this.loadedVersion;
		c.dirty = this.dirty;
		c.touched = this.touched;
		return c;
	}

	private static Instant instant(Timestamp t) {
		return (t != null) ? t.toInstant() : null;
	}

	/** The column values in {@link AlertWriter#ALERT_COLUMNS} order, as text. */
	String[] columns() {
		return new String[] { Long.toString(this.id), text(this.firstSeen), this.integrationId.toString(), this.source,
				this.fingerprint, this.groupKey, this.status, this.state, this.severity, this.sourceSeverity,
				this.summary, this.resource, this.labels, this.annotations, this.links, this.details, this.generatorUrl,
				text(this.startsAt), text(this.endsAt), Boolean.toString(this.autoResolve), text(this.lastSeen),
				Integer.toString(this.occurrences), Integer.toString(this.duplicates), this.lastHash,
				text(this.stateChangedAt), text(this.acknowledgedAt), this.acknowledgedBy, text(this.resolvedAt),
				text(this.closedAt), this.assigneeUser, text(this.assigneeTeam), text(this.ciId),
				text(this.businessSystemId), text(this.ownerTeamId), Boolean.toString(this.flapping),
				Integer.toString(this.version) };
	}

	/** Every write of a stored alert raises its version: the guard of other writers. */
	private void bump() {
		if (this.version <= this.loadedVersion) {
			this.version = this.loadedVersion + 1;
		}
	}

	/** {@link #columns()} and the version read, for a guarded update. */
	String[] updateColumns() {
		bump();
		String[] columns = columns();
		String[] guarded = java.util.Arrays.copyOf(columns, columns.length + 1);
		guarded[columns.length] = Integer.toString(this.loadedVersion);
		return guarded;
	}

	static String text(Object value) {
		return (value != null) ? value.toString() : null;
	}

}
