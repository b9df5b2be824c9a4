package org.sparsemdp.solve;

import org.sparsemdp.result.Solution;
import org.sparsemdp.model.Mdp;
import org.sparsemdp.result.Accuracy;
import org.sparsemdp.result.Status;

/**
 * Turns one check sweep of a value-iteration-type method, w = T u computed from u, into a
 * {@link Solution} with MacQueen–Porteus bounds (Puterman 1994, §6.6.3) that hold in floating
 * point ({@link RoundingBounds}): values shifted to the midpoint of the certified interval,
 * error bound half its width plus the rounding of the shift, policy bound for the greedy policy
 * of u. States of value exactly 0 ({@link RoundingBounds#isZero}) are reported as 0 and their
 * change is left out of the range of δ. Without rounding and without such states this is the
 * classical γ·span(δ)/(2(1−γ)) and span(δ)/(1−γ).
 */
final class SpanBounds {
    /** Index of the value error bound in a measurement. */
    static final int VALUE = 0;
    /** Index of the policy bound in a measurement. */
    static final int POLICY = 1;
    /** Index of the lower offset (v* − w ≥ this). */
    static final int LOW = 2;
    /** Index of the upper offset (v* − w ≤ this). */
    static final int HIGH = 3;
    /** Index of the best policy bound any check could give at this magnitude (δ̃ = 0). */
    static final int FLOOR = 4;
    /** Index of the best value bound any check could give at this magnitude (δ̃ = 0). */
    static final int FLOOR_VALUE = 5;
    /** Length of a measurement array (the last three entries are scratch). */
    static final int SIZE = 9;
    private static final int SCRATCH = 6;

    private SpanBounds() {
    }

    /**
     * Measures the certificate of w = (computed) T u: writes the value and policy bounds, the
     * offsets and the floor into {@code out} (indices above). All entries are +Infinity when a
     * value or change is not finite.
     */
    static void measure(Mdp mdp, RoundingBounds rb, double[] u, double[] w, double[] out) {
        CheckStatistics stats = new CheckStatistics();
        for (int s = 0, n = u.length; s < n; s++) {
            stats.add(rb.isZero(s), u[s], w[s]);
        }
        certify(rb, stats, out);
    }

    /**
     * The certificate of a check sweep from its {@link CheckStatistics} (gathered over all
     * states, in one piece or merged over blocks): writes into {@code out} what
     * {@link #measure} writes.
     */
    static void certify(RoundingBounds rb, CheckStatistics stats, double[] out) {
        double minDelta = stats.minDelta();
        double maxDelta = stats.maxDelta();
        double leak = stats.leak();
        double norm = Math.max(stats.norm(), leak);
        if (!stats.finite()) {
            java.util.Arrays.fill(out, Double.POSITIVE_INFINITY);
            return;
        }
        if (minDelta > maxDelta) { // every state has value 0
            java.util.Arrays.fill(out, 0.0);
            return;
        }
        double eta = RoundingBounds.up(rb.sweepError(norm) + rb.leakError(leak));
        rb.floor(norm, out, SCRATCH);
        out[FLOOR_VALUE] = out[SCRATCH];
        out[FLOOR] = out[SCRATCH + 1];
        rb.enclose(minDelta, maxDelta, eta, out, SCRATCH);
        double low = out[SCRATCH];
        double high = out[SCRATCH + 1];
        double shift = midpoint(low, high);
        out[LOW] = low;
        out[HIGH] = high;
        out[VALUE] = valueBound(low, high, shift, RoundingBounds.up(stats.maxValue() + Math.abs(shift)));
        out[POLICY] = out[SCRATCH + 2];
        if (!(out[VALUE] < Double.POSITIVE_INFINITY && out[POLICY] < Double.POSITIVE_INFINITY && low - low == 0
                && high - high == 0)) {
            // finite values, but the bounds overflowed (changes near the largest double times 1/(1−γ)):
            // no certificate, never a NaN bound called certified
            java.util.Arrays.fill(out, Double.POSITIVE_INFINITY);
        }
    }

    /** The shift from w to the midpoint values: the middle of [low, high]. */
    static double midpoint(double low, double high) {
        return low / 2 + high / 2;
    }

    /** max(shift − low, high − shift) plus the rounding of adding shift to values up to {@code maxValue}. */
    private static double valueBound(double low, double high, double shift, double maxValue) {
        double half = Math.max(RoundingBounds.up(shift - low), RoundingBounds.up(high - shift));
        return RoundingBounds.up(half + 1.01 * RoundingBounds.UNIT_ROUNDOFF * maxValue);
    }

    /**
     * The solution from the check w = T u: w is shifted in place to the midpoint values (0 on the
     * states of value 0) and returned as the values.
     *
     * @param u      the vector the check sweep started from
     * @param w      the check sweep's result (computed T u); becomes the values
     * @param policy the greedy policy of u (computed in the check sweep)
     */
    static Solution finish(Mdp mdp, RoundingBounds rb, String method, Status status, double[] u, double[] w,
                           int[] policy, long iterations, long startNanos) {
        return finish(rb, null, method, status, u, w, policy, iterations, startNanos);
    }

    /**
     * As {@link #finish(Mdp, RoundingBounds, String, Status, double[], double[], int[], long, long)};
     * {@code storage} (null for an exact model) adds the error of a compact model's rounded
     * probabilities to both bounds ({@link StoragePerturbation#widen}).
     */
    static Solution finish(RoundingBounds rb, StoragePerturbation storage, String method, Status status, double[] u,
                           double[] w, int[] policy, long iterations, long startNanos) {
        double[] m = new double[SIZE];
        measure(null, rb, u, w, m);
        if (storage != null && m[VALUE] < Double.POSITIVE_INFINITY) {
            storage.widen(rb, w, m);
        }
        double residual = 0;
        for (int s = 0; s < u.length; s++) {
            residual = Math.max(residual, Math.abs(w[s] - u[s]));
        }
        Accuracy accuracy = Accuracy.CERTIFIED;
        if (m[VALUE] == Double.POSITIVE_INFINITY) {
            // overflow or NaN: the values prove nothing; never a success
            accuracy = Accuracy.ESTIMATED;
            if (status == Status.CONVERGED) {
                status = Status.PRECISION_LIMIT;
            }
        } else {
            double shift = midpoint(m[LOW], m[HIGH]);
            for (int s = 0, n = w.length; s < n; s++) {
                w[s] = rb.isZero(s) ? 0.0 : w[s] + shift;
            }
        }
        return Solution.builder()
                .method(method)
                .status(status)
                .accuracy(accuracy)
                .values(w)
                .policy(policy)
                .iterations(iterations)
                .residual(residual)
                .errorBound(m[VALUE])
                .policyBound(m[POLICY])
                .seconds((System.nanoTime() - startNanos) / 1e9)
                .build();
    }
}
