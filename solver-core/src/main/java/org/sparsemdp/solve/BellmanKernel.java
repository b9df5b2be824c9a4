package org.sparsemdp.solve;

import org.sparsemdp.model.Mdp;
import org.sparsemdp.model.Objective;

/**
 * Bellman backups over the raw CSR arrays of an {@link Mdp}: the inner loops shared by the
 * value-iteration family. One sweep is separated from the driver that decides when to stop, so
 * that drivers (plain, topological, interval, parallel) compose with sweeps.
 *
 * <p>All methods are allocation-free; array lengths are the model's, checked once by the caller.
 *
 * <p><b>Inner loop.</b> Every expectation Σ<sub>k</sub> p<sub>k</sub> v[succ<sub>k</sub>] is
 * computed by {@link #expectation} with four independent accumulators (unrolled by four, then
 * the remainder), so that the floating-point additions of one row do not form a single
 * dependency chain, and the optimum over choices is sign · max(sign · q) with {@link Math#max},
 * which compiles to branch-free instructions: with a compare-and-branch the index of the best
 * choice is unpredictable and the mispredictions cost more than the arithmetic (measured in
 * {@code SweepBenchmark}). Every method sums in this same order, so a Q-value computed by
 * {@link #qValue} equals the one inside a sweep bit for bit. Math.max/min propagate NaN, so a
 * diverged iteration shows NaN values instead of silently ignoring them. In the contiguous
 * Jacobi and Gauss–Seidel sweeps the loop of {@link #expectation} is written out by hand, with
 * the transition index carried from one choice to the next: the JIT did not inline the helper
 * there, and the call per choice cost about a third of the sweep (measured, JDK 17).
 */
public final class BellmanKernel {
    private BellmanKernel() {
    }

