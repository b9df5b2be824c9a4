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
 * x*(q) ≤ x<sub>k</sub>(q) + y<sub>k</sub>(q)·m; at the state attaining m this gives
 * m ≤ x<sub>k</sub>/(1 − y<sub>k</sub>), hence
 * <pre>
 *   x*(q) ≤ x_k(q) + y_k(q) · M,   M = max_q x_k(q) / (1 − y_k(q)),
 * </pre>
 * valid as soon as every y<sub>k</sub> &lt; 1. With a fixed policy (one choice per state) the
 * maxima are over that policy only, which bounds the value of that policy and so any minimum.
 *
 * <p>k grows until every y<sub>k</sub> &lt; 1, then up to twice that (at least 16 steps) or
 * until max y<sub>k</sub> ≤ 1/2, to tighten M.
 */
final class StepBoundedUpperBound {
    private StepBoundedUpperBound() {
    }

    /**
     * The upper bound vector.
     *
     * @param policy per reduced state the reduced choice to follow, or null to maximise over all
     * @param maxSteps cap on k
     * @throws IllegalStateException if some y<sub>k</sub> is still 1 after {@code maxSteps}
     *                               steps (the system does not leave almost surely)
     */
    static double[] compute(ReducedSystem sys, int[] policy, long maxSteps) {
        int n = sys.numStates;
        int[] cs = sys.choiceStart;
        int[] ts = sys.transStart;
        int[] succ = sys.successor;
        double[] prob = sys.probability;
        double[] x = new double[n];
        double[] y = new double[n];
        Arrays.fill(y, 1.0);
        double[] nx = new double[n];
        double[] ny = new double[n];
        long firstAllBelow = -1;
        for (long k = 1; ; k++) {
            double maxY = 0;
            for (int q = 0; q < n; q++) {
                int from = policy == null ? cs[q] : policy[q];
                int to = policy == null ? cs[q + 1] : policy[q] + 1;
                double bx = Double.NEGATIVE_INFINITY;
                double by = Double.NEGATIVE_INFINITY;
                for (int c = from; c < to; c++) {
                    double vx = sys.constant[c];
                    double vy = 0;
                    for (int t = ts[c]; t < ts[c + 1]; t++) {
                        vx += prob[t] * x[succ[t]];
                        vy += prob[t] * y[succ[t]];
                    }
                    bx = Math.max(bx, vx);
                    by = Math.max(by, vy);
                }
                nx[q] = bx;
                ny[q] = Math.min(by, 1.0);
                maxY = Math.max(maxY, ny[q]);
            }
            double[] sw = x;
            x = nx;
            nx = sw;
            sw = y;
            y = ny;
            ny = sw;
            if (maxY < 1.0 && firstAllBelow < 0) {
                firstAllBelow = k;
            }
            if (firstAllBelow >= 0 && (k >= Math.max(16, 2 * firstAllBelow) || maxY <= 0.5)) {
                break;
            }
            if (k >= maxSteps) {
                if (firstAllBelow >= 0) {
                    break;
                }
                throw new IllegalStateException("no step bound: some state is not left within " + maxSteps + " steps");
            }
        }
        double m = 0;
        for (int q = 0; q < n; q++) {
            m = Math.max(m, x[q] / (1.0 - y[q]));
        }
        double[] u = new double[n];
        for (int q = 0; q < n; q++) {
            u[q] = x[q] + y[q] * m;
        }
        return u;
    }
}
