package org.sparsemdp.spark;

import java.util.Arrays;
import java.util.List;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.sparsemdp.solve.SolverOptions;

/**
 * The driver side of the bounds of {@link SparkReachability} that are not interval sweeps: the
 * step-bounded a-priori upper bound on rewards (Quatmann &amp; Katoen, CAV 2018, Lemma 2; the
 * single-machine {@code StepBoundedUpperBound}) and the exit-rate (MacQueen–Porteus) bounds for
 * uniform exit rates (the single-machine {@code ExitRateBounds}), with the executor halves in
 * {@link ReducedSweeps}. Same formulas and outward rounding as the single-machine classes.
 */
final class ReducedBounds {
    /** Smallest exit probability accepted by the step-bounded bound (as the single-machine one). */
    static final double MIN_EXIT = 1e-200;
    /** Step sweeps continue until every exit probability reaches this (as the single-machine one). */
    static final double STOP_EXIT = 0.5;

    private ReducedBounds() {
    }

    /**
     * The factors F<sub>min</sub>, F<sub>max</sub> of the exit-rate bounds (the single-machine
     * {@code ExitRateBounds}, same rounding) if every choice leaves the maybe states with
     * probability e ≥ 1e-6 and F<sub>max</sub> ≤ {@value #UNIFORM_EXIT_RATIO}·F<sub>min</sub> (the
     * rule of the single-machine {@code IntervalIteration.usesExitRate}), else null.
     */
    static double[] exitRateFactors(JavaRDD<ReducedBlock> reduced) {
        double eMin = 1.0;
        double eMax = 0.0;
        double choices = 0;
        for (double[] r : reduced.map(ReducedSweeps::exitRange).collect()) {
            eMin = Math.min(eMin, r[0]);
            eMax = Math.max(eMax, r[1]);
            choices += r[2];
        }
        if (choices == 0 || !(eMin >= 1e-6)) {
            return null;
        }
        eMax = Math.min(eMax, 1.0);
        double fMax = Math.nextUp(Math.nextUp(1.0 / eMin) - 1.0);
        double fMin = Math.max(0.0, Math.nextDown(Math.nextDown(1.0 / eMax) - 1.0));
        return fMax <= UNIFORM_EXIT_RATIO * fMin ? new double[] {fMin, fMax} : null;
    }

    /** Largest F<sub>max</sub>/F<sub>min</sub> for the exit-rate steps (as the single-machine {@code ii}). */
    static final double UNIFORM_EXIT_RATIO = 1.1;

    /**
     * The driver's half of an exit-rate step ({@code ExitRateBounds.tighten} of the single-machine
     * {@code ii}, the same operations): from the blocks' w = T l and δ ranges, with
     * shifts F(min δ)·min δ and F(max δ)·max δ rounded outward, l ← max(↓w, ↓(↓w + shift<sub>low</sub>)) and
     * u ← min(u, ↑(↑w + shift<sub>high</sub>)) on the states not of value 0. No change if a δ is not finite.
     *
     * <p>As in {@code ExitRateBounds.tighten}, the value of the step's greedy policy π lies in the
     * same interval [lo, hi] as the optimum in every state, so max (hi − lo) bounds its loss:
     * {@code policy} receives π on the states stepped (global choices) and {@code policyGap[0]} that
     * bound (+∞ if a δ is not finite).
     *
     * @return the bytes the blocks sent
     */
    static long exitRateStep(List<ReducedSweeps.Jacobi> steps, List<int[]> statesOfBlock, boolean[] zero,
                             boolean anyZero, double[] factors, double rel, double[] lower, double[] upper,
                             int[] policy, double[] policyGap) {
        double minDelta = anyZero ? 0.0 : Double.POSITIVE_INFINITY; // states of value 0 have δ = 0
        double maxDelta = anyZero ? 0.0 : Double.NEGATIVE_INFINITY;
        long bytes = 0;
        for (ReducedSweeps.Jacobi j : steps) {
            minDelta = Math.min(minDelta, j.minDelta());
            maxDelta = Math.max(maxDelta, j.maxDelta());
            bytes += 12L * j.values().length + 16;
        }
        if (!(minDelta > Double.NEGATIVE_INFINITY && maxDelta < Double.POSITIVE_INFINITY)) {
            policyGap[0] = Double.POSITIVE_INFINITY;
            return bytes; // a non-finite value: no bound from this step
        }
        double gap = 0;
        double shiftLow = Math.nextDown(minDelta * (minDelta >= 0 ? factors[0] : factors[1]));
        double shiftHigh = Math.nextUp(maxDelta * (maxDelta >= 0 ? factors[1] : factors[0]));
        for (int b = 0; b < steps.size(); b++) {
            double[] w = steps.get(b).values();
            int[] states = statesOfBlock.get(b);
            for (int p = 0; p < states.length; p++) {
                int s = states[p];
                if (zero[s]) {
                    continue;
                }
                double e = w[p] * rel;
                double down = Math.nextDown(w[p] - e);
                double lo = Math.nextDown(down + shiftLow);
                double hi = Math.nextUp(Math.nextUp(w[p] + e) + shiftHigh);
                lower[s] = Math.max(down, lo);
                if (hi < upper[s]) {
                    upper[s] = hi;
                }
                policy[s] = steps.get(b).choices()[p];
                gap = Math.max(gap, Math.nextUp(hi - lo));
            }
        }
        policyGap[0] = gap;
        return bytes;
    }

