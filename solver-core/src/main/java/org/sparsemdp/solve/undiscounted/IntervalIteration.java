package org.sparsemdp.solve.undiscounted;

import org.sparsemdp.solve.SolverOptions;
import org.sparsemdp.solve.Status;

/**
 * Interval iteration (Haddad &amp; Monmege, "Interval iteration algorithm for MDPs and IMDPs",
 * TCS 735, 2018; Baier, Klein, Leuschner, Parker, Wunderlich, "Ensuring the reliability of your
 * model checker: interval iteration for Markov decision processes", CAV 2017) on a
 * {@link ReducedSystem} whose Bellman operator T has a unique fixed point x* (guaranteed by the
 * graph precomputation and end-component merging done by {@link Reachability}).
 *
 * <p><b>Algorithm.</b> Two vectors, a lower one l ≤ x* and an upper one u ≥ x*, are improved by
 * in-place (Gauss–Seidel) sweeps l(q) ← max(l(q), (Tl)(q)) and u(q) ← min(u(q), (Tu)(q)),
 * alternately in increasing and decreasing state order (symmetric Gauss–Seidel). Since T
 * is monotone and x* = Tx*, each update keeps l ≤ x* ≤ u, so the interval is a proof at every
 * sweep; uniqueness of the fixed point makes both converge to x*.
 *
 * <p><b>Stopping rule.</b> After a sweep, stop when for every reduced state u − l ≤ ε
 * (absolute) or, in relative mode, u − l ≤ ε·l where l &gt; 0 and u − l ≤ ε where l = 0.
 * Iteration cap, time limit and listener cancellation stop early with a still valid interval.
 */
final class IntervalIteration {
    private IntervalIteration() {
    }

    /** Outcome of a run: the status and the number of sweeps (each sweep updates l and u). */
    static final class Result {
        final Status status;
        final long iterations;
        final double gap;

        Result(Status status, long iterations, double gap) {
            this.status = status;
            this.iterations = iterations;
            this.gap = gap;
        }
    }

    /**
     * Runs interval iteration on all reduced states, improving {@code lower} and {@code upper}
     * in place.
     *
     * @param maximize true for max over choices, false for min
     */
    static Result run(ReducedSystem sys, boolean maximize, double[] lower, double[] upper, SolverOptions options,
                      boolean relative, long startNanos) {
        int[] all = new int[sys.numStates];
        for (int q = 0; q < all.length; q++) {
            all[q] = q;
        }
        return run(sys, maximize, lower, upper, all, 0, all.length, options.epsilon(), relative, options, 0,
                startNanos);
    }

    /**
     * Runs interval iteration on the reduced states {@code order[from..to-1]} only, the bounds of
     * every other state held fixed, until each of those states meets the stopping rule with
     * {@code eps}.
     *
     * @param iterationsBefore sweeps already done (for the iteration cap and the listener)
     * @return the outcome, with the total number of sweeps including {@code iterationsBefore}
     */
    static Result run(ReducedSystem sys, boolean maximize, double[] lower, double[] upper, int[] order, int from,
                      int to, double eps, boolean relative, SolverOptions options, long iterationsBefore,
                      long startNanos) {
        final int[] cs = sys.choiceStart;
        final long deadline = options.deadlineNanos(startNanos);
        long iteration = iterationsBefore;
        double gap = maxGap(lower, upper, order, from, to);
        if (converged(lower, upper, order, from, to, eps, relative)) {
            return new Result(Status.CONVERGED, iteration, gap);
        }
        final int[] ts = sys.transStart;
        final int[] succ = sys.successor;
        final double[] prob = sys.probability;
        final double[] con = sys.constant;
        final double identity = maximize ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY;
        while (true) {
            // Symmetric Gauss-Seidel: odd sweeps run backwards, so that values travel along
            // chains in either direction within one pair of sweeps.
            boolean forward = ((iteration - iterationsBefore) & 1) == 0;
            for (int i = from; i < to; i++) {
                int q = order[forward ? i : to - 1 - (i - from)];
                double lo = identity;
                double hi = identity;
                for (int c = cs[q]; c < cs[q + 1]; c++) {
                    double vl = con[c];
                    double vu = vl;
                    for (int k = ts[c]; k < ts[c + 1]; k++) {
                        double p = prob[k];
                        int t = succ[k];
                        vl += p * lower[t];
                        vu += p * upper[t];
                    }
                    if (maximize) {
                        lo = Math.max(lo, vl);
                        hi = Math.max(hi, vu);
                    } else {
                        lo = Math.min(lo, vl);
                        hi = Math.min(hi, vu);
                    }
                }
                if (lo > lower[q]) {
                    lower[q] = lo;
                }
                if (hi < upper[q]) {
                    upper[q] = hi;
                }
            }
            iteration++;
            gap = maxGap(lower, upper, order, from, to);
            if (converged(lower, upper, order, from, to, eps, relative)) {
                return new Result(Status.CONVERGED, iteration, gap);
            }
            if (!options.listener().onIteration(iteration, gap, gap / 2)) {
                return new Result(Status.CANCELLED, iteration, gap);
            }
            if (iteration >= options.maxIterations()) {
                return new Result(Status.MAX_ITERATIONS, iteration, gap);
            }
            if (System.nanoTime() - deadline > 0) {
                return new Result(Status.TIME_LIMIT, iteration, gap);
            }
        }
    }

    private static double maxGap(double[] lower, double[] upper, int[] order, int from, int to) {
        double g = 0;
        for (int i = from; i < to; i++) {
            int q = order[i];
            g = Math.max(g, upper[q] - lower[q]);
        }
        return g;
    }

    /**
     * The gap of state q as the stopping rule measures it: u − l, divided by l in relative mode
     * where l &gt; 0.
     */
    static double normalizedGap(double lower, double upper, boolean relative) {
        double d = upper - lower;
        return relative && lower > 0 ? d / lower : d;
    }

    private static boolean converged(double[] lower, double[] upper, int[] order, int from, int to, double eps,
                                     boolean relative) {
        for (int i = from; i < to; i++) {
            int q = order[i];
            double d = upper[q] - lower[q];
            double allowed = relative && lower[q] > 0 ? eps * lower[q] : eps;
            if (!(d <= allowed)) {
                return false;
            }
        }
        return true;
    }
}
