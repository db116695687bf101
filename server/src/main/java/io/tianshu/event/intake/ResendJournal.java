package io.tianshu.event.intake;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.tianshu.event.IncomingSignal;

/**
 * One intake writer's re-sends that are journaled but not yet folded into the alerts. A
 * re-send of an unchanged alert changes only its last seen time, its duplicate count and
 * (Alertmanager API) its resolve timeout; the writer journals it (one
 * {@code event.resend_journal} row per transaction, see {@link #encode}) and keeps the
 * alert's new values here, per key, until {@link AlertWriter#fold} writes them with one
 * guarded update per alert and one raw event row standing for all its re-sends. Only the
 * writer thread that owns the journal touches it.
 */
final class ResendJournal {

	private static final byte FORMAT = 1;

	private final Map<AlertWriter.Key, Pending> pending = new LinkedHashMap<>();

	private final List<Long> rows = new ArrayList<>();

	private long since;

	/** The keys of the fold in progress, in journal order, and the rows it deletes. */
	private List<AlertWriter.Key> cycle;

	private int position;

	private List<Long> cycleRows;

	/** Whether nothing is waiting to be folded. */
	boolean isEmpty() {
		return this.pending.isEmpty() && this.rows.isEmpty();
	}

	int size() {
		return this.pending.size();
	}

	/** When (System.nanoTime) the oldest unfolded re-send was journaled. */
	long since() {
		return this.since;
	}

	Pending get(AlertWriter.Key key) {
		return this.pending.get(key);
	}

	/** Whether a fold has started and not yet reached its last chunk. */
	boolean folding() {
		return this.cycle != null;
	}

	/**
	 * The next at most {@code max} alerts to fold. A fold covers the alerts journaled
	 * when it started, a chunk at a time so the writer commits batches in between; its
	 * last chunk also deletes the journal rows written before it started, which by then
	 * hold nothing that is not written.
	 */
	Chunk next(int max) {
		if (this.cycle == null) {
			this.cycle = new ArrayList<>(this.pending.keySet());
			this.cycleRows = List.copyOf(this.rows);
			this.position = 0;
		}
		List<Pending> chunk = new ArrayList<>(Math.min(max, this.cycle.size() - this.position));
		while (chunk.size() < max && this.position < this.cycle.size()) {
			Pending p = this.pending.get(this.cycle.get(this.position++));
			if (p != null) {
				chunk.add(p);
			}
		}
		boolean last = this.position >= this.cycle.size();
		return new Chunk(chunk, last ? this.cycleRows : List.of());
	}

	/** After a chunk's commit: what it wrote is no longer pending. */
	void folded(Chunk chunk) {
		chunk.pending().forEach((p) -> this.pending.remove(p.key, p));
		if (this.position >= this.cycle.size()) {
			this.rows.removeAll(chunk.rows());
			this.cycle = null;
			this.cycleRows = null;
			this.since = System.nanoTime();
		}
	}

	/** Takes re-sends out while they are applied again as signals. */
	void remove(List<Pending> taken) {
		taken.forEach((p) -> this.pending.remove(p.key, p));
	}

	/** Puts them back when that failed. */
	void restore(List<Pending> taken) {
		taken.forEach((p) -> this.pending.putIfAbsent(p.key, p));
	}

	/** After a chunk failed: the fold starts over later. */
	void failed() {
		this.cycle = null;
		this.cycleRows = null;
		this.since = System.nanoTime();
	}

	/** Alerts to fold and the journal rows to delete with them. */
	record Chunk(List<Pending> pending, List<Long> rows) {
	}

	/** After a commit: the journal row written and the re-sends it holds. */
	void committed(Long row, List<Pending> journaled, List<AlertWriter.Key> consumed) {
		if (isEmpty()) {
			this.since = System.nanoTime();
		}
		consumed.forEach(this.pending::remove);
		if (row != null) {
			this.rows.add(row);
		}
		for (Pending p : journaled) {
			this.pending.merge(p.key, p, Pending::then);
		}
	}

	/**
	 * The re-sends of one alert: its values after the last of them, and how many there
	 * were.
	 */
	static final class Pending {

		final AlertWriter.Key key;

		final long alertId;

		final Instant firstSeen;

		final Instant lastSeen;

		final int duplicates;

		final Instant endsAt;

		final boolean autoResolve;

		/** The alert's version; journaled re-sends do not raise it, the fold does. */
		final int version;

		final int signals;

		final String status;

