package org.sparsemdp.solve;

import java.io.Serializable;

/**
 * The few numbers of a check sweep w = T u (computed) that its floating-point-sound certificate
 * needs ({@link RoundingBounds#enclose}): over the states not of value 0, the range of the
 * computed change δ̃ = w − u, max|u| and max|w|; over the states of value 0, max|u| (the leak);
 * and whether every value and change was finite. Accumulated state by state ({@link #add}),
 * merged over parts of the state space ({@link #merge}, exact), so a distributed solver can
 * gather them where the blocks are and certify on the driver ({@link CheckCertificate#of}).
 * A mutable accumulator, reused across sweeps ({@link #reset}).
 */
public final class CheckStatistics implements Serializable {
    private static final long serialVersionUID = 1L;
    /** Bytes of the statistics when sent over the network: five doubles and a flag. */
    public static final int BYTES = 5 * 8 + 1;

    private double minDelta;
    private double maxDelta;
    private double norm;
    private double leak;
    private double maxValue;
    private boolean finite;

    /** Empty statistics (the identity of {@link #merge}). */
    public CheckStatistics() {
        reset();
    }

    /** Back to empty. */
    public void reset() {
        minDelta = Double.POSITIVE_INFINITY;
        maxDelta = Double.NEGATIVE_INFINITY;
        norm = 0;
        leak = 0;
        maxValue = 0;
        finite = true;
    }

    /**
     * Adds one state: {@code u} its value before the sweep, {@code w} after; {@code zero} whether it
     * has value exactly 0 ({@link RoundingBounds#isZero}), in which case only u counts.
     */
    public void add(boolean zero, double u, double w) {
        if (zero) {
            leak = Math.max(leak, Math.abs(u));
            finite &= u - u == 0;
            return;
        }
        double delta = w - u;
        minDelta = Math.min(minDelta, delta);
        maxDelta = Math.max(maxDelta, delta);
        norm = Math.max(norm, Math.abs(u));
        maxValue = Math.max(maxValue, Math.abs(w));
        finite &= delta - delta == 0 && u - u == 0;
    }

    /** Adds the states of {@code other} (exact: maxima and minima). */
    public void merge(CheckStatistics other) {
        minDelta = Math.min(minDelta, other.minDelta);
        maxDelta = Math.max(maxDelta, other.maxDelta);
        norm = Math.max(norm, other.norm);
        leak = Math.max(leak, other.leak);
        maxValue = Math.max(maxValue, other.maxValue);
        finite &= other.finite;
    }

    /** Smallest computed change over the states not of value 0 (+Infinity if none). */
    public double minDelta() {
        return minDelta;
    }

    /** Largest computed change over the states not of value 0 (−Infinity if none). */
    public double maxDelta() {
        return maxDelta;
    }

    /** max|u| over the states not of value 0. */
    public double norm() {
        return norm;
    }

    /** max|u| over the states of value 0 (0 when the iteration keeps them at exactly 0). */
    public double leak() {
        return leak;
    }

    /** max|w| over the states not of value 0. */
    public double maxValue() {
        return maxValue;
    }

    /** Whether every value and change seen was finite. */
    public boolean finite() {
        return finite;
    }
}
