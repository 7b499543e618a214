package eu.citiesgateway.matching.round;

import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.PriorityQueue;

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
	 * result is a flow of minimum cost over all flow values.
	 * @return the cost of the flow
	 */
	long solve(int source, int sink) {
		long[] potential = initialPotentials(source);
		long total = 0;
		long[] distance = new long[this.nodes];
		int[] via = new int[this.nodes];
		while (true) {
			if (!shortestPaths(source, potential, distance, via) || distance[sink] == Long.MAX_VALUE) {
				return total;
			}
			for (int v = 0; v < this.nodes; v++) {
				if (distance[v] != Long.MAX_VALUE) {
					potential[v] += distance[v];
				}
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

	/** Dijkstra on reduced costs; false when nothing is reachable. */
	private boolean shortestPaths(int source, long[] potential, long[] distance, int[] via) {
		Arrays.fill(distance, Long.MAX_VALUE);
		distance[source] = 0;
		PriorityQueue<long[]> queue = new PriorityQueue<>((a, b) -> Long.compare(a[0], b[0]));
		queue.add(new long[] { 0, source });
		while (!queue.isEmpty()) {
			long[] entry = queue.poll();
			int u = (int) entry[1];
			if (entry[0] > distance[u]) {
				continue;
			}
			for (int arc = this.head[u]; arc != -1; arc = this.next[arc]) {
				if (this.residual[arc] <= 0) {
					continue;
				}
				int v = this.target[arc];
				long reduced = this.cost[arc] + potential[u] - potential[v];
				long candidate = distance[u] + reduced;
				if (candidate < distance[v]) {
					distance[v] = candidate;
					via[v] = arc;
					queue.add(new long[] { candidate, v });
				}
			}
		}
		return true;
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
