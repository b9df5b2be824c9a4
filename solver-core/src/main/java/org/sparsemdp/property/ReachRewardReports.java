package org.sparsemdp.property;

import java.util.BitSet;
import org.sparsemdp.io.LoadedModel;
import org.sparsemdp.model.Mdp;

/**
 * What another engine answering R[F target] (the expected reward until first reaching a target,
 * discount 1: e.g. the Spark launcher's {@code solve --engine spark --until}) shares with the
 * single-machine {@link IntervalQuerySolver}, so that both refuse the same models and explain
 * the same infinite values with the same words: the check that the model has rewards at all, and
 * the one-line explanation of {@link QueryResult#infinityReason()}.
 */
public final class ReachRewardReports {
    private ReachRewardReports() {
    }

    /**
     * Refuses R[F target] on {@code model} (its MDP's rewards are the ones solved) when it has no
     * reward structure and all its rewards are 0, as {@link IntervalQuerySolver} does.
     *
     * @throws MissingRewardsException naming the objective and what to pass instead
     */
    public static void requireRewards(LoadedModel model) {
        QueryRewards.rewards(model, Query.reachReward(null, new BitSet(), model.mdp().objective()));
    }

    /**
     * Why the states of {@code infinite} have value +∞ for R[F target] on {@code mdp} (its own
     * non-negative rewards, in its direction): the end component that can be repeated forever
     * without reaching the target, or the terminal states outside it (one line, with what to ask
     * instead), exactly as {@link QueryResult#infinityReason()} says it; null if
     * {@code infinite} is empty.
     *
     * @param infinite the states whose value the graph analysis proved infinite (both bounds +∞)
     */
    public static String infinityReason(Mdp mdp, BitSet target, BitSet infinite) {
        if (infinite.isEmpty()) {
            return null;
        }
        double[] values = new double[mdp.numStates()];
        for (int s = infinite.nextSetBit(0); s >= 0; s = infinite.nextSetBit(s + 1)) {
            values[s] = Double.POSITIVE_INFINITY;
        }
        return InfinityExplanation.explain(mdp, mdp.rewardArray(), Query.reachReward(null, target, mdp.objective()),
                target, values);
    }
}
