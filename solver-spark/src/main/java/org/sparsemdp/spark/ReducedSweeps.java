package org.sparsemdp.spark;

import java.io.Serializable;

/**
 * The executor-side kernels of distributed interval iteration on one {@link ReducedBlock}:
 * in-place sweeps of the block's maybe states that read the block's own new values and, for
 * every other state, the vectors broadcast at the start of the exchange. Outward rounding as the
 * single-machine {@code IntervalSweeps}: the value of a choice is a sum of at most K + 1
 * non-negative terms, so every lower value written is the computed one decreased by the
 * relative error {@code rel} and every upper value increased by it (Higham 2002, §3.1), and a
 * bound only ever tightens. Reading older values for the other blocks keeps every update sound
 * (T is monotone and l ≤ x* ≤ u holds for the broadcast vectors as for the local ones).
 */
final class ReducedSweeps {
    private ReducedSweeps() {
    }

    /** What a block sends back after an exchange of interval iteration. */
    record Interval(double[] lower, double[] upper, int failing) implements Serializable {
        /** Payload bytes: two values per maybe state and the count. */
        long bytes() {
            return 16L * lower.length + 4;
        }
    }

    /** What a block sends back after an exchange of the step-bounded upper bound. */
    record Steps(double[] reward, double[] exit) implements Serializable {
    }

    /**
     * {@code sweeps} fused in-place sweeps of both bounds over the block (alternating direction,
     * the first forward iff {@code forward}): l(q) ← max(l(q), ↓(Tl)(q)), u(q) ← min(u(q), ↑(Tu)(q)).
     * States whose bounds are both 0 (value 0) are left as they are.
     *
     * @return the new bounds of the block's maybe states and how many of them fail the stopping
     *         rule (u − l ≤ ε, or ≤ ε·l in relative mode) after the last sweep
     */
    static Interval interval(ReducedBlock r, double[] lower, double[] upper, boolean max, int sweeps, boolean forward,
                             double rel, double eps, boolean relative) {
        final int n = r.numStates();
        final double[] lo = new double[n];
        final double[] up = new double[n];
        for (int p = 0; p < n; p++) {
            lo[p] = lower[r.states[p]];
            up[p] = upper[r.states[p]];
        }
        final int[] cs = r.choiceStart;
        final int[] ts = r.transStart;
        final int[] succ = r.successor;
        final double[] prob = r.probability;
        final double[] con = r.constant;
        final int[] pos = r.position;
        final int base = r.lo;
        final int width = r.hi - r.lo;
        final double identity = max ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY;
        int failing = 0;
        for (int sweep = 0; sweep < sweeps; sweep++) {
            final boolean fwd = forward == ((sweep & 1) == 0);
            failing = 0;
            for (int j = 0; j < n; j++) {
                final int q = fwd ? j : n - 1 - j;
                if (up[q] == 0.0) {
                    continue; // value 0: fixed
                }
                double bl = identity;
                double bu = identity;
                for (int c = cs[q]; c < cs[q + 1]; c++) {
                    double vl = con[c];
                    double vu = vl;
                    for (int k = ts[c]; k < ts[c + 1]; k++) {
                        final int t = succ[k];
                        final int i = t - base;
                        final double pk = prob[k];
                        if (i >= 0 && i < width) {
                            final int local = pos[i];
                            vl += pk * lo[local];
                            vu += pk * up[local];
                        } else {
                            vl += pk * lower[t];
                            vu += pk * upper[t];
                        }
                    }
                    if (max) {
                        bl = Math.max(bl, vl);
                        bu = Math.max(bu, vu);
                    } else {
                        bl = Math.min(bl, vl);
                        bu = Math.min(bu, vu);
                    }
                }
                bl -= bl * rel;
                bu += bu * rel;
                double l = lo[q];
                double u = up[q];
                if (bl > l) {
                    lo[q] = l = bl;
                }
                if (bu < u) {
                    up[q] = u = bu;
                }
                if (!(u - l <= (relative ? eps * l : eps))) {
                    failing++;
                }
            }
        }
        return new Interval(lo, up, failing);
    }

    /**
     * What a block sends back after a Jacobi step for the exit-rate bounds: w, the range of δ, and
     * per maybe state the (global) choice attaining w, the first optimal one (its greedy policy).
     */
    record Jacobi(double[] values, double minDelta, double maxDelta, int[] choices) implements Serializable {
    }

    /**
     * One Jacobi step w = T x of the block's maybe states not of value 0 ({@code zero}: they
     * keep w = 0 and take no part), reading only the broadcast {@code x}, with the range of
     * δ = w − x rounded outward as the single-machine {@code ExitRateBounds.tighten} rounds it:
     * min of ↓(↓(w − w·rel) − x), max of ↑(↑(w + w·rel) − x).
     */
    static Jacobi jacobi(ReducedBlock r, double[] x, boolean[] zero, boolean max, double rel) {
        final int n = r.numStates();
        final double[] w = new double[n];
        final int[] choices = new int[n];
        final double identity = max ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY;
        double minDelta = Double.POSITIVE_INFINITY;
        double maxDelta = Double.NEGATIVE_INFINITY;
        for (int q = 0; q < n; q++) {
            final int s = r.states[q];
            if (zero[s]) {
                continue; // value 0: fixed
            }
            double best = identity;
            int arg = r.choiceStart[q];
            for (int c = r.choiceStart[q]; c < r.choiceStart[q + 1]; c++) {
                double v = r.constant[c];
                for (int k = r.transStart[c]; k < r.transStart[c + 1]; k++) {
                    v += r.probability[k] * x[r.successor[k]];
                }
                if (max ? v > best : v < best) { // the single-machine IntervalSweeps.jacobi's rule
                    best = v;
                    arg = c;
                }
            }
            w[q] = best;
            choices[q] = r.originalChoice[arg];
            final double e = best * rel;
            minDelta = Math.min(minDelta, Math.nextDown(Math.nextDown(best - e) - x[s]));
            maxDelta = Math.max(maxDelta, Math.nextUp(Math.nextUp(best + e) - x[s]));
        }
        return new Jacobi(w, minDelta, maxDelta, choices);
    }

