package eu.citiesgateway.matching.round;

import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.List;

/**
 * Minimum-cost flow of any value from a source to a sink, by successive shortest paths
 * with Johnson potentials, on exact {@code long} costs.
 * <p>
 * It exists because the lexicographic objective of a matching round (fairness, then
 * country diversity, then score) is encoded in arc costs whose magnitudes reach
 * 10<sup>16</sup>: JGraphT's {@code CapacityScalingMinimumCostFlow} works on
 * {@code double} costs below 10<sup>9</sup>. The tests check this solver against JGraphT
 * and against brute force on small instances.
 */
final class MinCostFlow {

	private final int nodes;

	private int[] head;

	private int[] next = new int[64];

	private int[] target = new int[64];

	private int[] residual = new int[64];

	private long[] cost = new long[64];

	private int arcs;

	private int returnArc = -1;

	MinCostFlow(int nodes) {
		this.nodes = nodes;
		this.head = new int[nodes];
		Arrays.fill(this.head, -1);
	}

	/**
	 * Adds an arc and its reverse.
	 * @return the arc's index, for {@link #flow(int)}
	 */
	int addArc(int from, int to, int capacity, long arcCost) {
		if (capacity < 0) {
			throw new IllegalArgumentException("Negative capacity " + capacity);
		}
		ensureCapacity(this.arcs + 2);
		int arc = this.arcs;
		link(arc, from, to, capacity, arcCost);
		link(arc + 1, to, from, 0, -arcCost);
		this.arcs += 2;
		return arc;
	}

	/** The flow on an arc returned by {@link #addArc}. */
	int flow(int arc) {
		return this.residual[arc + 1];
	}

	int arcCount() {
		return this.arcs / 2;
	}

	/**
	 * Sends flow along ever cheaper paths while a path of negative cost exists; the
	 * result is a flow of minimum cost over all flow values. Each step finds the shortest
	 * path with Dijkstra on reduced costs, stopping once the sink is settled.
	 * @return the cost of the flow
	 */
	long solve(int source, int sink) {
		long[] potential = initialPotentials(source);
		long total = 0;
		long[] distance = new long[this.nodes];
		int[] via = new int[this.nodes];
		Heap heap = new Heap(this.nodes);
		while (true) {
			long reach = shortestPaths(source, sink, potential, distance, via, heap);
			if (reach == Long.MAX_VALUE) {
				return total;
			}
			for (int v = 0; v < this.nodes; v++) {
				// nodes not settled before the sink keep reduced costs >= 0 this way
				potential[v] += Math.min(distance[v], reach);
			}
			long pathCost = potential[sink] - potential[source];
			if (pathCost >= 0) {
				return total;
			}
			int amount = Integer.MAX_VALUE;
			for (int v = sink; v != source; v = this.target[via[v] ^ 1]) {
				amount = Math.min(amount, this.residual[via[v]]);
			}
			for (int v = sink; v != source; v = this.target[via[v] ^ 1]) {
				this.residual[via[v]] -= amount;
				this.residual[via[v] ^ 1] += amount;
			}
			total = Math.addExact(total, Math.multiplyExact(pathCost, amount));
		}
	}

