package org.sparsemdp.solve.average;

import java.util.BitSet;
import org.sparsemdp.model.Mdp;
import org.sparsemdp.model.Objective;
import org.sparsemdp.result.Status;
import org.sparsemdp.solve.RunLimits;

/**
 * Relative value iteration with the aperiodicity transformation on one block of states in which
 * the optimal gain is constant (a whole communicating or unichain model, or one maximal end
 * component with its internal choices), with the span bounds on the optimal gain (Puterman 1994,
 * <i>Markov Decision Processes</i>, §8.5.3–8.5.4).
 *
 * <p><b>Algorithm.</b> The transformed operator is
 * T'v(s) = opt<sub>c</sub> [ r(c) + τ v(s) + (1 − τ) Σ p(c, s') v(s') ], i.e. the transition
 * matrix P' = τI + (1 − τ)P, which has the same stationary distributions, hence the same gain,
 * for every policy, and no periodic policy (§8.5.4). From v<sub>0</sub> = 0 it iterates
 * v<sub>n+1</sub> = T'v<sub>n</sub> − m<sub>n</sub>, subtracting the previous gain estimate
 * m<sub>n</sub> so that the values stay bounded (relative values).
 *
 * <p><b>Bounds.</b> For every vector v and every state, min(T'v − v) ≤ g* ≤ max(T'v − v): the
 * greedy policy π of v has gain P*<sub>π</sub>(T'v − v) ≥ min, and every policy σ has gain
 * P*<sub>σ</sub>(r<sub>σ</sub> + P'<sub>σ</sub>v − v) ≤ max (Puterman Theorem 8.5.5; the argument
 * needs no unichain assumption for the upper bound and only a constant g* for the lower one). The
 * greedy policy's gain lies in the same bracket. The bracket is widened by a floating-point term
 * (see {@link #roundingError}) so that it holds for the computed numbers.
 *
 * <p><b>Stopping rule.</b> Stop when the widened bracket is at most 2ε wide: its midpoint is then
 * within ε of g*. The bracket is valid at every iteration, so a run stopped by a limit still
 * reports a true one. The relative values v (times 1 − τ, which turns them into relative values
 * of the untransformed model) approximate the bias h up to a constant.
 */
final class RelativeValueIteration {
    /** Unit roundoff of double precision, 2<sup>−53</sup>. */
    static final double UNIT_ROUNDOFF = 0x1p-53;

    private final Mdp mdp;
    private final double[] reward;
    private final Objective direction;
    private final double tau;

    RelativeValueIteration(Mdp mdp, double[] reward, Objective direction, double tau) {
        this.mdp = mdp;
        this.reward = reward;
        this.direction = direction;
        this.tau = tau;
    }

    /** The outcome of one block: the gain bracket, iterations and how the run ended. */
    static final class BlockGain {
        double lower;
        double upper;
        long iterations;
        Status status;
        boolean stalled;
    }

    /** Sweeps over which the bracket must halve when stopping on a stall. */
    static final int STALL_WINDOW = 16;

    /**
     * Runs RVI on the states {@code states} (null: all states, terminal ones absorbing with
     * reward 0) using only choices in {@code internal} (null: all; every listed state must keep at
     * least one, and those choices must stay inside the block). The bracket holds for every state
     * of the block whatever the model: if the optimal gain is not constant, it just cannot
     * become narrower than the spread of the gains.
     *
     * @param v      values, read and written at the block's states only: on return the relative
     *               values of the last iterate
     * @param w      scratch of the same length
     * @param policy receives the greedy choice of the last sweep at the block's states
     */
    BlockGain run(int[] states, BitSet internal, double epsilon, RunLimits limits, double[] v, double[] w,
                  int[] policy) {
        return run(states, internal, epsilon, limits, v, w, policy, false);
    }

