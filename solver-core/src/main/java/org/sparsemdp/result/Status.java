package org.sparsemdp.result;

/**
 * How a solver run ended, in one vocabulary for every module: the solvers' {@code Solution}, the
 * LP solvers (beside the backend's own {@code LpStatus}), the policy gradient
 * ({@code GradientStatus.toStatus()}) and bilevel programs ({@code BilevelStatus.toStatus()}).
 * Non-convergence is a status, never an exception.
 */
public enum Status {
    /** The stopping rule was met: the error bound is at most the requested epsilon. */
    CONVERGED,
    /** The iteration limit was reached first; values and bound are those of the last iterate. */
    MAX_ITERATIONS,
    /** The time limit was reached first; values and bound are those of the last iterate. */
    TIME_LIMIT,
    /** The progress listener asked to stop; values and bound are those of the last iterate. */
    CANCELLED,
    /**
     * Floating-point rounding (or an overflow to a non-finite value) keeps the certified bound
     * above the requested epsilon: the values and bound are those of the last check, the bound
     * still a true bound (or +Infinity with {@link Accuracy#ESTIMATED} when a value is not finite).
     * A larger epsilon, or rewards of smaller magnitude relative to their differences, is needed.
     */
    PRECISION_LIMIT,
    /**
     * The method stopped making progress before its stopping rule was met, for a reason other
     * than rounding: a softmax policy gradient whose stopping rule was met only because the policy
     * saturated ({@code GradientStatus.SATURATED}). The result is the last iterate and certifies
     * nothing.
     */
    STALLED
}
