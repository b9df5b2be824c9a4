package org.sparsemdp.spark;

import org.sparsemdp.io.partitioned.ModelBlock;
import org.sparsemdp.solve.BellmanKernel;
import org.sparsemdp.solve.CheckStatistics;

/**
 * Bellman sweeps over one {@link ModelBlock}: the block form of
 * {@link BellmanKernel}'s Jacobi and Gauss–Seidel sweeps, for a block whose
 * successors index a global value vector while its own new values live in a local array.
 * (T v)(s) = opt<sub>c</sub> [ r(c) + γ Σ<sub>k</sub> p<sub>k</sub> v(succ<sub>k</sub>) ]; terminal
 * states (no choices) have value 0.
 *
 * <p>Allocation-free; called by the executors once per exchange and block.
 */
final class BlockSweeps {
    private BlockSweeps() {
    }

    /**
     * One Jacobi sweep of the block: {@code out[i] = (T v)(lo + i)} reading only the global
     * vector {@code v}; {@code policy[i]} (if not null) = global index of the first optimal choice
     * (−1 for terminal states).
     *
     * @param range receives min and max over the block of (T v)(s) − v(s); NaN propagates
     * @param zero  the states of value 0 (global), for {@code stats}
     * @param stats accumulates the block's states for the check's certificate
     */
    static void jacobi(ModelBlock b, double[] v, double gamma, boolean minimize, double[] out, int[] policy,
                       double[] range, boolean[] zero, CheckStatistics stats) {
        final int[] cs = b.choiceStartArray();
        final int[] ts = b.transitionStartArray();
        final int[] succ = b.successorArray();
        final double[] prob = b.probabilityArray();
        final double[] reward = b.rewardArray();
        final int lo = b.lo();
        final int states = b.numStates();
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        final double sign = minimize ? -1.0 : 1.0;
        for (int i = 0; i < states; i++) {
            final int cEnd = cs[i + 1];
            int c = cs[i];
            double best = 0.0;
            int bestChoice = -1;
            if (c < cEnd) {
                // BellmanKernel's summation order and optimum rule, so that the values equal the
                // single-machine vi's bit for bit.
                double signedBest = Double.NEGATIVE_INFINITY;
                bestChoice = c;
                for (; c < cEnd; c++) {
                    double q = sign * (reward[c] + gamma * BellmanKernel.expectation(ts[c], ts[c + 1], succ, prob, v));
                    bestChoice = q > signedBest ? c : bestChoice; // the first optimal choice
                    signedBest = Math.max(signedBest, q);
                }
                best = sign * signedBest;
                bestChoice += b.firstChoice();
            }
            out[i] = best;
            if (policy != null) {
                policy[i] = bestChoice;
            }
            double delta = best - v[lo + i];
            min = Math.min(min, delta); // Math.min/max propagate NaN: a diverged
            max = Math.max(max, delta); // iteration can never look converged
            stats.add(zero[lo + i], v[lo + i], best);
        }
        range[0] = min;
        range[1] = max;
    }

    /**
     * One in-place Gauss–Seidel sweep of the block in increasing state order, with the values of
     * all other blocks held fixed: {@code local[i]} (the block's current values) is replaced by
     * (T x)(lo + i), where x reads {@code local} inside the block and {@code v + outsideShift}
     * outside it.
     *
     * @param range receives min and max over the block of the change
     */
    static void gaussSeidel(ModelBlock b, double[] v, double outsideShift, double[] local, double gamma,
                            boolean minimize, double[] range) {
        final int[] cs = b.choiceStartArray();
        final int[] ts = b.transitionStartArray();
        final int[] succ = b.successorArray();
        final double[] prob = b.probabilityArray();
        final double[] reward = b.rewardArray();
        final int lo = b.lo();
        final int states = b.numStates();
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < states; i++) {
            final int cEnd = cs[i + 1];
            int c = cs[i];
            double best = 0.0;
            if (c < cEnd) {
                best = minimize ? Double.POSITIVE_INFINITY : Double.NEGATIVE_INFINITY;
                for (; c < cEnd; c++) {
                    double sum = 0.0;
                    for (int k = ts[c], kEnd = ts[c + 1]; k < kEnd; k++) {
                        final int j = succ[k] - lo; // inside the block iff 0 <= j < states
                        sum += prob[k] * (j >= 0 && j < states ? local[j] : v[succ[k]] + outsideShift);
                    }
                    double q = reward[c] + gamma * sum;
                    if (minimize ? q < best : q > best) {
                        best = q;
                    }
                }
            }
            double delta = best - local[i];
            local[i] = best;
            min = Math.min(min, delta);
            max = Math.max(max, delta);
        }
        range[0] = min;
        range[1] = max;
    }
}