    /**
     * As {@link #run(int[], BitSet, double, RunLimits, double[], double[], int[])}; with
     * {@code stopOnStall}, also stops (with {@link BlockGain#stalled} set and status null) when the
     * bracket has not halved in {@value #STALL_WINDOW} sweeps: the sign of a block whose optimal
     * gain is not constant (several end components), where the bracket, valid as it is, cannot
     * shrink below the spread of the gains.
     */
    BlockGain run(int[] states, BitSet internal, double epsilon, RunLimits limits, double[] v, double[] w,
                  int[] policy, boolean stopOnStall) {
        final int m = states == null ? mdp.numStates() : states.length;
        final double roundingFactor = roundingFactor(states, internal);
        double maxAbsReward = maxAbsReward(states, internal);
        double[] range = new double[3];
        BlockGain result = new BlockGain();
        double windowWidth = Double.POSITIVE_INFINITY;
        double estimate = 0.0;
        double[] cur = v;
        double[] next = w;
        while (true) {
            sweep(states, m, internal, cur, next, estimate, policy, range);
            result.iterations++;
            double rounding = roundingFactor * (maxAbsReward + 2 * range[2] + Math.abs(estimate));
            result.lower = range[0] - rounding;
            result.upper = range[1] + rounding;
            estimate = 0.5 * (range[0] + range[1]);
            double[] swap = cur;
            cur = next;
            next = swap;
            if (!(result.upper - result.lower > 2 * epsilon)) {
                result.status = Status.CONVERGED;
                break;
            }
            if (stopOnStall && result.iterations % STALL_WINDOW == 0) {
                double width = result.upper - result.lower;
                if (!(width < 0.5 * windowWidth)) {
                    result.stalled = true;
                    break;
                }
                windowWidth = width;
            }
            Status stop = limits.check(result.iterations, range[1] - range[0], 0.5 * (result.upper - result.lower));
            if (stop != null) {
                result.status = stop;
                break;
            }
        }
        if (cur != v) {
            copyBlock(states, m, cur, v);
        }
        return result;
    }

    /**
     * One sweep of T' from {@code v} (left unchanged) into {@code out}: the certified bracket
     * [min(T'v − v), max(T'v − v)] widened by the rounding term, and the greedy policy of v in
     * {@code policy}, at the block's states.
     */
    BlockGain bracket(int[] states, BitSet internal, double[] v, double[] out, int[] policy) {
        final int m = states == null ? mdp.numStates() : states.length;
        double[] range = new double[3];
        sweep(states, m, internal, v, out, 0.0, policy, range);
        double rounding = roundingFactor(states, internal) * (maxAbsReward(states, internal) + 2 * range[2]);
        BlockGain g = new BlockGain();
        g.lower = range[0] - rounding;
        g.upper = range[1] + rounding;
        g.iterations = 1;
        return g;
    }

    /**
     * One Jacobi sweep: out = T'v − estimate at the block's states; range receives min and max of
     * T'v − v and the largest |v|.
     */
    private void sweep(int[] states, int m, BitSet internal, double[] v, double[] out, double estimate,
                       int[] policy, double[] range) {
        final int[] choiceStart = mdp.choiceStartArray();
        final int[] transStart = mdp.transitionStartArray();
        final int[] successor = mdp.successorArray();
        final double[] probability = mdp.probabilityArray();
        final double[] r = reward;
        final double stay = tau;
        final double move = 1.0 - tau;
        final double sign = direction == Objective.MINIMIZE ? -1.0 : 1.0; // opt = sign * max(sign * q)
        double minDelta = Double.POSITIVE_INFINITY;
        double maxDelta = Double.NEGATIVE_INFINITY;
        double maxAbs = 0.0;
        for (int i = 0; i < m; i++) {
            final int s = states == null ? i : states[i];
            final double vs = v[s];
            double signedBest = Double.NEGATIVE_INFINITY;
            int bestChoice = -1;
            for (int c = choiceStart[s], cEnd = choiceStart[s + 1]; c < cEnd; c++) {
                if (internal != null && !internal.get(c)) {
                    continue;
                }
                // BellmanKernel.expectation inlined by hand, as in BellmanKernel.jacobiSweep
                int k = transStart[c];
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
                double q = sign * (r[c] + move * ((a0 + a1) + (a2 + a3)));
                bestChoice = q > signedBest ? c : bestChoice; // the first optimal choice (rewards are finite)
                signedBest = Math.max(signedBest, q);
            }
            // a terminal state (only in whole-model runs) is absorbing with reward 0: T'v(s) = v(s)
            double t = bestChoice < 0 ? vs : sign * signedBest + stay * vs;
            double delta = t - vs;
            out[s] = t - estimate;
            policy[s] = bestChoice;
            minDelta = Math.min(minDelta, delta); // NaN propagates: a diverged run never looks converged
            maxDelta = Math.max(maxDelta, delta);
            maxAbs = Math.max(maxAbs, Math.abs(vs));
        }
        range[0] = minDelta;
        range[1] = maxDelta;
        range[2] = maxAbs;
    }

