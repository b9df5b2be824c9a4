package org.sparsemdp.generate;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/**
 * A radial distribution network: a tree over location 0 (the source substation, always
 * energised, where the crew starts) and substations 1..N, given by a parent list, with a travel
 * distance on every feeder edge. Immutable.
 *
 * <p>The source feeds exactly one substation, the feeder head (the breaker at the source is what
 * tripped); every substation's parent is another substation or the source, and following parents
 * from any substation reaches the source (no cycles). Travel times between locations are
 * distances along the tree: d(i, j) = (D(i) − D(m)) + (D(j) − D(m)), with D the distance from the
 * source and m the nearest common ancestor of i and j. On a path 0 − 1 − … − N this is
 * |D(i) − D(j)|, the same double as {@link SubstationRestorationGenerator#onLine} computes from
 * the positions D.
 */
public final class RadialNetwork {
    /** The largest number of substations accepted (the travel matrix is (N+1)² doubles). */
    public static final int MAX_SUBSTATIONS = 2000;

    private final int n;
    private final int[] parent;       // parent[i] for i = 1..n; parent[0] = -1
    private final double[] edge;      // edge[i]: distance from parent[i] to i
    private final double[] depth;     // distance from the source
    private final int[] level;        // number of edges from the source
    private final int[][] children;   // ascending
    private final int[] enter;        // Euler tour: x in subtree(a) iff enter[a] <= enter[x] < leave[a]
    private final int[] leave;

    /**
     * @param parents   parents of substations 1..N (index i − 1), each in 0..N (0 = the source)
     * @param distances travel distance from each substation's parent (index i − 1), finite, ≥ 0
     * @throws IllegalArgumentException naming the substation if the parents do not form a tree
     *                                  rooted at the source with one feeder head, or a distance is bad
     */
    public RadialNetwork(int[] parents, double[] distances) {
        n = parents.length;
        if (n < 1 || n > MAX_SUBSTATIONS) {
            throw new IllegalArgumentException("substation network: the number of substations must be in 1.."
                    + MAX_SUBSTATIONS + ", got " + n);
        }
        if (distances.length != n) {
            throw new IllegalArgumentException("substation network: " + n + " parents but " + distances.length
                    + " distances");
        }
        parent = new int[n + 1];
        edge = new double[n + 1];
        parent[0] = -1;
        int heads = 0;
        for (int i = 1; i <= n; i++) {
            int p = parents[i - 1];
            if (p < 0 || p > n || p == i) {
                throw new IllegalArgumentException("substation network: substation " + i + " has parent " + p
                        + ", need 0 (the source) or another substation in 1.." + n);
            }
            double d = distances[i - 1];
            if (!(d >= 0) || !Double.isFinite(d)) {
                throw new IllegalArgumentException("substation network: distance from the parent of substation " + i
                        + " must be finite and non-negative, got " + d);
            }
            parent[i] = p;
            edge[i] = d;
            heads += p == 0 ? 1 : 0;
        }
        if (heads != 1) {
            throw new IllegalArgumentException("substation network: the source (0) must feed exactly one substation,"
                    + " the feeder head; it feeds " + heads);
        }
        List<List<Integer>> kids = new ArrayList<>();
        for (int i = 0; i <= n; i++) {
            kids.add(new ArrayList<>());
        }
        for (int i = 1; i <= n; i++) {
            kids.get(parent[i]).add(i);
        }
        children = new int[n + 1][];
        for (int i = 0; i <= n; i++) {
            children[i] = kids.get(i).stream().mapToInt(Integer::intValue).toArray();
        }
        depth = new double[n + 1];
        level = new int[n + 1];
        enter = new int[n + 1];
        leave = new int[n + 1];
        // iterative depth-first tour from the source; a node never reached lies on a cycle
        int[] stack = new int[n + 1];
        int[] nextChild = new int[n + 1];
        boolean[] seen = new boolean[n + 1];
        int top = 0;
        int clock = 0;
        stack[0] = 0;
        seen[0] = true;
        enter[0] = clock++;
        while (top >= 0) {
            int x = stack[top];
            if (nextChild[x] < children[x].length) {
                int c = children[x][nextChild[x]++];
                seen[c] = true;
                depth[c] = depth[x] + edge[c];
                level[c] = level[x] + 1;
                enter[c] = clock++;
                stack[++top] = c;
            } else {
                leave[x] = clock;
                top--;
            }
        }
        for (int i = 1; i <= n; i++) {
            if (!seen[i]) {
                throw new IllegalArgumentException("substation network: substation " + i
                        + " is not connected to the source (its parents form a cycle)");
            }
        }
    }

