package io.tianshu.cmdb.topology;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.tianshu.cmdb.CiId;
import io.tianshu.cmdb.LifecycleState;
import io.tianshu.cmdb.RelationId;

/**
 * The CI graph in memory: every CI as a dense int slot with the facts a topology node
 * shows (model, name, state), every relation as a slot with its type and ends, and per CI
 * the slots of the relations it is the source and the target of. Estimated at about 220
 * bytes per CI and 120 per relation (the id maps dominate), some 60 MB for 100,000 CIs
 * and 300,000 relations.
 * <p>
 * CIs are never removed (retired CIs keep their row); relation slots are reused. Not
 * thread-safe: {@link GraphIndex} guards it with a read-write lock.
 */
final class CiGraph {

	private static final int[] NONE = new int[0];

	private final Map<UUID, Integer> ciSlots = new HashMap<>();

	/** The CI ids as two longs per slot (see {@link #ciId}). */
	private long[] ciBits = new long[32];

	private String[] models = new String[16];

	private String[] names = new String[16];

	private LifecycleState[] states = new LifecycleState[16];

	private int[][] out = new int[16][];

	private int[] outCount = new int[16];

	private int[][] in = new int[16][];

	private int[] inCount = new int[16];

	private int cis;

	private final Map<UUID, Integer> relationSlots = new HashMap<>();

	private long[] relationBits = new long[32];

	private int[] sources = new int[16];

	private int[] targets = new int[16];

	private int[] types = new int[16];

	private int relationHigh;

	private int[] free = new int[16];

	private int freeCount;

	private final Map<String, Integer> typeCodes = new HashMap<>();

	private final List<String> typeNames = new ArrayList<>();

	private final Map<String, String> modelCodes = new HashMap<>();

	CiGraph() {
	}

	CiGraph(int expectedCis, int expectedRelations) {
		int c = Math.max(16, expectedCis);
		this.ciBits = new long[2 * c];
		this.models = new String[c];
		this.names = new String[c];
		this.states = new LifecycleState[c];
		this.out = new int[c][];
		this.outCount = new int[c];
		this.in = new int[c][];
		this.inCount = new int[c];
		int r = Math.max(16, expectedRelations);
		this.relationBits = new long[2 * r];
		this.sources = new int[r];
		this.targets = new int[r];
		this.types = new int[r];
	}

	int ciCount() {
		return this.cis;
	}

	int relationCount() {
		return this.relationSlots.size();
	}

	/** Adds the CI or replaces its facts. */
	void putCi(UUID id, String model, String name, LifecycleState state) {
		Integer slot = this.ciSlots.get(id);
		int s;
		if (slot == null) {
			s = this.cis++;
			if (s == this.models.length) {
				int n = s * 2;
				this.ciBits = Arrays.copyOf(this.ciBits, 2 * n);
				this.models = Arrays.copyOf(this.models, n);
				this.names = Arrays.copyOf(this.names, n);
				this.states = Arrays.copyOf(this.states, n);
				this.out = Arrays.copyOf(this.out, n);
				this.outCount = Arrays.copyOf(this.outCount, n);
				this.in = Arrays.copyOf(this.in, n);
				this.inCount = Arrays.copyOf(this.inCount, n);
			}
			this.ciSlots.put(id, s);
			this.ciBits[2 * s] = id.getMostSignificantBits();
			this.ciBits[2 * s + 1] = id.getLeastSignificantBits();
			this.out[s] = NONE;
			this.in[s] = NONE;
		}
		else {
			s = slot;
		}
		this.models[s] = this.modelCodes.computeIfAbsent(model, (m) -> m);
		this.names[s] = name;
		this.states[s] = state;
	}

	/** The CI's slot, -1 when unknown. */
	int slot(UUID ci) {
		Integer slot = this.ciSlots.get(ci);
		return (slot != null) ? slot : -1;
	}

	boolean hasRelation(UUID id) {
		return this.relationSlots.containsKey(id);
	}

	/**
	 * Adds the relation (relations never change, so a known id is left as it is). Returns
	 * false when an end is not a known CI.
	 */
	boolean putRelation(UUID id, String type, UUID source, UUID target) {
		if (this.relationSlots.containsKey(id)) {
			return true;
		}
		int s = slot(source);
		int t = slot(target);
		if (s < 0 || t < 0) {
			return false;
		}
		int r;
		if (this.freeCount > 0) {
			r = this.free[--this.freeCount];
		}
		else {
			r = this.relationHigh++;
			if (r == this.sources.length) {
				int n = r * 2;
				this.relationBits = Arrays.copyOf(this.relationBits, 2 * n);
				this.sources = Arrays.copyOf(this.sources, n);
				this.targets = Arrays.copyOf(this.targets, n);
				this.types = Arrays.copyOf(this.types, n);
			}
		}
		this.relationSlots.put(id, r);
		this.relationBits[2 * r] = id.getMostSignificantBits();
		this.relationBits[2 * r + 1] = id.getLeastSignificantBits();
		this.sources[r] = s;
		this.targets[r] = t;
		this.types[r] = this.typeCodes.computeIfAbsent(type, (code) -> {
			this.typeNames.add(code);
			return this.typeNames.size() - 1;
		});
		this.out[s] = append(this.out[s], this.outCount[s]++, r);
		this.in[t] = append(this.in[t], this.inCount[t]++, r);
		return true;
	}

