package org.sparsemdp.solve;

import org.sparsemdp.model.CompactMdp;
import org.sparsemdp.model.FixedPointRows;

/**
 * The floating-point error model ({@link RoundingBounds}) of the stored model M' of a
 * {@link CompactMdp}: its probabilities are exact doubles q·2<sup>−32</sup> whose rows sum to
 * exactly 1, so the sweeps of {@link CompactBellmanKernel} have the rounding error that
 * {@link RoundingBounds} bounds for a double model with these probabilities. The states of value
 * 0 are found by {@link RoundingBounds#markZeroStates} (skipped when every state has a choice of
 * non-zero reward, which is then proof that there is none).
 */
final class CompactErrorModel {
    private CompactErrorModel() {
    }

    /** The error model of M' ({@code mdp.discount()} &lt; 1). */
    static RoundingBounds of(CompactMdp mdp) {
        final int n = mdp.numStates();
        final double[] reward = mdp.rewardArray();
        boolean[] zero = new boolean[n];
        int zeroCount = 0;
        if (mayHaveZeroStates(mdp)) {
            int[] choiceStart = offsets(mdp.choiceStartArray(), n, mdp.uniformChoices());
            int[] transStart = offsets(mdp.transitionStartArray(), mdp.numChoices(), mdp.uniformBranching());
            zeroCount = RoundingBounds.markZeroStates(0, choiceStart, transStart, mdp.successorArray(), reward, zero,
                    zero);
        }
        double maxReward = 0;
        int maxRewardChoice = -1;
        for (int c = 0; c < reward.length; c++) {
            double r = Math.abs(reward[c]);
            if (r > maxReward) {
                maxReward = r;
                maxRewardChoice = c;
            }
        }
        int maxBranching = mdp.uniformBranching();
        if (mdp.transitionStartArray() != null) {
            int[] ts = mdp.transitionStartArray();
            for (int c = 0; c < mdp.numChoices(); c++) {
                maxBranching = Math.max(maxBranching, ts[c + 1] - ts[c]);
            }
        }
        double minInside = zeroCount > 0 ? minInside(mdp, zero) : Double.POSITIVE_INFINITY;
        RowStatistics rows = RowStatistics.ofStochasticRows(mdp.numChoices(), maxReward,
                maxRewardChoice < 0 ? 0 : reward[maxRewardChoice], maxRewardChoice,
                maxRewardChoice < 0 ? -1 : mdp.stateOfChoice(maxRewardChoice), maxBranching, minInside);
        return RoundingBounds.of(mdp.discount(), rows, zero, zeroCount, mdp::actionLabel);
    }

    /** False when every state has a choice of non-zero reward (then no state has value exactly 0). */
    private static boolean mayHaveZeroStates(CompactMdp mdp) {
        double[] reward = mdp.rewardArray();
        for (int s = 0, n = mdp.numStates(); s < n; s++) {
            boolean earns = false;
            for (int c = mdp.choiceStart(s), end = mdp.choiceEnd(s); c < end && !earns; c++) {
                earns = reward[c] != 0.0;
            }
            if (!earns) {
                return true;
            }
        }
        return false;
    }

    /** The offsets {@code start}, or the uniform ones i·width when it is null. */
    private static int[] offsets(int[] start, int count, int width) {
        if (start != null) {
            return start;
        }
        int[] made = new int[count + 1];
        for (int i = 0; i <= count; i++) {
            made[i] = i * width;
        }
        return made;
    }

    /**
     * The smallest mass, rounded down with its summation error, that a choice of a state not of
     * value 0 puts on states not of value 0 (as {@link RowStatistics#minInside()}).
     */
    private static double minInside(CompactMdp mdp, boolean[] zero) {
        final int[] successor = mdp.successorArray();
        final int[] code = mdp.probabilityCodeArray();
        double min = Double.POSITIVE_INFINITY;
        for (int s = 0, n = mdp.numStates(); s < n; s++) {
            if (zero[s]) {
                continue;
            }
            for (int c = mdp.choiceStart(s), end = mdp.choiceEnd(s); c < end; c++) {
                int k0 = mdp.transitionStart(c);
                int k1 = mdp.transitionEnd(c);
                double inside = 0;
                for (int k = k0; k < k1; k++) {
                    if (!zero[successor[k]]) {
                        inside += FixedPointRows.value(code[k]);
                    }
                }
                min = Math.min(min, RoundingBounds.down(inside - RoundingBounds.rowSumError(inside, k1 - k0)));
            }
        }
        return min;
    }
}
