package org.sparsemdp.spark;

import java.io.Serializable;
import java.util.List;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;

/**
 * The driver side of the distributed graph analysis: a least (growing) or greatest (shrinking)
 * fixed point over the states, computed in rounds. Each round broadcasts the current set (one
 * byte per state); every block runs its local fixed point against it ({@link BlockGraph}) and
 * sends back the states it changed; the driver applies them. The rounds stop at the first round
 * in which no block changes anything: then every block is at its local fixed point for the
 * whole set, which is the global fixed point (Baier &amp; Katoen 2008, <i>Principles of Model
 * Checking</i>, Algorithms 45–46, distributed by blocks; the number of rounds is about the
 * number of block boundaries a dependency chain crosses, plus one).
 */
final class GraphRounds {
    private GraphRounds() {
    }

    /** One block's step of a round: the states it changed (or pairs (state, choice)). */
    interface Step<B> extends Serializable {
        int[] apply(B block, boolean[] set);
    }

    /** Counts the rounds (jobs) of a whole analysis, for the statistics. */
    static final class Counter {
        long rounds;
    }

    /**
     * Grows ({@code grow}) or shrinks {@code start} to the fixed point of {@code step}; the
     * argument is not modified.
     *
     * @param choices if not null, {@code step} returns pairs (state, choice) and the choice of
     *                each added state is stored here (by global state)
     */
    static <B> boolean[] fixpoint(JavaSparkContext sc, JavaRDD<B> blocks, boolean[] start, boolean grow, Step<B> step,
                                  int[] choices, Counter counter) {
        boolean[] set = start.clone();
        final int stride = choices == null ? 1 : 2;
        while (true) {
            Broadcast<boolean[]> bc = sc.broadcast(set);
            List<int[]> changes = blocks.map(b -> step.apply(b, bc.value())).collect();
            bc.destroy();
            counter.rounds++;
            boolean any = false;
            set = set.clone(); // a broadcast value may be shared with local-mode executors: never modify it
            for (int[] ch : changes) {
                for (int i = 0; i < ch.length; i += stride) {
                    set[ch[i]] = grow;
                    if (choices != null) {
                        choices[ch[i]] = ch[i + 1];
                    }
                    any = true;
                }
            }
            if (!any) {
                return set;
            }
        }
    }

    /** The complement of {@code set}, as a new array. */
    static boolean[] not(boolean[] set) {
        boolean[] out = new boolean[set.length];
        for (int i = 0; i < set.length; i++) {
            out[i] = !set[i];
        }
        return out;
    }
}
