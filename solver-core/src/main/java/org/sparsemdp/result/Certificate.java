package org.sparsemdp.result;

/**
 * What a result promises about its values and its policy: a bound on the values' error, a bound on
 * the policy's loss, and the {@link Accuracy} that says whether these bounds are proven.
 *
 * <ul>
 *   <li>{@link #errorBound()}: max over states of |value(s) − v*(s)|, v* the optimal (or, for a
 *       policy evaluation, the policy's) values; +∞ when nothing is known;</li>
 *   <li>{@link #policyBound()}: max over states of |v^π(s) − v*(s)| for the returned policy π, or
 *       NaN when the method does not bound its policy;</li>
 *   <li>{@link #accuracy()}: {@link Accuracy#EXACT} — a finite computation exact in real
 *       arithmetic (an acyclic backward pass, k steps of backward induction), up to its rounding;
 *       {@link Accuracy#CERTIFIED} — the bounds are a proof for the model as stored, including the
 *       rounding errors of the computation (Higham 2002, §3.1; see
 *       {@link org.sparsemdp.solve.RoundingBounds}); {@link Accuracy#ESTIMATED} — a heuristic
 *       estimate with no guarantee.</li>
 * </ul>
 *
 * <p>There is no default: a certificate is made by one of the factories, so a solver that forgets
 * to say what it proved cannot claim a proof by accident ({@link Solution.Builder} requires one).
 * Immutable.
 */
public final class Certificate {
    private static final Certificate NONE = new Certificate(Accuracy.ESTIMATED, Double.POSITIVE_INFINITY, Double.NaN);

    private final Accuracy accuracy;
    private final double errorBound;
    private final double policyBound;

    private Certificate(Accuracy accuracy, double errorBound, double policyBound) {
        this.accuracy = accuracy;
        this.errorBound = errorBound;
        this.policyBound = policyBound;
    }

    /**
     * A proof: |value − v*| ≤ {@code errorBound} in every state, including rounding, and the policy's
     * loss at most {@code policyBound} (NaN: not bounded).
     *
     * @throws IllegalArgumentException if {@code errorBound} is NaN or negative, or {@code policyBound} negative
     */
    public static Certificate certified(double errorBound, double policyBound) {
        return of(Accuracy.CERTIFIED, errorBound, policyBound);
    }

    /**
     * The result of an exact finite computation: error bound 0 and, when the policy is
     * known, policy bound 0 ({@code policyKnown} false: NaN).
     */
    public static Certificate exact(boolean policyKnown) {
        return new Certificate(Accuracy.EXACT, 0.0, policyKnown ? 0.0 : Double.NaN);
    }

    /**
     * An estimate without guarantee, e.g. "the last change was small".
     *
     * @throws IllegalArgumentException if {@code errorBound} is negative, or {@code policyBound} negative
     */
    public static Certificate estimated(double errorBound, double policyBound) {
        return of(Accuracy.ESTIMATED, errorBound, policyBound);
    }

    /** Nothing is known: {@link Accuracy#ESTIMATED}, error bound +∞, policy bound NaN (a run cut short). */
    public static Certificate none() {
        return NONE;
    }

    /**
     * The certificate of {@code accuracy} with these bounds (for code that carries the three apart).
     *
     * @throws IllegalArgumentException if {@code accuracy} is null, a bound is negative, or a
     *                                  proof ({@link Accuracy#EXACT}, {@link Accuracy#CERTIFIED})
     *                                  has a NaN error bound
     */
    public static Certificate of(Accuracy accuracy, double errorBound, double policyBound) {
        if (accuracy == null) {
            throw new IllegalArgumentException("a certificate needs an accuracy");
        }
        if (errorBound < 0 || policyBound < 0) {
            throw new IllegalArgumentException("bounds cannot be negative: error bound " + errorBound
                    + ", policy bound " + policyBound);
        }
        if (accuracy != Accuracy.ESTIMATED && Double.isNaN(errorBound)) {
            throw new IllegalArgumentException("an " + accuracy + " certificate needs an error bound, not NaN");
        }
        return new Certificate(accuracy, errorBound, policyBound);
    }

    /** What the bounds are worth. */
    public Accuracy accuracy() {
        return accuracy;
    }

    /** Bound on max_s |value(s) − v*(s)|; +∞ when nothing is known. */
    public double errorBound() {
        return errorBound;
    }

    /** Bound on max_s |v^π(s) − v*(s)| of the returned policy, or NaN when not bounded. */
    public double policyBound() {
        return policyBound;
    }

    /** Whether the bounds are a proof ({@link Accuracy#EXACT} or {@link Accuracy#CERTIFIED}). */
    public boolean isProof() {
        return accuracy != Accuracy.ESTIMATED;
    }

    /** Whether the policy's loss is bounded ({@link #policyBound()} is not NaN). */
    public boolean boundsPolicy() {
        return !Double.isNaN(policyBound);
    }

    /**
     * Whether this certificate proves both the values and the policy within {@code epsilon}: a
     * proof whose error bound and policy bound are at most {@code epsilon}.
     */
    public boolean proves(double epsilon) {
        return isProof() && errorBound <= epsilon && boundsPolicy() && policyBound <= epsilon;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Certificate c && c.accuracy == accuracy
                && Double.compare(c.errorBound, errorBound) == 0 && Double.compare(c.policyBound, policyBound) == 0;
    }

    @Override
    public int hashCode() {
        return (accuracy.hashCode() * 31 + Double.hashCode(errorBound)) * 31 + Double.hashCode(policyBound);
    }

    @Override
    public String toString() {
        return accuracy + "(error " + errorBound + ", policy " + policyBound + ")";
    }
}