    /**
     * One Jacobi sweep over states {@code [from, to)}: for each state s,
     * {@code out[s] = opt_c ( r_c + γ Σ_k p_k v[succ_k] )} over its choices c (0 for terminal
     * states), {@code policy[s]} = the first choice attaining the optimum (−1 for terminal
     * states). Reads only {@code v}, writes only {@code out} and {@code policy} in [from, to).
     *
     * @param deltaRange receives {@code min_s (out[s] − v[s])} at index 0 and the max at index 1,
     *                   over [from, to); NaN if any change is NaN (e.g. after an overflow)
     */
    public static void jacobiSweep(Mdp mdp, double[] v, double[] out, int[] policy, int from, int to,
                                   double[] deltaRange) {
        final int[] choiceStart = mdp.choiceStartArray();
        final int[] transStart = mdp.transitionStartArray();
        final int[] successor = mdp.successorArray();
        final double[] probability = mdp.probabilityArray();
        final double[] reward = mdp.rewardArray();
        final double gamma = mdp.discount();
        final double sign = mdp.objective() == Objective.MINIMIZE ? -1.0 : 1.0; // see optimalBackup
        double minDelta = Double.POSITIVE_INFINITY;
        double maxDelta = Double.NEGATIVE_INFINITY;
        for (int s = from; s < to; s++) {
            final int cEnd = choiceStart[s + 1];
            int c = choiceStart[s];
            double best;
            int bestChoice;
            if (c == cEnd) {
                best = 0.0;
                bestChoice = -1;
            } else {
                double signedBest = Double.NEGATIVE_INFINITY;
                bestChoice = c;
                int k = transStart[c];
                for (; c < cEnd; c++) {
                    final int kEnd = transStart[c + 1]; // expectation(k, kEnd, ...) inlined by hand,
                    double a0 = 0.0;                     // as in gaussSeidelSweep
                    double a1 = 0.0;
                    double a2 = 0.0;
                    double a3 = 0.0;
                    for (; k + 3 < kEnd; k += 4) {
                        a0 += probability[k] * v[successor[k]];
                        a1 += probability[k + 1] * v[successor[k + 1]];
                        a2 += probability[k + 2] * v[successor[k + 2]];
                        a3 += probability[k + 3] * v[successor[k + 3]];
                    }
                    for (; k < kEnd; k++) {
                        a0 += probability[k] * v[successor[k]];
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
            minDelta = Math.min(minDelta, delta); // Math.min/max propagate NaN: a diverged
            maxDelta = Math.max(maxDelta, delta); // iteration can never look converged
        }
        deltaRange[0] = minDelta;
        deltaRange[1] = maxDelta;
    }

    /**
     * One in-place Gauss–Seidel sweep over states {@code [from, to)} in increasing order: for each
     * state s, {@code v[s] = opt_c ( r_c + γ Σ_k p_k v[succ_k] )}, reading the values already
     * updated in this sweep (0 for terminal states). Restricted to a block, it is the update of the
     * block with all other values held fixed.
     *
     * @param deltaRange receives min and max over [from, to) of the change (new − old value)
     */
    public static void gaussSeidelSweep(Mdp mdp, double[] v, int from, int to, double[] deltaRange) {
        final int[] choiceStart = mdp.choiceStartArray();
        final int[] transStart = mdp.transitionStartArray();
        final int[] successor = mdp.successorArray();
        final double[] probability = mdp.probabilityArray();
        final double[] reward = mdp.rewardArray();
        final double gamma = mdp.discount();
        final double sign = mdp.objective() == Objective.MINIMIZE ? -1.0 : 1.0;
        double minDelta = Double.POSITIVE_INFINITY;
        double maxDelta = Double.NEGATIVE_INFINITY;
        int c = choiceStart[from];
        int k = transStart[c]; // carried along: each choice's transitions follow the previous one's
        for (int s = from; s < to; s++) {
            final int cEnd = choiceStart[s + 1];
            double best;
            if (c == cEnd) {
                best = 0.0;
            } else {
                double signedBest = Double.NEGATIVE_INFINITY;
                for (; c < cEnd; c++) {
                    // expectation(k, kEnd, ...) inlined by hand, same summation order: the JIT does
                    // not inline the helper once its compiled code is large (InlineSmallCode), and
                    // the call per choice cost a third of the sweep (measured in SweepBenchmark)
                    final int kEnd = transStart[c + 1];
                    double a0 = 0.0;
                    double a1 = 0.0;
                    double a2 = 0.0;
                    double a3 = 0.0;
                    for (; k + 3 < kEnd; k += 4) {
                        a0 += probability[k] * v[successor[k]];
                        a1 += probability[k + 1] * v[successor[k + 1]];
                        a2 += probability[k + 2] * v[successor[k + 2]];
                        a3 += probability[k + 3] * v[successor[k + 3]];
                    }
                    for (; k < kEnd; k++) {
                        a0 += probability[k] * v[successor[k]];
                    }
                    signedBest = Math.max(signedBest, sign * (reward[c] + gamma * ((a0 + a1) + (a2 + a3))));
                }
                best = sign * signedBest;
            }
            double delta = best - v[s];
            v[s] = best;
            minDelta = Math.min(minDelta, delta); // Math.min/max propagate NaN: a diverged
            maxDelta = Math.max(maxDelta, delta); // iteration can never look converged
        }
        deltaRange[0] = minDelta;
        deltaRange[1] = maxDelta;
    }

    /**
     * One in-place Gauss–Seidel sweep over the states {@code states[from..to)} in that order (as
     * {@link #gaussSeidelSweep(Mdp, double[], int, int, double[])}, for a block of states that is
     * not contiguous, e.g. a strongly connected component).
     */
    public static void gaussSeidelSweep(Mdp mdp, double[] v, int[] states, int from, int to, double[] deltaRange) {
        final int[] choiceStart = mdp.choiceStartArray();
        final int[] transStart = mdp.transitionStartArray();
        final int[] successor = mdp.successorArray();
        final double[] probability = mdp.probabilityArray();
        final double[] reward = mdp.rewardArray();
        final double gamma = mdp.discount();
        final double sign = mdp.objective() == Objective.MINIMIZE ? -1.0 : 1.0; // see optimalBackup
        double minDelta = Double.POSITIVE_INFINITY;
        double maxDelta = Double.NEGATIVE_INFINITY;
        for (int i = from; i < to; i++) {
            final int s = states[i];
            double best = optimalBackup(choiceStart[s], choiceStart[s + 1], transStart, successor, probability,
                    reward, gamma, sign, v);
            double delta = best - v[s];
            v[s] = best;
            minDelta = Math.min(minDelta, delta); // Math.min/max propagate NaN: a diverged
            maxDelta = Math.max(maxDelta, delta); // iteration can never look converged
        }
        deltaRange[0] = minDelta;
        deltaRange[1] = maxDelta;
    }

    /**
     * One in-place successive over-relaxation sweep over states {@code [from, to)}: for each state
     * s, with b = opt_c ( r_c + γ Σ_k p_k v[succ_k] ) computed from the current (partly updated)
     * values, {@code v[s] = v[s] + ω (b − v[s])} (terminal states stay 0). ω = 1 is Gauss–Seidel
     * up to rounding; 0 &lt; ω &lt; 2.
     *
     * @param deltaRange receives min and max over [from, to) of the change (new − old value)
     */
    public static void sorSweep(Mdp mdp, double[] v, double omega, int from, int to, double[] deltaRange) {
        final int[] choiceStart = mdp.choiceStartArray();
        final int[] transStart = mdp.transitionStartArray();
        final int[] successor = mdp.successorArray();
        final double[] probability = mdp.probabilityArray();
        final double[] reward = mdp.rewardArray();
        final double gamma = mdp.discount();
        final double sign = mdp.objective() == Objective.MINIMIZE ? -1.0 : 1.0; // see optimalBackup
        double minDelta = Double.POSITIVE_INFINITY;
        double maxDelta = Double.NEGATIVE_INFINITY;
        for (int s = from; s < to; s++) {
            final int cBegin = choiceStart[s];
            final int cEnd = choiceStart[s + 1];
            double delta;
            if (cBegin == cEnd) {
                delta = 0.0 - v[s];
                v[s] = 0.0;
            } else {
                double best = optimalBackup(cBegin, cEnd, transStart, successor, probability, reward, gamma,
                        sign, v);
                double old = v[s];
                double updated = old + omega * (best - old);
                delta = updated - old;
                v[s] = updated;
            }
            minDelta = Math.min(minDelta, delta); // Math.min/max propagate NaN: a diverged
            maxDelta = Math.max(maxDelta, delta); // iteration can never look converged
        }
        deltaRange[0] = minDelta;
        deltaRange[1] = maxDelta;
    }

    /**
     * One Jacobi sweep over the states {@code states[from..to)}: as
     * {@link #jacobiSweep(Mdp, double[], double[], int[], int, int, double[])} but for a block of
     * states that is not contiguous; writes {@code out} and {@code policy} at those states only.
     */
    public static void jacobiSweep(Mdp mdp, double[] v, double[] out, int[] policy, int[] states, int from, int to,
                                   double[] deltaRange) {
        double minDelta = Double.POSITIVE_INFINITY;
        double maxDelta = Double.NEGATIVE_INFINITY;
        for (int i = from; i < to; i++) {
            final int s = states[i];
            jacobiSweep(mdp, v, out, policy, s, s + 1, deltaRange);
            minDelta = Math.min(minDelta, deltaRange[0]);
            maxDelta = Math.max(maxDelta, deltaRange[1]);
        }
        deltaRange[0] = minDelta;
        deltaRange[1] = maxDelta;
    }

    /**
     * opt over choices [cBegin, cEnd) of r_c + γ Σ_k p_k v[succ_k]; 0 when the range is empty
     * (terminal state). {@code sign} is +1 to maximise, −1 to minimise: the optimum is
     * sign · max(sign · q), one branch-free {@link Math#max} whatever the objective (negation is
     * exact, so this is the minimum itself). Callers compute the sign inline, as
     * {@code mdp.objective() == MINIMIZE ? -1.0 : 1.0}: through a helper method the sweep compiled
     * to code 30 % slower (measured, JDK 17).
     */
    static double optimalBackup(int cBegin, int cEnd, int[] transStart, int[] successor, double[] probability,
                                double[] reward, double gamma, double sign, double[] v) {
        if (cBegin == cEnd) {
            return 0.0;
        }
        double signedBest = Double.NEGATIVE_INFINITY;
        for (int c = cBegin; c < cEnd; c++) {
            signedBest = Math.max(signedBest,
                    sign * (reward[c] + gamma * expectation(transStart[c], transStart[c + 1], successor, probability, v)));
        }
        return sign * signedBest;
    }


    /**
     * Σ<sub>k ∈ [kBegin, kEnd)</sub> p<sub>k</sub> v[succ<sub>k</sub>], summed with four
     * accumulators (k ≡ 0, 1, 2, 3 mod 4 from kBegin, the remainder into the first), combined as
     * (a0 + a1) + (a2 + a3). The one summation order of the library's Bellman backups; public so
     * that other layouts of the same rows (e.g. the distributed solver's state blocks) compute
     * bit for bit the values of the sweeps here.
     */
    public static double expectation(int kBegin, int kEnd, int[] successor, double[] probability, double[] v) {
        double a0 = 0.0;
        double a1 = 0.0;
        double a2 = 0.0;
        double a3 = 0.0;
        int k = kBegin;
        for (; k + 3 < kEnd; k += 4) {
            a0 += probability[k] * v[successor[k]];
            a1 += probability[k + 1] * v[successor[k + 1]];
            a2 += probability[k + 2] * v[successor[k + 2]];
            a3 += probability[k + 3] * v[successor[k + 3]];
        }
        for (; k < kEnd; k++) {
            a0 += probability[k] * v[successor[k]];
        }
        return (a0 + a1) + (a2 + a3);
    }

    /**
     * The Q-value {@code r_c + γ Σ_k p_k v[succ_k]} of choice {@code c} under values {@code v}.
     */
    public static double qValue(Mdp mdp, int c, double[] v) {
        final int[] transStart = mdp.transitionStartArray();
        return mdp.rewardArray()[c] + mdp.discount()
                * expectation(transStart[c], transStart[c + 1], mdp.successorArray(), mdp.probabilityArray(), v);
    }

    /**
     * The sup norm of the Bellman residual ‖T v − v‖∞, computed without modifying {@code v}
     * (one extra sweep, no allocation beyond nothing: the optimum per state is kept in a local).
     */
    public static double bellmanResidual(Mdp mdp, double[] v) {
        final int n = mdp.numStates();
        final boolean minimize = mdp.objective() == Objective.MINIMIZE;
        double residual = 0.0;
        for (int s = 0; s < n; s++) {
            int cEnd = mdp.choiceEnd(s);
            double best = 0.0;
            int c = mdp.choiceStart(s);
            if (c < cEnd) {
                best = minimize ? Double.POSITIVE_INFINITY : Double.NEGATIVE_INFINITY;
                for (; c < cEnd; c++) {
                    double q = qValue(mdp, c, v);
                    if (minimize ? q < best : q > best) {
                        best = q;
                    }
                }
            }
            residual = Math.max(residual, Math.abs(best - v[s]));
        }
        return residual;
    }

    /**
     * The greedy policy for values {@code v}: per state the first choice attaining the optimal
     * Q-value (−1 for terminal states).
     */
    public static int[] greedyPolicy(Mdp mdp, double[] v) {
        final int n = mdp.numStates();
        final boolean minimize = mdp.objective() == Objective.MINIMIZE;
        int[] policy = new int[n];
        for (int s = 0; s < n; s++) {
            int cEnd = mdp.choiceEnd(s);
            int c = mdp.choiceStart(s);
            int bestChoice = -1;
            double best = minimize ? Double.POSITIVE_INFINITY : Double.NEGATIVE_INFINITY;
            for (; c < cEnd; c++) {
                double q = qValue(mdp, c, v);
                if (bestChoice < 0 || (minimize ? q < best : q > best)) {
                    best = q;
                    bestChoice = c;
                }
            }
            policy[s] = bestChoice;
        }
        return policy;
    }

    /**
     * One Jacobi sweep of the fixed-policy operator T<sub>π</sub>: {@code out[s] = r_c + γ Σ_k p_k v[succ_k]}
     * with c = {@code policy[s]} (0 for terminal states, policy −1). Allocation-free.
     */
    public static void policySweep(Mdp mdp, int[] policy, double[] v, double[] out) {
        final int[] transStart = mdp.transitionStartArray();
        final int[] successor = mdp.successorArray();
        final double[] probability = mdp.probabilityArray();
        final double[] reward = mdp.rewardArray();
        final double gamma = mdp.discount();
        for (int s = 0, n = mdp.numStates(); s < n; s++) {
            final int c = policy[s];
            if (c < 0) {
                out[s] = 0.0;
                continue;
            }
            out[s] = reward[c] + gamma * expectation(transStart[c], transStart[c + 1], successor, probability, v);
        }
    }

    /**
     * {@link #policySweep(Mdp, int[], double[], double[])} over states {@code [from, to)} that also
     * writes min and max of the change {@code out[s] − v[s]} into {@code deltaRange} (NaN if any
     * change is NaN). Allocation-free.
     */
    public static void policySweep(Mdp mdp, int[] policy, double[] v, double[] out, int from, int to,
                                   double[] deltaRange) {
        final int[] transStart = mdp.transitionStartArray();
        final int[] successor = mdp.successorArray();
        final double[] probability = mdp.probabilityArray();
        final double[] reward = mdp.rewardArray();
        final double gamma = mdp.discount();
        double minDelta = Double.POSITIVE_INFINITY;
        double maxDelta = Double.NEGATIVE_INFINITY;
        for (int s = from; s < to; s++) {
            final int c = policy[s];
            double x = c < 0 ? 0.0
                    : reward[c] + gamma * expectation(transStart[c], transStart[c + 1], successor, probability, v);
            out[s] = x;
            double delta = x - v[s];
            minDelta = Math.min(minDelta, delta);
            maxDelta = Math.max(maxDelta, delta);
        }
        deltaRange[0] = minDelta;
        deltaRange[1] = maxDelta;
    }
}
