package org.sparsemdp.gradient;

/** Why a {@link GradientOptimizer} run stopped. */
public enum GradientStatus {
    /** ‖∇J‖₂ fell to the gradient tolerance: a stationary point. */
    GRADIENT_NORM,
    /** An accepted step changed J by at most the relative objective tolerance. */
    OBJECTIVE_CHANGE,
    /**
     * No step along the gradient satisfied the Armijo condition down to the smallest step: at the
     * accuracy of policy evaluation J does not decrease any more (typically at a stationary point
     * whose gradient norm is still above the tolerance).
     */
    LINE_SEARCH_FAILED,
    /**
     * A stopping rule (gradient norm or objective change) was met, but only because the softmax
     * saturated: some observation of a tabular family has an action whose occupancy-averaged
     * advantage exceeds the saturation tolerance ({@link PolicyGradient#bestSwitch}), while its
     * gradient component η(o)·π(a|o)·advantage vanishes because π(a|o) ≈ 0 or because the policy
     * stopped visiting o (η(o) ≈ 0). The policy is not stationary in the sense of policy
     * improvement; the natural gradient ({@link SearchDirection#NATURAL}) does not stall there.
     * Not {@link #converged()}.
     */
    SATURATED,
    /** The iteration cap was reached. */
    MAX_ITERATIONS,
    /** The listener asked to stop. */
    CANCELLED;

    /**
     * This status in the common vocabulary of {@link org.sparsemdp.result.Status}:
     * {@link #GRADIENT_NORM} and {@link #OBJECTIVE_CHANGE} are {@code CONVERGED}; {@link #LINE_SEARCH_FAILED}
     * is {@code PRECISION_LIMIT} (the accuracy of policy evaluation keeps J from decreasing
     * measurably); {@link #SATURATED} is {@code STALLED}; {@link #MAX_ITERATIONS} and
     * {@link #CANCELLED} keep their names. {@code CONVERGED} exactly when {@link #converged()}.
     */
    public org.sparsemdp.result.Status toStatus() {
        switch (this) {
            case GRADIENT_NORM:
            case OBJECTIVE_CHANGE:
                return org.sparsemdp.result.Status.CONVERGED;
            case LINE_SEARCH_FAILED:
                return org.sparsemdp.result.Status.PRECISION_LIMIT;
            case SATURATED:
                return org.sparsemdp.result.Status.STALLED;
            case MAX_ITERATIONS:
                return org.sparsemdp.result.Status.MAX_ITERATIONS;
            default:
                return org.sparsemdp.result.Status.CANCELLED;
        }
    }

    /** Whether this is a stopping rule being met (gradient norm or objective change). */
    public boolean converged() {
        return this == GRADIENT_NORM || this == OBJECTIVE_CHANGE;
    }
}