    /**
     * The factor f of the rounding term f · (max|r| + 2 max|v| + |m|) added on both sides of the
     * bracket. Each computed T'v(s) − v(s) differs from the exact value for the stored
     * probabilities by at most (2b + 8) u (|r| + 2‖v‖) for rows of at most b transitions
     * (summation of b products, Higham 2002, §3.1, plus the few operations around it, each at most
     * one rounding u = 2<sup>−53</sup> relative to a term bounded by |r| + 2‖v‖); and the stored
     * rows sum to 1 only up to a defect d (at most the model's tolerance), which adds d ‖v‖. The
     * defect is measured here over the block's rows (its own summation error, b u, is added).
     * The factor is this bound doubled for safety: 2 ((2b + 8) u + d + b u).
     */
    private double roundingFactor(int[] states, BitSet internal) {
        final int[] choiceStart = mdp.choiceStartArray();
        final int[] transStart = mdp.transitionStartArray();
        final double[] probability = mdp.probabilityArray();
        int maxBranching = 0;
        double defect = 0.0;
        for (int i = 0, m = states == null ? mdp.numStates() : states.length; i < m; i++) {
            int s = states == null ? i : states[i];
            for (int c = choiceStart[s]; c < choiceStart[s + 1]; c++) {
                if (internal != null && !internal.get(c)) {
                    continue;
                }
                double sum = 0.0;
                for (int k = transStart[c]; k < transStart[c + 1]; k++) {
                    sum += probability[k];
                }
                defect = Math.max(defect, Math.abs(sum - 1.0));
                maxBranching = Math.max(maxBranching, transStart[c + 1] - transStart[c]);
            }
        }
        return roundingError(maxBranching, defect);
    }

    /** 2 ((3b + 8) u + d): see {@link #roundingFactor}. */
    static double roundingError(int maxBranching, double rowDefect) {
        return 2 * ((3.0 * maxBranching + 8) * UNIT_ROUNDOFF + rowDefect);
    }

    private double maxAbsReward(int[] states, BitSet internal) {
        final int[] choiceStart = mdp.choiceStartArray();
        double max = 0.0;
        for (int i = 0, m = states == null ? mdp.numStates() : states.length; i < m; i++) {
            int s = states == null ? i : states[i];
            for (int c = choiceStart[s]; c < choiceStart[s + 1]; c++) {
                if (internal == null || internal.get(c)) {
                    max = Math.max(max, Math.abs(reward[c]));
                }
            }
        }
        return max;
    }

    private static void copyBlock(int[] states, int m, double[] from, double[] to) {
        if (states == null) {
            System.arraycopy(from, 0, to, 0, m);
            return;
        }
        for (int i = 0; i < m; i++) {
            to[states[i]] = from[states[i]];
        }
    }
}