    /**
     * The step-bounded upper bound (Quatmann &amp; Katoen 2018, Lemma 2) per maybe state: sweeps
     * of (x, z) until every z ≥ {@value #STOP_EXIT} (or the iteration cap or deadline, if every
     * z ≥ {@value #MIN_EXIT} by then), then x + (1 − z)·max(x/z), rounded up; +∞ everywhere if
     * no bound was reached.
     */
    static double[] stepBound(JavaSparkContext sc, JavaRDD<ReducedBlock> reduced, List<int[]> statesOfBlock,
                              int[] policy, int n, double rel, int sweeps, SolverOptions options, long deadline) {
        double[] x = new double[n];
        double[] z = new double[n];
        Broadcast<int[]> pol = policy == null ? null : sc.broadcast(policy);
        final int k = sweeps;
        boolean anyAbove = false;
        try {
            for (long step = 0; ; step++) {
                Broadcast<double[]> xb = sc.broadcast(x);
                Broadcast<double[]> zb = sc.broadcast(z);
                final boolean forward = (step & 1) == 0;
                List<ReducedSweeps.Steps> out = reduced.map(r -> ReducedSweeps.steps(r, xb.value(), zb.value(),
                        pol == null ? null : pol.value(), k, forward, rel)).collect();
                xb.destroy();
                zb.destroy();
                x = x.clone();
                z = z.clone();
                double minZ = 1.0;
                for (int b = 0; b < out.size(); b++) {
                    int[] states = statesOfBlock.get(b);
                    for (int p = 0; p < states.length; p++) {
                        x[states[p]] = out.get(b).reward()[p];
                        z[states[p]] = out.get(b).exit()[p];
                        minZ = Math.min(minZ, z[states[p]]);
                    }
                }
                anyAbove |= minZ >= MIN_EXIT;
                if (anyAbove && minZ >= STOP_EXIT) {
                    break;
                }
                if (step + 1 >= Math.max(options.maxIterations(), 1) || System.nanoTime() - deadline > 0) {
                    if (minZ >= MIN_EXIT) {
                        break;
                    }
                    double[] none = new double[n];
                    Arrays.fill(none, Double.POSITIVE_INFINITY);
                    return none;
                }
            }
        } finally {
            if (pol != null) {
                pol.destroy();
            }
        }
        double m = 0;
        for (int[] states : statesOfBlock) {
            for (int s : states) {
                m = Math.max(m, Math.nextUp(x[s] / z[s]));
            }
        }
        double[] u = new double[n];
        for (int[] states : statesOfBlock) {
            for (int s : states) {
                u[s] = Math.nextUp(x[s] + Math.nextUp(Math.nextUp(1.0 - z[s]) * m));
            }
        }
        return u;
    }
}
