package org.sparsemdp.model;

/**
 * Rounds one probability row to 32-bit fixed point whose integers sum to exactly 2<sup>32</sup>
 * (largest-remainder rounding, Hamilton's method), and measures how far the rounded row is from
 * the given one.
 *
 * <p>Each probability p<sub>k</sub> becomes q<sub>k</sub>·2<sup>−32</sup> with q<sub>k</sub> an
 * integer in [1, 2<sup>32</sup>]: first q<sub>k</sub> = max(1, ⌊p<sub>k</sub>·2<sup>32</sup>⌋)
 * (exact: multiplying a double by a power of two is exact), then the remainder 2<sup>32</sup> −
 * Σ q<sub>k</sub> is handed out one unit at a time to the entries of largest fractional part (or
 * taken from those of smallest fractional part while q<sub>k</sub> &gt; 1 if the floors overshoot,
 * which only entries raised to one unit or a row summing above 1 can cause). The rounded row is
 * therefore stochastic exactly and keeps every successor (q ≥ 1). For a row whose doubles sum to 1
 * within 2<sup>−32</sup> and are all at least 2<sup>−32</sup>, every entry moves by less than
 * 2<sup>−32</sup> (so δ &lt; n·2<sup>−32</sup>); an entry below 2<sup>−32</sup> is raised to one
 * unit and, to pay for it, another loses a unit, so with r entries raised every entry moves by
 * less than (1 + r)·2<sup>−32</sup>. Stored in
 * an int as q − 1 (so that q = 2<sup>32</sup>, a deterministic row, fits); {@link #value(int)}
 * decodes it exactly.
 *
 * <p>{@link #quantise} returns δ = Σ<sub>k</sub> |p<sub>k</sub> − q<sub>k</sub>2<sup>−32</sup>|,
 * computed from the doubles with every operation rounded upward, so it is an upper bound on the
 * exact L1 deviation of the row. Reference: Balinski &amp; Young, <i>Fair Representation</i>
 * (1982), for largest-remainder apportionment.
 */
public final class FixedPointRows {
    /** 2<sup>32</sup>, the sum of the integers of every row. */
    public static final long ONE = 1L << 32;
    /** 2<sup>−32</sup>, the weight of one unit. */
    public static final double UNIT = 0x1p-32;

    private long[] q = new long[16];
    private double[] fraction = new double[16];

    /** The probability q·2<sup>−32</sup> encoded by the stored int {@code code} (exact). */
    public static double value(int code) {
        return ((code & 0xFFFFFFFFL) + 1) * UNIT;
    }

    /**
     * Rounds {@code probability[0..length)} into {@code codes[at..at+length)} (q − 1 each).
     *
     * @return an upper bound on Σ |p − q·2<sup>−32</sup>| (the row's L1 deviation)
     */
    public double quantise(double[] probability, int length, int[] codes, int at) {
        if (q.length < length) {
            q = new long[Math.max(length, 2 * q.length)];
            fraction = new double[q.length];
        }
        long total = 0;
        for (int i = 0; i < length; i++) {
            double x = probability[i] * ONE; // exact
            double floor = Math.floor(x);
            long v = Math.max(1, (long) floor);
            q[i] = v;
            fraction[i] = x - v; // exact (Sterbenz, or x < 2^53 with few bits); may be negative if raised to 1
            total += v;
        }
        long remainder = ONE - total;
        long even = remainder / length; // more than one unit per entry only for rows far from summing to 1
        if (even != 0) {
            for (int i = 0; i < length; i++) {
                long v = Math.max(1, q[i] + even);
                remainder -= v - q[i];
                fraction[i] -= v - q[i];
                q[i] = v;
            }
        }
        for (; remainder > 0; remainder--) {
            int best = 0;
            for (int i = 1; i < length; i++) {
                if (fraction[i] > fraction[best]) {
                    best = i;
                }
            }
            q[best]++;
            fraction[best] -= 1;
        }
        for (; remainder < 0; remainder++) {
            int best = -1;
            for (int i = 0; i < length; i++) {
                if (q[i] > 1 && (best < 0 || fraction[i] < fraction[best])) {
                    best = i;
                }
            }
            if (best < 0) {
                throw new InvalidModelException("probabilities sum to far more than 1: cannot be rounded");
            }
            q[best]--;
            fraction[best] += 1;
        }
        double deviation = 0;
        for (int i = 0; i < length; i++) {
            if (q[i] > ONE) {
                throw new InvalidModelException("probability " + probability[i] + " cannot be rounded into (0, 1]");
            }
            codes[at + i] = (int) (q[i] - 1);
            double d = Math.abs(probability[i] - q[i] * UNIT);
            deviation = up(deviation + up(d));
        }
        return deviation;
    }

    /** x plus more than one rounding error (0 stays 0). */
    static double up(double x) {
        return x == 0 ? 0.0 : Math.nextUp(x + Math.abs(x) * 0x1p-51);
    }
}
