package org.sparsemdp.graph;

import java.util.Arrays;
import java.util.Locale;
import org.sparsemdp.model.Mdp;

/**
 * Orderings of the states of an {@link Mdp} for memory locality: states that are connected get
 * nearby numbers, so that a sweep reading v[successor] finds the values in cache. Used with
 * {@link org.sparsemdp.model.PermutedMdp} (the order is new → original state).
 *
 * <p>Both orderings work on the <em>undirected</em> state graph (an edge s — t when some choice
 * of s reaches t, or of t reaches s), built once as a CSR adjacency of 2·T entries (8 bytes per
 * transition), and visit every connected component; O(S + T) time apart from the neighbour
 * sort of {@link #RCM}.
 * <ul>
 *   <li>{@link #BFS}: breadth-first search from the initial states (then from the lowest
 *       unvisited state of each remaining component), neighbours in adjacency order.</li>
 *   <li>{@link #RCM}: reverse Cuthill–McKee (Cuthill &amp; McKee 1969, "Reducing the bandwidth of
 *       sparse symmetric matrices", Proc. 24th ACM National Conference; reversal: George &amp;
 *       Liu, <i>Computer Solution of Large Sparse Positive Definite Systems</i>, 1981, §4.3):
 *       breadth-first search starting each component at a vertex of minimum degree, enqueueing
 *       the neighbours of each vertex by increasing degree (ties by number), then the whole
 *       order reversed. Reduces the bandwidth of the transition matrix.</li>
 * </ul>
 *
 * <p>Honest expectation: on models whose successors are uniformly random (Garnet) there is no
 * locality to find and reordering does not help; it helps on models with local structure whose
 * numbering hides it (a grid or banded model stored in a scrambled order).
 */
public enum StateOrdering {
    /** The identity: the model's own numbering. */
    NONE,
    /** Breadth-first search order. */
    BFS,
    /** Reverse Cuthill–McKee order. */
    RCM;

    /** The command-line keyword ({@code none}, {@code bfs}, {@code rcm}). */
    public String keyword() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * The ordering named {@code keyword} (case-insensitive).
     *
     * @throws IllegalArgumentException naming the known orderings
     */
    public static StateOrdering parse(String keyword) {
        for (StateOrdering o : values()) {
            if (o.keyword().equalsIgnoreCase(keyword)) {
                return o;
            }
        }
        throw new IllegalArgumentException("unknown state ordering '" + keyword + "'; known: none, bfs, rcm");
    }

    /**
     * A uniformly random order of {@code n} states (Fisher–Yates shuffle with a seeded
     * {@link java.util.SplittableRandom}): a numbering with no locality at all, for benchmarks
     * and tests of the orderings.
     */
    public static int[] shuffled(int n, long seed) {
        java.util.SplittableRandom rnd = new java.util.SplittableRandom(seed);
        int[] order = new int[n];
        Arrays.setAll(order, i -> i);
        for (int i = n - 1; i > 0; i--) {
            int j = rnd.nextInt(i + 1);
            int t = order[i];
            order[i] = order[j];
            order[j] = t;
        }
        return order;
    }

    /** The order, new → original state: a permutation of 0..S−1. */
    public int[] order(Mdp mdp) {
        final int n = mdp.numStates();
        if (this == NONE) {
            int[] identity = new int[n];
            Arrays.setAll(identity, i -> i);
            return identity;
        }
        final int[] adjStart = new int[n + 1];
        final int[] adjacent = undirectedAdjacency(mdp, adjStart);
        final int[] order = new int[n];
        final boolean[] visited = new boolean[n];
        if (this == BFS) {
            int tail = 0;
            for (int s : mdp.initialStates()) {
                tail = breadthFirst(s, adjStart, adjacent, visited, order, tail, null, null);
            }
            for (int s = 0; s < n; s++) {
                tail = breadthFirst(s, adjStart, adjacent, visited, order, tail, null, null);
            }
            return order;
        }
        long[] scratch = new long[maxDegree(adjStart)];
        int tail = 0;
        for (int s : byDegree(adjStart)) {
            tail = breadthFirst(s, adjStart, adjacent, visited, order, tail, adjStart, scratch);
        }
        for (int i = 0, j = n - 1; i < j; i++, j--) {
            int t = order[i];
            order[i] = order[j];
            order[j] = t;
        }
        return order;
    }

