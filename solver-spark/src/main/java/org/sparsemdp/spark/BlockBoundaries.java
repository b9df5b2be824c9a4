package org.sparsemdp.spark;

import org.sparsemdp.io.partitioned.BlockCuts;
import org.sparsemdp.model.Mdp;

/**
 * Where to cut the states 0..S−1 into P contiguous blocks: {@code bounds[p] .. bounds[p+1]−1} is
 * block p. Blocks are non-empty (P is reduced to S if larger). The cuts are those of
 * {@link BlockCuts}, which the partitioned model files use too.
 */
public final class BlockBoundaries {
    private BlockBoundaries() {
    }

    /**
     * Cuts balanced by transition count: block p ends at the first state whose cumulative
     * transition count reaches (p+1)·T/P (binary search on the model's offsets, O(P log S)), so
     * each block's sweep costs about the same. Every block gets at least one state.
     */
    public static int[] byTransitions(Mdp mdp, int parts) {
        return BlockCuts.byTransitions(mdp.choiceStartArray(), mdp.transitionStartArray(), parts);
    }

    /**
     * Cuts into blocks of equal state count (±1): balanced by transitions when every state has
     * the same number of transitions, as in Garnet models.
     */
    public static int[] uniform(int states, int parts) {
        return BlockCuts.uniform(states, parts);
    }
}