		final String hash;

		final Instant receivedAt;

		/** The last re-send, applied again when the alert changed before the fold. */
		final IncomingSignal last;

		Pending(AlertWriter.Key key, long alertId, Instant firstSeen, Instant lastSeen, int duplicates, Instant endsAt,
				boolean autoResolve, int version, int signals, String status, String hash, Instant receivedAt,
				IncomingSignal last) {
			this.key = key;
			this.alertId = alertId;
			this.firstSeen = firstSeen;
			this.lastSeen = lastSeen;
			this.duplicates = duplicates;
			this.endsAt = endsAt;
			this.autoResolve = autoResolve;
			this.version = version;
			this.signals = signals;
			this.status = status;
			this.hash = hash;
			this.receivedAt = receivedAt;
			this.last = last;
		}

		/** These re-sends followed by later ones of the same alert. */
		Pending then(Pending later) {
			if (later.alertId != this.alertId) {
				return later;
			}
			return new Pending(this.key, this.alertId, this.firstSeen, later.lastSeen, later.duplicates, later.endsAt,
					later.autoResolve, later.version, this.signals + later.signals, later.status, later.hash,
					later.receivedAt, later.last);
		}

	}

	/**
	 * The alert values of one journaled re-send, as a journal row holds them: alert id
	 * and first seen, then last seen, duplicates, end and auto-resolve after the
	 * re-sends, their number, the last one's status, hash and receipt time.
	 */
	record Entry(long alertId, Instant firstSeen, Instant lastSeen, int duplicates, Instant endsAt, boolean autoResolve,
			int signals, String status, String hash, Instant receivedAt) {

		static Entry of(Pending p) {
			return new Entry(p.alertId, p.firstSeen, p.lastSeen, p.duplicates, p.endsAt, p.autoResolve, p.signals,
					p.status, p.hash, p.receivedAt);
		}

		/** The later of two entries for the same alert, with both counts. */
		Entry then(Entry later) {
			Entry last = later.lastSeen.isBefore(this.lastSeen) ? this : later;
			return new Entry(this.alertId, this.firstSeen, last.lastSeen, Math.max(this.duplicates, later.duplicates),
					last.endsAt, last.autoResolve, this.signals + later.signals, last.status, last.hash,
					last.receivedAt);
		}

	}

	static byte[] encode(List<Entry> entries) {
		ByteArrayOutputStream bytes = new ByteArrayOutputStream(16 + entries.size() * 96);
		try (DataOutputStream out = new DataOutputStream(bytes)) {
			out.writeByte(FORMAT);
			out.writeInt(entries.size());
			for (Entry e : entries) {
				out.writeLong(e.alertId());
				out.writeLong(micros(e.firstSeen()));
				out.writeLong(micros(e.lastSeen()));
				out.writeInt(e.duplicates());
				out.writeLong((e.endsAt() != null) ? micros(e.endsAt()) : Long.MIN_VALUE);
				out.writeBoolean(e.autoResolve());
				out.writeInt(e.signals());
				out.writeUTF(e.status());
				out.writeUTF(e.hash());
				out.writeLong(micros(e.receivedAt()));
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		return bytes.toByteArray();
	}

	static List<Entry> decode(byte[] bytes) {
		try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes))) {
			byte format = in.readByte();
			if (format != FORMAT) {
				throw new IllegalStateException("Unknown re-send journal format " + format);
			}
			int n = in.readInt();
			List<Entry> entries = new ArrayList<>(n);
			for (int i = 0; i < n; i++) {
				long alertId = in.readLong();
				Instant firstSeen = instant(in.readLong());
				Instant lastSeen = instant(in.readLong());
				int duplicates = in.readInt();
				long end = in.readLong();
				boolean autoResolve = in.readBoolean();
				int signals = in.readInt();
				String status = in.readUTF();
				String hash = in.readUTF();
				Instant receivedAt = instant(in.readLong());
				entries.add(new Entry(alertId, firstSeen, lastSeen, duplicates,
						(end != Long.MIN_VALUE) ? instant(end) : null, autoResolve, signals, status, hash, receivedAt));
			}
			return entries;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/** Microseconds, what a PostgreSQL timestamp keeps. */
	static long micros(Instant t) {
		return ChronoUnit.MICROS.between(Instant.EPOCH, t);
	}

	private static Instant instant(long micros) {
		return Instant.EPOCH.plus(micros, ChronoUnit.MICROS);
	}

}