	/**
	 * Restores the optimum after arcs were added to a solved network: each new arc whose
	 * reduced cost is negative is saturated, and the units this moves are routed back by
	 * shortest paths from the nodes left with a surplus to those left short, through the
	 * residual network and a sink-to-source return arc that keeps the flow value free.
	 * @param source the source of {@link #solve}
	 * @param sink the sink of {@link #solve}
	 * @param potential potentials of the solved network, from {@link #certificate}
	 * @param added the new arcs, as returned by {@link #addArc}
	 */
	void reoptimise(int source, int sink, long[] potential, List<Integer> added) {
		if (this.returnArc < 0) {
			int value = 0;
			for (int arc = this.head[source]; arc != -1; arc = this.next[arc]) {
				if ((arc & 1) == 0) {
					value += this.residual[arc + 1];
				}
			}
			this.returnArc = addArc(sink, source, Integer.MAX_VALUE / 2, 0);
			this.residual[this.returnArc] -= value;
			this.residual[this.returnArc + 1] += value;
		}
		int[] excess = new int[this.nodes];
		int moved = 0;
		for (int arc : added) {
			int u = this.target[arc ^ 1];
			int v = this.target[arc];
			if (this.residual[arc] > 0 && this.cost[arc] + potential[u] - potential[v] < 0) {
				int amount = this.residual[arc];
				this.residual[arc] -= amount;
				this.residual[arc ^ 1] += amount;
				excess[u] -= amount;
				excess[v] += amount;
				moved += amount;
			}
		}
		long[] distance = new long[this.nodes];
		int[] via = new int[this.nodes];
		Heap heap = new Heap(this.nodes);
		while (moved > 0) {
			Arrays.fill(distance, Long.MAX_VALUE);
			Arrays.fill(via, -1);
			heap.clear();
			for (int v = 0; v < this.nodes; v++) {
				if (excess[v] > 0) {
					distance[v] = 0;
					heap.update(v, 0);
				}
			}
			int reached = -1;
			while (!heap.isEmpty()) {
				int u = heap.poll();
				if (excess[u] < 0) {
					reached = u;
					break;
				}
				for (int arc = this.head[u]; arc != -1; arc = this.next[arc]) {
					if (this.residual[arc] > 0) {
						int v = this.target[arc];
						long candidate = distance[u] + this.cost[arc] + potential[u] - potential[v];
						if (candidate < distance[v]) {
							distance[v] = candidate;
							via[v] = arc;
							heap.update(v, candidate);
						}
					}
				}
			}
			if (reached < 0) {
				throw new IllegalStateException("No path from a surplus to a shortfall: the network is inconsistent");
			}
			long reach = distance[reached];
			for (int v = 0; v < this.nodes; v++) {
				potential[v] += Math.min(distance[v], reach);
			}
			int origin = reached;
			int amount = -excess[reached];
			while (via[origin] != -1) {
				amount = Math.min(amount, this.residual[via[origin]]);
				origin = this.target[via[origin] ^ 1];
			}
			amount = Math.min(amount, excess[origin]);
			for (int v = reached; v != origin; v = this.target[via[v] ^ 1]) {
				this.residual[via[v]] -= amount;
				this.residual[via[v] ^ 1] += amount;
			}
			excess[origin] -= amount;
			excess[reached] += amount;
			moved -= amount;
		}
	}

	/**
	 * Potentials that prove the flow optimal: every arc with residual capacity, and the
	 * sink-to-source return arc that makes the flow value free, has a non-negative
	 * reduced cost {@code cost + p(from) - p(to)}. Computed by Bellman-Ford from a
	 * virtual root.
	 * @param source the source of {@link #solve}
	 * @param sink the sink of {@link #solve}
	 * @return the potentials, one per node
	 * @throws IllegalStateException if the residual graph has a negative cycle, that is
	 * if the flow is not optimal
	 */
	long[] certificate(int source, int sink) {
		long[] p = new long[this.nodes];
		boolean[] queued = new boolean[this.nodes];
		int[] relaxations = new int[this.nodes];
		ArrayDeque<Integer> queue = new ArrayDeque<>(this.nodes);
		for (int v = 0; v < this.nodes; v++) {
			queue.add(v);
			queued[v] = true;
		}
		boolean flowing = false;
		for (int arc = this.head[source]; arc != -1; arc = this.next[arc]) {
			flowing |= (arc & 1) == 0 && this.residual[arc + 1] > 0;
		}
		while (!queue.isEmpty()) {
			int u = queue.poll();
			queued[u] = false;
			if (++relaxations[u] > this.nodes + 1) {
				throw new IllegalStateException("Negative cycle in the residual graph: the flow is not optimal");
			}
			for (int arc = this.head[u]; arc != -1; arc = this.next[arc]) {
				if (this.residual[arc] > 0) {
					relax(u, this.target[arc], this.cost[arc], p, queued, queue);
				}
			}
			// the return arc sink -> source (cost 0, unbounded) and its reverse
			if (u == sink) {
				relax(sink, source, 0, p, queued, queue);
			}
			if (u == source && flowing) {
				relax(source, sink, 0, p, queued, queue);
			}
		}
		return p;
	}

	private static void relax(int u, int v, long arcCost, long[] p, boolean[] queued, ArrayDeque<Integer> queue) {
		long candidate = p[u] + arcCost;
		if (candidate < p[v]) {
			p[v] = candidate;
			if (!queued[v]) {
				queued[v] = true;
				queue.add(v);
			}
		}
	}