    /** The path 0 − 1 − … − N with the given distances between consecutive locations. */
    public static RadialNetwork path(double[] gaps) {
        int[] parents = new int[gaps.length];
        for (int i = 0; i < parents.length; i++) {
            parents[i] = i;
        }
        return new RadialNetwork(parents, gaps);
    }

    /**
     * The parents of a random radial feeder of n substations with {@code branches} laterals, drawn
     * from {@code rng}: a main line 1..m from the source, and laterals (each a path, numbered after
     * the main line, one after the other) leaving it at distinct substations of 1..m − 1. The main
     * line keeps about half of the substations; every lateral has at least one. With no laterals
     * this draws nothing from {@code rng} and returns the path 0 − 1 − … − n.
     */
    static int[] randomFeederParents(int n, int branches, SplittableRandom rng) {
        if (branches < 0 || n < 2 * branches + 1) {
            throw new IllegalArgumentException("substation network: " + branches + " branches need at least "
                    + (2 * branches + 1) + " substations, got " + n);
        }
        int main = branches == 0 ? n : Math.max(branches + 1, n - Math.max(n / 2, branches));
        int[] length = new int[branches];
        Arrays.fill(length, 1);
        for (int left = n - main - branches; left > 0; left--) {
            length[rng.nextInt(branches)]++;
        }
        int[] parents = new int[n];
        for (int i = 1; i <= main; i++) {
            parents[i - 1] = i - 1;
        }
        boolean[] used = new boolean[main + 1];
        int next = main + 1;
        for (int b = 0; b < branches; b++) {
            int a;
            do {
                a = 1 + rng.nextInt(main - 1);
            } while (used[a]);
            used[a] = true;
            for (int k = 0; k < length[b]; k++, next++) {
                parents[next - 1] = k == 0 ? a : next - 1;
            }
        }
        return parents;
    }

    /** The number of substations N. */
    public int numSubstations() {
        return n;
    }

    /** The parent of location i (0 for the feeder head, −1 for the source itself). */
    public int parent(int i) {
        return parent[i];
    }

    /** The children of location i, ascending (not a copy: do not modify). */
    int[] childrenOf(int i) {
        return children[i];
    }

    /** The children of location i, ascending (a copy). */
    public int[] children(int i) {
        return children[i].clone();
    }

    /** Whether location x lies in the subtree of location a (a itself included). */
    public boolean inSubtree(int x, int a) {
        return enter[a] <= enter[x] && enter[x] < leave[a];
    }

    /** Whether the tree is the path 0 − 1 − … − N. */
    public boolean isPath() {
        for (int i = 1; i <= n; i++) {
            if (parent[i] != i - 1) {
                return false;
            }
        }
        return true;
    }

    /** The travel-time matrix over locations 0..N: distances along the tree (see the class comment). */
    public double[][] travelTimes() {
        double[][] d = new double[n + 1][n + 1];
        for (int i = 0; i <= n; i++) {
            for (int j = 0; j <= n; j++) {
                int m = commonAncestor(i, j);
                d[i][j] = (depth[i] - depth[m]) + (depth[j] - depth[m]);
            }
        }
        return d;
    }

    private int commonAncestor(int i, int j) {
        while (level[i] > level[j]) {
            i = parent[i];
        }
        while (level[j] > level[i]) {
            j = parent[j];
        }
        while (i != j) {
            i = parent[i];
            j = parent[j];
        }
        return i;
    }
}
