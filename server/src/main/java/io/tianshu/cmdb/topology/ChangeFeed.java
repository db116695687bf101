package io.tianshu.cmdb.topology;

import java.util.ArrayList;
import java.util.List;

/**
 * How far the graph has read one append-only history table ({@code cmdb.ci_history},
 * {@code cmdb.relation_history}): the highest id applied, and the gaps below it.
 * <p>
 * Ids come from a sequence, taken before commit: a transaction can take id 50, another id
 * 51 and commit first. A reader that saw 51 has not seen 50 yet, so the ids it skipped
 * stay open as gaps and are asked again until no transaction that was running when they
 * were skipped can still commit (the snapshot's {@code xmin} has passed the {@code xmax}
 * noted then); most gaps are rolled-back writes and close at the next look.
 */
final class ChangeFeed {

	private final String table;

	private final String column;

	private long seen;

	private final List<Gap> gaps = new ArrayList<>();

	ChangeFeed(String table, String column) {
		this.table = table;
		this.column = column;
	}

	/** The history table. */
	String table() {
		return this.table;
	}

	/** The column naming what changed (the CI or the relation). */
	String column() {
		return this.column;
	}

	long seen() {
		return this.seen;
	}

	/** After a full load: everything up to {@code seen} is read but the gaps. */
	void reset(long seen, List<Gap> gaps) {
		this.seen = seen;
		this.gaps.clear();
		this.gaps.addAll(gaps);
	}

	long[] gapLows() {
		return this.gaps.stream().mapToLong(Gap::lo).toArray();
	}

	long[] gapHighs() {
		return this.gaps.stream().mapToLong(Gap::hi).toArray();
	}

	boolean hasGaps() {
		return !this.gaps.isEmpty();
	}

	/**
	 * Whether there is something to read: a higher id than seen, or rows in a gap.
	 */
	boolean behind(long max, long rowsInGaps) {
		return max > this.seen || rowsInGaps > 0;
	}

	/**
	 * Closes the gaps no running transaction can fill any more. Call only with the
	 * {@code xmin} of a snapshot that found no rows in any gap.
	 */
	void settle(long xmin) {
		this.gaps.removeIf((gap) -> gap.xmax() <= xmin);
	}

	/**
	 * Records the ids read (ascending): ids in gaps close their part of the gap, ids
	 * above the mark move it and open gaps for the ids skipped.
	 * @param xmax the {@code xmax} of a snapshot taken after the ids were read
	 */
	void advance(long[] ids, long xmax) {
		for (long id : ids) {
			if (id <= this.seen) {
				fill(id);
			}
			else {
				if (id > this.seen + 1) {
					this.gaps.add(new Gap(this.seen + 1, id - 1, xmax));
				}
				this.seen = id;
			}
		}
	}

	private void fill(long id) {
		for (int i = 0; i < this.gaps.size(); i++) {
			Gap gap = this.gaps.get(i);
			if (id >= gap.lo() && id <= gap.hi()) {
				this.gaps.remove(i);
				if (id < gap.hi()) {
					this.gaps.add(i, new Gap(id + 1, gap.hi(), gap.xmax()));
				}
				if (id > gap.lo()) {
					this.gaps.add(i, new Gap(gap.lo(), id - 1, gap.xmax()));
				}
				return;
			}
		}
	}

	List<Gap> gaps() {
		return List.copyOf(this.gaps);
	}

	/**
	 * Ids {@code lo..hi} not seen; no transaction from before {@code xmax} may be left.
	 */
	record Gap(long lo, long hi, long xmax) {
	}

}