	/** Shortest distances from the source while every arc has zero flow (a DAG here). */
	private long[] initialPotentials(int source) {
		long[] p = new long[this.nodes];
		Arrays.fill(p, Long.MAX_VALUE);
		p[source] = 0;
		boolean[] queued = new boolean[this.nodes];
		ArrayDeque<Integer> queue = new ArrayDeque<>();
		queue.add(source);
		while (!queue.isEmpty()) {
			int u = queue.poll();
			queued[u] = false;
			for (int arc = this.head[u]; arc != -1; arc = this.next[arc]) {
				int v = this.target[arc];
				if (this.residual[arc] > 0 && p[u] + this.cost[arc] < p[v]) {
					p[v] = p[u] + this.cost[arc];
					if (!queued[v]) {
						queued[v] = true;
						queue.add(v);
					}
				}
			}
		}
		for (int v = 0; v < this.nodes; v++) {
			if (p[v] == Long.MAX_VALUE) {
				// unreachable now, so unreachable for good: augmenting only adds arcs
				// between reachable nodes
				p[v] = 0;
			}
		}
		return p;
	}

	/**
	 * Dijkstra on reduced costs from the source, stopping once the sink is settled.
	 * @return the sink's distance, {@code Long.MAX_VALUE} when it cannot be reached
	 */
	private long shortestPaths(int source, int sink, long[] potential, long[] distance, int[] via, Heap heap) {
		Arrays.fill(distance, Long.MAX_VALUE);
		distance[source] = 0;
		heap.clear();
		heap.update(source, 0);
		while (!heap.isEmpty()) {
			int u = heap.poll();
			if (u == sink) {
				return distance[sink];
			}
			for (int arc = this.head[u]; arc != -1; arc = this.next[arc]) {
				if (this.residual[arc] <= 0) {
					continue;
				}
				int v = this.target[arc];
				long candidate = distance[u] + this.cost[arc] + potential[u] - potential[v];
				if (candidate < distance[v]) {
					distance[v] = candidate;
					via[v] = arc;
					heap.update(v, candidate);
				}
			}
		}
		return Long.MAX_VALUE;
	}

	/** A binary min-heap of nodes keyed by distance, with decrease-key. */
	private static final class Heap {

		private final int[] nodes;

		private final long[] keys;

		private final int[] positions;

		private int size;

		Heap(int capacity) {
			this.nodes = new int[capacity];
			this.keys = new long[capacity];
			this.positions = new int[capacity];
			Arrays.fill(this.positions, -1);
		}

		void clear() {
			for (int i = 0; i < this.size; i++) {
				this.positions[this.nodes[i]] = -1;
			}
			this.size = 0;
		}

		boolean isEmpty() {
			return this.size == 0;
		}

		void update(int node, long key) {
			int i = this.positions[node];
			if (i < 0) {
				i = this.size++;
			}
			else if (key >= this.keys[i]) {
				return;
			}
			while (i > 0 && this.keys[(i - 1) / 2] > key) {
				move((i - 1) / 2, i);
				i = (i - 1) / 2;
			}
			place(node, key, i);
		}

		int poll() {
			int top = this.nodes[0];
			this.positions[top] = -1;
			int lastNode = this.nodes[--this.size];
			long lastKey = this.keys[this.size];
			if (this.size > 0) {
				int i = 0;
				while (2 * i + 1 < this.size) {
					int child = 2 * i + 1;
					if (child + 1 < this.size && this.keys[child + 1] < this.keys[child]) {
						child++;
					}
					if (this.keys[child] >= lastKey) {
						break;
					}
					move(child, i);
					i = child;
				}
				place(lastNode, lastKey, i);
			}
			return top;
		}

		private void move(int from, int to) {
			this.nodes[to] = this.nodes[from];
			this.keys[to] = this.keys[from];
			this.positions[this.nodes[to]] = to;
		}

		private void place(int node, long key, int i) {
			this.nodes[i] = node;
			this.keys[i] = key;
			this.positions[node] = i;
		}

	}

	private void link(int arc, int from, int to, int capacity, long arcCost) {
		this.target[arc] = to;
		this.residual[arc] = capacity;
		this.cost[arc] = arcCost;
		this.next[arc] = this.head[from];
		this.head[from] = arc;
	}

	private void ensureCapacity(int size) {
		if (size > this.target.length) {
			int length = Math.max(size, this.target.length * 2);
			this.next = Arrays.copyOf(this.next, length);
			this.target = Arrays.copyOf(this.target, length);
			this.residual = Arrays.copyOf(this.residual, length);
			this.cost = Arrays.copyOf(this.cost, length);
		}
	}

}