    /**
     * The block's range [e<sub>min</sub>, e<sub>max</sub>] of the probability of leaving the maybe
     * states in one step, over its choices, rounded outward as the single-machine
     * {@code ExitRateBounds.of} rounds it, and its number of choices: {e<sub>min</sub>,
     * e<sub>max</sub>, choices} ({1, 0, 0} for a block without maybe states).
     */
    static double[] exitRange(ReducedBlock r) {
        double eMin = 1.0;
        double eMax = 0.0;
        for (int c = 0; c < r.constant.length; c++) {
            double rho = 0;
            int k0 = r.transStart[c];
            int k1 = r.transStart[c + 1];
            for (int k = k0; k < k1; k++) {
                rho += r.probability[k];
            }
            double err = org.sparsemdp.solve.undiscounted.IntervalSweeps.relativeError(k1 - k0) * rho;
            eMin = Math.min(eMin, Math.nextDown(1.0 - Math.nextUp(rho + err)));
            eMax = Math.max(eMax, Math.nextUp(1.0 - Math.nextDown(rho - err)));
        }
        return new double[] {eMin, eMax, r.constant.length};
    }

    /**
     * {@code sweeps} in-place sweeps of the step-bounded reward x (maximised, rounded up) and exit
     * probability z (minimised, rounded down, at most 1) of the single-machine
     * {@code StepBoundedUpperBound} (Quatmann &amp; Katoen, CAV 2018, Lemma 2), over all choices or,
     * with {@code policy} (per global state the reduced choice index), over the policy's choice.
     */
    static Steps steps(ReducedBlock r, double[] x, double[] z, int[] policy, int sweeps, boolean forward, double rel) {
        final int n = r.numStates();
        final double[] lx = new double[n];
        final double[] lz = new double[n];
        for (int p = 0; p < n; p++) {
            lx[p] = x[r.states[p]];
            lz[p] = z[r.states[p]];
        }
        final int[] cs = r.choiceStart;
        final int[] ts = r.transStart;
        final int[] succ = r.successor;
        final double[] prob = r.probability;
        final int[] pos = r.position;
        final int base = r.lo;
        final int width = r.hi - r.lo;
        for (int sweep = 0; sweep < sweeps; sweep++) {
            final boolean fwd = forward == ((sweep & 1) == 0);
            for (int j = 0; j < n; j++) {
                final int q = fwd ? j : n - 1 - j;
                final int from = policy == null ? cs[q] : policy[r.states[q]];
                final int to = policy == null ? cs[q + 1] : from + 1;
                double bx = Double.NEGATIVE_INFINITY;
                double bz = Double.POSITIVE_INFINITY;
                for (int c = from; c < to; c++) {
                    double vx = r.constant[c];
                    double vz = r.exit[c];
                    for (int k = ts[c]; k < ts[c + 1]; k++) {
                        final int t = succ[k];
                        final int i = t - base;
                        if (i >= 0 && i < width) {
                            vx += prob[k] * lx[pos[i]];
                            vz += prob[k] * lz[pos[i]];
                        } else {
                            vx += prob[k] * x[t];
                            vz += prob[k] * z[t];
                        }
                    }
                    bx = Math.max(bx, vx);
                    bz = Math.min(bz, vz);
                }
                lx[q] = bx + bx * rel;
                lz[q] = Math.min(bz - bz * rel, 1.0);
            }
        }
        return new Steps(lx, lz);
    }

    /**
     * The policy of the block's states: for maybe states the first choice optimal for
     * {@code x} (the lower bounds for a maximum, the upper bounds for a minimum), for the others
     * {@code known[s]} if it is set (≥ 0), else their first choice (−1 for terminal states).
     */
    static int[] greedy(ReducedBlock r, double[] x, boolean max, int[] known) {
        int width = r.hi - r.lo;
        int[] policy = new int[width];
        for (int i = 0; i < width; i++) {
            policy[i] = known[r.lo + i] >= 0 ? known[r.lo + i] : r.firstChoice[i];
        }
        for (int q = 0; q < r.numStates(); q++) {
            int best = -1;
            double bestV = 0;
            for (int c = r.choiceStart[q]; c < r.choiceStart[q + 1]; c++) {
                double v = r.constant[c];
                for (int k = r.transStart[c]; k < r.transStart[c + 1]; k++) {
                    v += r.probability[k] * x[r.successor[k]];
                }
                if (best < 0 || (max ? v > bestV : v < bestV)) {
                    best = c;
                    bestV = v;
                }
            }
            policy[r.states[q] - r.lo] = r.originalChoice[best];
        }
        return policy;
    }
}