    /**
     * Breadth-first search from {@code root} if unvisited, appending to {@code order} from
     * {@code tail}; with {@code degreeStart} given, the newly enqueued neighbours of each vertex
     * are sorted by degree (Cuthill–McKee).
     *
     * @return the new tail
     */
    private static int breadthFirst(int root, int[] adjStart, int[] adjacent, boolean[] visited, int[] order,
                                    int tail, int[] degreeStart, long[] scratch) {
        if (visited[root]) {
            return tail;
        }
        visited[root] = true;
        order[tail++] = root;
        for (int head = tail - 1; head < tail; head++) {
            final int s = order[head];
            final int first = tail;
            for (int i = adjStart[s]; i < adjStart[s + 1]; i++) {
                final int t = adjacent[i];
                if (!visited[t]) {
                    visited[t] = true;
                    order[tail++] = t;
                }
            }
            if (degreeStart != null && tail - first > 1) {
                sortByDegree(order, first, tail, degreeStart, scratch);
            }
        }
        return tail;
    }

    /** Sorts order[from, to) by (degree, state) with one packed-long sort. */
    private static void sortByDegree(int[] order, int from, int to, int[] adjStart, long[] scratch) {
        final int m = to - from;
        for (int i = 0; i < m; i++) {
            final int t = order[from + i];
            scratch[i] = ((long) (adjStart[t + 1] - adjStart[t]) << 32) | t;
        }
        Arrays.sort(scratch, 0, m);
        for (int i = 0; i < m; i++) {
            order[from + i] = (int) scratch[i];
        }
    }

    /** The states sorted by (degree, number), by counting sort. */
    private static int[] byDegree(int[] adjStart) {
        final int n = adjStart.length - 1;
        final int maxDegree = maxDegree(adjStart);
        final int[] count = new int[maxDegree + 2];
        for (int s = 0; s < n; s++) {
            count[adjStart[s + 1] - adjStart[s] + 1]++;
        }
        for (int d = 0; d <= maxDegree; d++) {
            count[d + 1] += count[d];
        }
        final int[] sorted = new int[n];
        for (int s = 0; s < n; s++) {
            sorted[count[adjStart[s + 1] - adjStart[s]]++] = s;
        }
        return sorted;
    }

    private static int maxDegree(int[] adjStart) {
        int max = 0;
        for (int s = 0; s + 1 < adjStart.length; s++) {
            max = Math.max(max, adjStart[s + 1] - adjStart[s]);
        }
        return max;
    }

    /**
     * The undirected state graph as CSR (self-loops dropped, multi-edges kept): fills
     * {@code adjStart} (length S + 1) and returns the neighbour array.
     */
    private static int[] undirectedAdjacency(Mdp mdp, int[] adjStart) {
        final int n = mdp.numStates();
        final int[] choiceStart = mdp.choiceStartArray();
        final int[] transStart = mdp.transitionStartArray();
        final int[] successor = mdp.successorArray();
        if (2 * mdp.numTransitions() > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("cannot reorder a model with " + mdp.numTransitions()
                    + " transitions: its undirected graph would exceed the largest Java array");
        }
        for (int s = 0; s < n; s++) {
            for (int k = transStart[choiceStart[s]], end = transStart[choiceStart[s + 1]]; k < end; k++) {
                final int t = successor[k];
                if (t != s) {
                    adjStart[s + 1]++;
                    adjStart[t + 1]++;
                }
            }
        }
        for (int s = 0; s < n; s++) {
            adjStart[s + 1] += adjStart[s];
        }
        final int[] fill = Arrays.copyOf(adjStart, n);
        final int[] adjacent = new int[adjStart[n]];
        for (int s = 0; s < n; s++) {
            for (int k = transStart[choiceStart[s]], end = transStart[choiceStart[s + 1]]; k < end; k++) {
                final int t = successor[k];
                if (t != s) {
                    adjacent[fill[s]++] = t;
                    adjacent[fill[t]++] = s;
                }
            }
        }
        return adjacent;
    }
}