	void removeRelation(UUID id) {
		Integer slot = this.relationSlots.remove(id);
		if (slot == null) {
			return;
		}
		int r = slot;
		int s = this.sources[r];
		int t = this.targets[r];
		this.outCount[s] = without(this.out[s], this.outCount[s], r);
		this.inCount[t] = without(this.in[t], this.inCount[t], r);
		if (this.freeCount == this.free.length) {
			this.free = Arrays.copyOf(this.free, this.freeCount * 2);
		}
		this.free[this.freeCount++] = r;
	}

	private static int[] append(int[] list, int size, int value) {
		int[] grown = (size < list.length) ? list : Arrays.copyOf(list, Math.max(4, size * 2));
		grown[size] = value;
		return grown;
	}

	/** Removes the value, keeping the others in order (so answers stay stable). */
	private static int without(int[] list, int size, int value) {
		for (int i = 0; i < size; i++) {
			if (list[i] == value) {
				System.arraycopy(list, i + 1, list, i, size - i - 1);
				return size - 1;
			}
		}
		return size;
	}

	/**
	 * Which relation types to follow: null for all; unknown codes match nothing.
	 */
	boolean[] typeMask(Collection<String> codes) {
		if (codes.isEmpty()) {
			return null;
		}
		boolean[] mask = new boolean[this.typeNames.size()];
		for (String code : codes) {
			Integer type = this.typeCodes.get(code);
			if (type != null) {
				mask[type] = true;
			}
		}
		return mask;
	}

	/** The type index of a code, -1 when no relation has it. */
	int type(String code) {
		Integer type = this.typeCodes.get(code);
		return (type != null) ? type : -1;
	}

	/**
	 * Breadth first from the start: each CI reached once, at its shortest distance, and
	 * every relation followed out of the CIs short of the last level.
	 * @param down follow relations from source to target, else from target to source
	 * @param types from {@link #typeMask}
	 * @return null when more than {@code maxNodes} CIs or {@code maxEdges} relations are
	 * reached at the end of a level
	 */
	Reach impact(int start, boolean down, int depth, boolean[] types, int maxNodes, int maxEdges) {
		int[] depthOf = new int[this.cis];
		Arrays.fill(depthOf, -1);
		int[] nodes = new int[64];
		int[] edges = new int[64];
		int nodeCount = 0;
		int edgeCount = 0;
		nodes[nodeCount++] = start;
		depthOf[start] = 0;
		int levelStart = 0;
		for (int level = 1; level <= depth && levelStart < nodeCount; level++) {
			int levelEnd = nodeCount;
			for (int i = levelStart; i < levelEnd; i++) {
				int ci = nodes[i];
				int[] list = down ? this.out[ci] : this.in[ci];
				int size = down ? this.outCount[ci] : this.inCount[ci];
				for (int k = 0; k < size; k++) {
					int r = list[k];
					if (types != null && (this.types[r] >= types.length || !types[this.types[r]])) {
						continue;
					}
					if (edgeCount == edges.length) {
						edges = Arrays.copyOf(edges, edgeCount * 2);
					}
					edges[edgeCount++] = r;
					int far = down ? this.targets[r] : this.sources[r];
					if (depthOf[far] < 0) {
						depthOf[far] = level;
						if (nodeCount == nodes.length) {
							nodes = Arrays.copyOf(nodes, nodeCount * 2);
						}
						nodes[nodeCount++] = far;
					}
				}
			}
			if (nodeCount > maxNodes || edgeCount > maxEdges) {
				return null;
			}
			levelStart = levelEnd;
		}
		int[] depths = new int[nodeCount];
		for (int i = 0; i < nodeCount; i++) {
			depths[i] = depthOf[nodes[i]];
		}
		return new Reach(Arrays.copyOf(nodes, nodeCount), depths, Arrays.copyOf(edges, edgeCount));
	}

	/**
	 * The relation slots of the CI, as the source ({@code outgoing}) or the target,
	 * optionally of one type (-1 for all).
	 */
	int[] relations(int ci, boolean outgoing, int type) {
		int[] list = outgoing ? this.out[ci] : this.in[ci];
		int size = outgoing ? this.outCount[ci] : this.inCount[ci];
		int[] found = new int[size];
		int n = 0;
		for (int k = 0; k < size; k++) {
			if (type < 0 || this.types[list[k]] == type) {
				found[n++] = list[k];
			}
		}
		return (n == size) ? found : Arrays.copyOf(found, n);
	}

	/**
	 * The CI's id, a new object made from the packed longs. Answers of thousands of nodes
	 * are written right after they are built: ids allocated with them sit next to each
	 * other in memory, while id objects kept in the graph, loaded over time, were spread
	 * over the heap and every one read missed the processor's cache.
	 */
	CiId ciId(int ci) {
		return new CiId(new UUID(this.ciBits[2 * ci], this.ciBits[2 * ci + 1]));
	}

	String model(int ci) {
		return this.models[ci];
	}

	String name(int ci) {
		return this.names[ci];
	}

	LifecycleState state(int ci) {
		return this.states[ci];
	}

	/** The relation's id, made from the packed longs as {@link #ciId}. */
	RelationId relationId(int relation) {
		return new RelationId(new UUID(this.relationBits[2 * relation], this.relationBits[2 * relation + 1]));
	}

	String typeCode(int relation) {
		return this.typeNames.get(this.types[relation]);
	}

	int typeOf(int relation) {
		return this.types[relation];
	}

	int source(int relation) {
		return this.sources[relation];
	}

	int target(int relation) {
		return this.targets[relation];
	}

	/**
	 * What an impact query reached: CI slots in the order found (the start first) with
	 * their distances, and relation slots.
	 */
	record Reach(int[] nodes, int[] depths, int[] edges) {
	}

}
