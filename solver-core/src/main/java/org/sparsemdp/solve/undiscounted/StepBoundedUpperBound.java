package org.sparsemdp.solve.undiscounted;

import java.util.Arrays;

/**
 * An a-priori upper bound on expected rewards until reaching the states of known value, for a
 * {@link ReducedSystem} with non-negative rewards in which the choices considered leave the
 * reduced states almost surely. This is the bound behind sound value iteration (Quatmann &amp;
 * Katoen, "Sound value iteration", CAV 2018, Lemma 2 and §4).
 *
 * <p>For k steps let x<sub>k</sub>(q) be the maximal expected reward collected in the first k
 * steps and y<sub>k</sub>(q) the maximal probability of not having left within k steps
 * (both by value iteration from x<sub>0</sub> = 0, y<sub>0</sub> = 1). Any policy's value
 * splits into the first k steps and the rest, so with m = max<sub>q</sub> x*(q),
 * x*(q) ≤ x<sub>k</sub>(q) + y<sub>k</sub>(q)·m (reward before step k, then at most m); at the state attaining m this gives
 * m ≤ x<sub>k</sub>/(1 − y<sub>k</sub>), hence
 * <pre>
 *   x*(q) ≤ x_k(q) + y_k(q) · M,   M = max_q x_k(q) / (1 − y_k(q)),
 * </pre>
 * valid as soon as every y<sub>k</sub> &lt; 1. With a fixed policy (one choice per state) the
 * maxima are over that policy only, which bounds the value of that policy and so any minimum.
 *
 * <p>The vectors are computed by in-place (Gauss–Seidel) sweeps in alternating directions rather
 * than k Jacobi steps: after each sweep x(q) and y(q) are the reward and the probability of not
 * having left before a stopping time τ(q) ≥ 1 fixed by the path and the sweep order (not by the
 * policy), and the argument above holds for any such stopping time; on chain-like models one
 * sweep covers the whole chain. The exit probability z = 1 − y is computed directly (z = exit +
 * Σ p·z, minimised where y is maximised), so that tiny exit probabilities are not lost to
 * rounding. Sweeps continue until min z ≥ {@link #STOP_EXIT} = 1/2, so that M ≤ 2 max x and the
 * bound is within a small factor of the values. Stopping earlier (formerly at twice the sweeps
 * needed for min z ≥ 1e-200) leaves z tiny on long chains and M astronomically large (1e185 on a
 * 1000-state random walk), and interval iteration then needs about log(M/ε)/(1 − λ) sweeps to
 * bring the upper vector down, λ the slowest contraction; reaching z ≥ 1/2 costs only about
 * log 2/(1 − λ) sweeps. If {@code maxSteps} sweeps pass first, or the deadline, the bound of
 * that moment is used (still valid) as long as every z ≥ {@link #MIN_EXIT}.
 *
 * <p><b>Rounding.</b> x and z are sums of non-negative terms, so each sweep's computed values are
 * within the relative error of {@link IntervalSweeps} of the exact step applied to the stored
 * vectors; every sweep rounds x up and z down by that much, and the final formula rounds up by
 * one ulp per operation. The bound only grows with x and shrinks with z, and the argument above
 * holds for any x ≥ x<sub>k</sub> and z ≤ 1 − y<sub>k</sub>, so the computed bound is a true one.
 */
final class StepBoundedUpperBound {
    /** Smallest exit probability accepted, so that M = max x/(1 − y) stays far from overflow. */
    static final double MIN_EXIT = 1e-200;
    /** Sweeps continue until every exit probability reaches this, so that M ≤ max x / STOP_EXIT. */
    static final double STOP_EXIT = 0.5;

    private StepBoundedUpperBound() {
    }

    /**
     * The upper bound vector.
     *
     * @param policy per reduced state the reduced choice to follow, or null to maximise over all
     * @param maxSteps cap on k
     * @return the bound; +∞ everywhere if after {@code maxSteps} sweeps some exit probability
     *         1 − y is still below {@link #MIN_EXIT} (the interval iteration then cannot close
     *         and stops at its iteration cap or time limit)
     */
    static double[] compute(ReducedSystem sys, int[] policy, long maxSteps) {
        return compute(sys, policy, maxSteps, System.nanoTime() + Long.MAX_VALUE / 2);
    }

    /**
     * {@link #compute(ReducedSystem, int[], long)} that also stops at {@code deadlineNanos}
     * ({@link System#nanoTime()} scale), like the step cap.
     */
    static double[] compute(ReducedSystem sys, int[] policy, long maxSteps, long deadlineNanos) {
        int n = sys.numStates;
        int[] cs = sys.choiceStart;
        int[] ts = sys.transStart;
        int[] succ = sys.successor;
        double[] prob = sys.probability;
        double[] x = new double[n];
        double[] z = new double[n]; // 1 − y: probability of having left before τ, computed directly
        double[] exit = sys.exit;
        double rel = IntervalSweeps.relativeError(sys.maxTerms);
        long firstAllBelow = -1;
        for (long k = 1; ; k++) {
            boolean forward = (k & 1) == 1;
            for (int i = 0; i < n; i++) {
                int q = forward ? i : n - 1 - i;
                int from = policy == null ? cs[q] : policy[q];
                int to = policy == null ? cs[q + 1] : policy[q] + 1;
                double bx = Double.NEGATIVE_INFINITY;
                double bz = Double.POSITIVE_INFINITY;
                for (int c = from; c < to; c++) {
                    double vx = sys.constant[c];
                    double vz = exit[c];
                    for (int t = ts[c]; t < ts[c + 1]; t++) {
                        vx += prob[t] * x[succ[t]];
                        vz += prob[t] * z[succ[t]];
                    }
                    bx = Math.max(bx, vx);
                    bz = Math.min(bz, vz);
                }
                x[q] = bx + bx * rel; // outward: x over-, z underestimated (see the class comment)
                z[q] = Math.min(bz - bz * rel, 1.0);
            }
            double minZ = 1.0;
            for (int q = 0; q < n; q++) {
                minZ = Math.min(minZ, z[q]);
            }
            if (minZ >= MIN_EXIT && firstAllBelow < 0) {
                firstAllBelow = k;
            }
            if (firstAllBelow >= 0 && minZ >= STOP_EXIT) {
                break;
            }
            if (k >= maxSteps || System.nanoTime() - deadlineNanos > 0) {
                if (firstAllBelow >= 0) {
                    break;
                }
                double[] none = new double[n];
                Arrays.fill(none, Double.POSITIVE_INFINITY);
                return none;
            }
        }
        double m = 0;
        for (int q = 0; q < n; q++) {
            m = Math.max(m, Math.nextUp(x[q] / z[q]));
        }
        double[] u = new double[n];
        for (int q = 0; q < n; q++) {
            u[q] = Math.nextUp(x[q] + Math.nextUp(Math.nextUp(1.0 - z[q]) * m));
        }
        return u;
    }
}
