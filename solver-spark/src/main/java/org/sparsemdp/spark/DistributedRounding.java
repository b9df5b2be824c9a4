package org.sparsemdp.spark;

import java.io.Serializable;
import java.util.Arrays;
import java.util.List;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.sparsemdp.io.partitioned.ModelBlock;
import org.sparsemdp.solve.RoundingBounds;
import org.sparsemdp.solve.RowStatistics;

/**
 * The floating-point error model ({@link RoundingBounds}) of a {@link DistributedModel}, built
 * where the blocks are: the same model as the single-machine solvers', from statistics gathered
 * block by block on the executors ({@link RowStatistics#scan}) and merged on the driver.
 *
 * <p><b>States of value 0.</b> They are marked in rounds: the driver broadcasts the states known
 * so far (none at first); each block marks its own states by
 * {@link RoundingBounds#markZeroStates} (two passes in state order, reading the broadcast set for
 * the other blocks' states) and sends back the states it newly marked, together with its row
 * statistics for the broadcast set. The rounds stop when one marks nothing new (the statistics of
 * that round are for the final set), or after {@value #MAX_ROUNDS} rounds (the last round's new
 * marks are then dropped, so that the set and its statistics agree). Every set along the way is
 * sound, so the bounds hold whatever the number of rounds; a chain of zero-reward states crossing
 * more blocks than rounds only loses the exact 0 of its far end. With one block and no chain longer
 * than the single-machine passes find, the set is that of {@link RoundingBounds#of}.
 *
 * <p>Cost: one job per round (one without states of value 0, else usually two or three), each one pass over the choices of every block; the
 * broadcast set costs one byte per state and stays on the executors for the solve
 * ({@link #zero()}).
 */
final class DistributedRounding implements AutoCloseable {
    /** Largest number of marking rounds. */
    static final int MAX_ROUNDS = 4;

    private final RoundingBounds rounding;
    private final Broadcast<boolean[]> zero;

    private DistributedRounding(RoundingBounds rounding, Broadcast<boolean[]> zero) {
        this.rounding = rounding;
        this.zero = zero;
    }

    /** What one block sends back in a round: the states it newly marked and its row statistics. */
    private record Round(int[] marked, RowStatistics rows) implements Serializable {
        static Round of(ModelBlock b, boolean[] known, boolean anyKnown) {
            int n = b.numStates();
            boolean[] marks = Arrays.copyOfRange(known, b.lo(), b.hi());
            int added = RoundingBounds.markZeroStates(b.lo(), b.choiceStartArray(), b.transitionStartArray(),
                    b.successorArray(), b.rewardArray(), known, marks);
            int[] marked = new int[added];
            for (int i = 0, j = 0; i < n && j < added; i++) {
                if (marks[i] && !known[b.lo() + i]) {
                    marked[j++] = b.lo() + i;
                }
            }
            RowStatistics rows = RowStatistics.scan(b.lo(), b.firstChoice(), b.choiceStartArray(),
                    b.transitionStartArray(), b.successorArray(), b.probabilityArray(), b.rewardArray(), known,
                    anyKnown);
            return new Round(marked, rows);
        }
    }

    /**
     * Builds the error model of {@code model} (see the class comment).
     *
     * @throws IllegalArgumentException if the discounted values can overflow (naming the choice of
     *                                  largest |reward|), or if the rows sum to 1/γ or more
     */
    static DistributedRounding of(JavaSparkContext sc, DistributedModel model) {
        final JavaRDD<ModelBlock> blocks = model.blocks();
        boolean[] known = new boolean[model.numStates()];
        int count = 0;
        for (int round = 1; ; round++) {
            Broadcast<boolean[]> bc = sc.broadcast(known);
            final boolean anyKnown = count > 0;
            List<Round> results = blocks.map(b -> Round.of(b, bc.value(), anyKnown)).collect();
            RowStatistics rows = results.get(0).rows();
            int added = results.get(0).marked().length;
            for (Round r : results.subList(1, results.size())) {
                rows = RowStatistics.merge(rows, r.rows());
                added += r.marked().length;
            }
            if (added == 0 || round == MAX_ROUNDS) {
                try {
                    return new DistributedRounding(RoundingBounds.of(model.discount(), rows, known, count,
                            model::actionLabel), bc);
                } catch (IllegalArgumentException e) {
                    bc.destroy();
                    throw e;
                }
            }
            bc.destroy();
            known = known.clone(); // a broadcast value may be shared with local-mode executors: never modify it
            for (Round r : results) {
                for (int s : r.marked()) {
                    known[s] = true;
                }
            }
            count += added;
        }
    }

    /** The error model. */
    RoundingBounds rounding() {
        return rounding;
    }

    /** The states of value 0 (the same set as {@link RoundingBounds#isZero}), on every executor. */
    Broadcast<boolean[]> zero() {
        return zero;
    }

    /** Drops the broadcast set. */
    @Override
    public void close() {
        zero.destroy();
    }
}
