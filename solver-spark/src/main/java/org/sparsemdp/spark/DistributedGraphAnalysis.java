package org.sparsemdp.spark;

import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.sparsemdp.io.partitioned.ModelBlock;

/**
 * The qualitative precomputation of reachability on a {@link DistributedModel}: the sets of
 * {@link org.sparsemdp.solve.undiscounted.GraphAnalysis} (same definitions, same fixed points;
 * Forejt, Kwiatkowska, Norman, Parker, SFM 2011, §4.1; Baier &amp; Katoen 2008, Algorithms 45–46),
 * each computed by {@link GraphRounds} over the cached blocks. Sets are one boolean per state
 * on the driver. The number of rounds (distributed jobs) is counted in {@link #rounds()}.
 */
final class DistributedGraphAnalysis {
    private final JavaSparkContext sc;
    private final JavaRDD<ModelBlock> blocks;
    private final int n;
    private final GraphRounds.Counter counter = new GraphRounds.Counter();

    DistributedGraphAnalysis(JavaSparkContext sc, DistributedModel model) {
        this.sc = sc;
        this.blocks = model.blocks();
        this.n = model.numStates();
    }

    /** Rounds (jobs) run so far. */
    long rounds() {
        return counter.rounds;
    }

    /** The shared round counter (for the analyses of the reduced blocks). */
    GraphRounds.Counter counter() {
        return counter;
    }

    /** States with a path to {@code to} whose states before the last lie in {@code region} (null: all). */
    boolean[] existsPathTo(boolean[] to, boolean[] region) {
        Broadcast<boolean[]> reg = region == null ? null : sc.broadcast(region);
        try {
            return GraphRounds.fixpoint(sc, blocks, to, true, (b, set) -> BlockGraph.grow(b.lo(), b.hi(), null,
                    b.choiceStartArray(), b.transitionStartArray(), b.successorArray(), set,
                    reg == null ? null : reg.value(), BlockGraph.Rule.EXISTS, null, null, null, 0, false),
                    null, counter);
        } finally {
            if (reg != null) {
                reg.destroy();
            }
        }
    }

    /** Pmax(F T) = 0: no path reaches T. */
    boolean[] prob0A(boolean[] target) {
        return GraphRounds.not(existsPathTo(target, null));
    }

    /** Pmin(F T) = 0: the complement of R = T ∪ {s : every choice (at least one) has a successor in R}. */
    boolean[] prob0E(boolean[] target) {
        return GraphRounds.not(GraphRounds.fixpoint(sc, blocks, target, true, (b, set) -> BlockGraph.grow(b.lo(),
                b.hi(), null, b.choiceStartArray(), b.transitionStartArray(), b.successorArray(), set, null,
                BlockGraph.Rule.FORALL, null, null, null, 0, false), null, counter));
    }

    /** Pmin(F T) = 1: the states that cannot reach Prob0E(T) along paths outside T. */
    boolean[] prob1A(boolean[] target) {
        return GraphRounds.not(existsPathTo(prob0E(target), GraphRounds.not(target)));
    }

    /**
     * Pmax(F T) = 1: the greatest U such that U is the set of states reaching T by choices whose
     * successors all lie in U (nested fixed point).
     */
    boolean[] prob1E(boolean[] target) {
        boolean[] u = new boolean[n];
        java.util.Arrays.fill(u, true);
        while (true) {
            boolean[] r = attract(target, u, null, null);
            if (java.util.Arrays.equals(r, u)) {
                return u;
            }
            u = r;
        }
    }

    /**
     * The states reaching {@code from} by choices whose successors all lie in {@code inside}, grown
     * backwards from {@code from}; states of {@code region} (null: all) only. With {@code choices}
     * not null, each added state's choice (global index) is stored there: a choice with a
     * successor added before it, so following these choices reaches {@code from} with positive
     * probability from every added state (the attractor strategy).
     */
    boolean[] attract(boolean[] from, boolean[] inside, boolean[] region, int[] choices) {
        Broadcast<boolean[]> in = sc.broadcast(inside);
        Broadcast<boolean[]> reg = region == null ? null : sc.broadcast(region);
        final boolean record = choices != null;
        try {
            return GraphRounds.fixpoint(sc, blocks, from, true, (b, set) -> BlockGraph.grow(b.lo(), b.hi(), null,
                    b.choiceStartArray(), b.transitionStartArray(), b.successorArray(), set,
                    reg == null ? null : reg.value(), BlockGraph.Rule.EXISTS_INSIDE, in.value(), null, null,
                    b.firstChoice(), record), choices, counter);
        } finally {
            in.destroy();
            if (reg != null) {
                reg.destroy();
            }
        }
    }
}
