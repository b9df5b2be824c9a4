package org.sparsemdp.solve;

import org.sparsemdp.model.CompactMdp;
import org.sparsemdp.model.Objective;

/**
 * Bellman sweeps over the arrays of a {@link CompactMdp}: the Jacobi and Gauss–Seidel sweeps of
 * {@link BellmanKernel}, reading each probability as the exact double q·2<sup>−32</sup> decoded
 * from its 32-bit code ({@code ((code & 0xFFFFFFFF) + 1) · 2^−32}: an integer conversion and two
 * exact operations), with the same four accumulators, the same branch-free optimum and the same
 * summation order. Uniform offsets (null offset arrays) are computed as c·K and s·A, the
 * transition and choice indices being carried from one row to the next. Allocation-free.
 */
public final class CompactBellmanKernel {
    private static final long MASK = 0xFFFFFFFFL;
    private static final double UNIT = 0x1p-32;

    private CompactBellmanKernel() {
    }

    /**
     * One Jacobi sweep over states [from, to): {@code out[s] = opt_c (r_c + γ Σ_k p'_k v[succ_k])},
     * {@code policy[s]} the first optimal choice (−1 for terminal states, whose value is 0), and
     * min/max of {@code out[s] − v[s]} into {@code deltaRange} (NaN if any change is NaN).
     */
    public static void jacobiSweep(CompactMdp mdp, double[] v, double[] out, int[] policy, int from, int to,
                                   double[] deltaRange) {
        final int[] choiceStart = mdp.choiceStartArray();
        final int actions = mdp.uniformChoices();
        final int[] transStart = mdp.transitionStartArray();
        final int branching = mdp.uniformBranching();
        final int[] successor = mdp.successorArray();
        final int[] code = mdp.probabilityCodeArray();
        final double[] reward = mdp.rewardArray();
        final double gamma = mdp.discount();
        final double sign = mdp.objective() == Objective.MINIMIZE ? -1.0 : 1.0;
        double minDelta = Double.POSITIVE_INFINITY;
        double maxDelta = Double.NEGATIVE_INFINITY;
        int c = choiceStart == null ? from * actions : choiceStart[from];
        int k = transStart == null ? c * branching : transStart[c];
        for (int s = from; s < to; s++) {
            final int cEnd = choiceStart == null ? c + actions : choiceStart[s + 1];
            double best;
            int bestChoice = -1;
            if (c == cEnd) {
                best = 0.0;
            } else {
                double signedBest = Double.NEGATIVE_INFINITY;
                for (; c < cEnd; c++) {
                    final int kEnd = transStart == null ? k + branching : transStart[c + 1];
                    double a0 = 0.0;
                    double a1 = 0.0;
                    double a2 = 0.0;
                    double a3 = 0.0;
                    for (; k + 3 < kEnd; k += 4) {
                        a0 += ((code[k] & MASK) + 1) * UNIT * v[successor[k]];
                        a1 += ((code[k + 1] & MASK) + 1) * UNIT * v[successor[k + 1]];
                        a2 += ((code[k + 2] & MASK) + 1) * UNIT * v[successor[k + 2]];
                        a3 += ((code[k + 3] & MASK) + 1) * UNIT * v[successor[k + 3]];
                    }
                    for (; k < kEnd; k++) {
                        a0 += ((code[k] & MASK) + 1) * UNIT * v[successor[k]];
                    }
                    double q = sign * (reward[c] + gamma * ((a0 + a1) + (a2 + a3)));
                    bestChoice = q > signedBest ? c : bestChoice; // the first optimal choice
                    signedBest = Math.max(signedBest, q);
                }
                best = sign * signedBest;
            }
            out[s] = best;
            policy[s] = bestChoice;
            double delta = best - v[s];
            minDelta = Math.min(minDelta, delta);
            maxDelta = Math.max(maxDelta, delta);
        }
        deltaRange[0] = minDelta;
        deltaRange[1] = maxDelta;
    }

    /**
     * One in-place Gauss–Seidel sweep over states [from, to) in increasing order:
     * {@code v[s] = opt_c (r_c + γ Σ_k p'_k v[succ_k])} with the values already updated in this
     * sweep; min/max of the change into {@code deltaRange}.
     */
    public static void gaussSeidelSweep(CompactMdp mdp, double[] v, int from, int to, double[] deltaRange) {
        final int[] choiceStart = mdp.choiceStartArray();
        final int actions = mdp.uniformChoices();
        final int[] transStart = mdp.transitionStartArray();
        final int branching = mdp.uniformBranching();
        final int[] successor = mdp.successorArray();
        final int[] code = mdp.probabilityCodeArray();
        final double[] reward = mdp.rewardArray();
        final double gamma = mdp.discount();
        final double sign = mdp.objective() == Objective.MINIMIZE ? -1.0 : 1.0;
        double minDelta = Double.POSITIVE_INFINITY;
        double maxDelta = Double.NEGATIVE_INFINITY;
        int c = choiceStart == null ? from * actions : choiceStart[from];
        int k = transStart == null ? c * branching : transStart[c];
        for (int s = from; s < to; s++) {
            final int cEnd = choiceStart == null ? c + actions : choiceStart[s + 1];
            double best;
            if (c == cEnd) {
                best = 0.0;
            } else {
                double signedBest = Double.NEGATIVE_INFINITY;
                for (; c < cEnd; c++) {
                    final int kEnd = transStart == null ? k + branching : transStart[c + 1];
                    double a0 = 0.0;
                    double a1 = 0.0;
                    double a2 = 0.0;
                    double a3 = 0.0;
                    for (; k + 3 < kEnd; k += 4) {
                        a0 += ((code[k] & MASK) + 1) * UNIT * v[successor[k]];
                        a1 += ((code[k + 1] & MASK) + 1) * UNIT * v[successor[k + 1]];
                        a2 += ((code[k + 2] & MASK) + 1) * UNIT * v[successor[k + 2]];
                        a3 += ((code[k + 3] & MASK) + 1) * UNIT * v[successor[k + 3]];
                    }
                    for (; k < kEnd; k++) {
                        a0 += ((code[k] & MASK) + 1) * UNIT * v[successor[k]];
                    }
                    signedBest = Math.max(signedBest, sign * (reward[c] + gamma * ((a0 + a1) + (a2 + a3))));
                }
                best = sign * signedBest;
            }
            double delta = best - v[s];
            v[s] = best;
            minDelta = Math.min(minDelta, delta);
            maxDelta = Math.max(maxDelta, delta);
        }
        deltaRange[0] = minDelta;
        deltaRange[1] = maxDelta;
    }
}
