package org.sparsemdp.solve;

/**
 * The floating-point-sound certificate of one check sweep w = T u (computed), exactly as the
 * single-machine value-iteration-type methods report it (see {@link RoundingBounds} for the error
 * model): in every state not of value 0, w + {@code low} ≤ v* ≤ w + {@code high}; the reported
 * values are w + {@link #shift()} (the midpoints; states of value 0 are reported as exactly 0),
 * within {@code valueBound} of v*; the greedy policy of u is within {@code policyBound} of optimal.
 * When a value or change was not finite, or the bounds themselves overflowed, every field is
 * +Infinity and the values prove nothing
 * ({@link #finite()} is false: such a result is never CONVERGED or CERTIFIED).
 *
 * @param low         lower offset: v* − w ≥ low (rounded outward)
 * @param high        upper offset: v* − w ≤ high (rounded outward)
 * @param valueBound  bound on |(w + shift) − v*|, including the rounding of the shift
 * @param policyBound bound on ‖v<sup>π</sup> − v*‖∞ for the greedy policy π of u
 */
public record CheckCertificate(double low, double high, double valueBound, double policyBound)
        implements java.io.Serializable {
    /**
     * The certificate of a check sweep from the statistics gathered over all its states.
     *
     * @param rounding the model's error model (the same states of value 0 as the statistics)
     */
    public static CheckCertificate of(RoundingBounds rounding, CheckStatistics stats) {
        double[] m = new double[SpanBounds.SIZE];
        SpanBounds.certify(rounding, stats, m);
        return new CheckCertificate(m[SpanBounds.LOW], m[SpanBounds.HIGH], m[SpanBounds.VALUE], m[SpanBounds.POLICY]);
    }

    /** Whether every value and change of the check was finite (else nothing is certified). */
    public boolean finite() {
        return valueBound < Double.POSITIVE_INFINITY;
    }

    /** The shift from w to the reported midpoint values. */
    public double shift() {
        return SpanBounds.midpoint(low, high);
    }
}
