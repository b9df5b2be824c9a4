package org.sparsemdp.bilevel;

/** How a bilevel solve ended. */
public enum BilevelStatus {
    /** The gap between the certified lower and upper bounds met the requested tolerance. */
    OPTIMAL,
    /** The iteration cap was reached first; the best decision so far and its bounds are reported. */
    MAX_ITERATIONS,
    /** The time limit was reached first; the best decision so far and its bounds are reported. */
    TIME_LIMIT,
    /**
     * The cutting-plane master proposed a decision that was already evaluated while the gap was
     * still above the tolerance: the oracle's accuracy (its ε) is too coarse for the tolerance.
     */
    STALLED,
    /** The leader's constraints admit no decision x. */
    INFEASIBLE,
    /** The MILP backend stopped without a usable solution. */
    NOT_SOLVED;

    /**
     * This status in the common vocabulary of {@link org.sparsemdp.result.Status}: {@link #OPTIMAL}
     * and {@link #INFEASIBLE} (proven: no decision exists, as an LP with infeasible budgets) are
     * {@code CONVERGED}; {@link #STALLED} is {@code PRECISION_LIMIT} (the oracle's ε is too
     * coarse for the gap tolerance); {@link #NOT_SOLVED} (the MILP backend stopped without a
     * solution) is {@code MAX_ITERATIONS}, as for the LP solvers; {@link #MAX_ITERATIONS} and
     * {@link #TIME_LIMIT} keep their names.
     */
    public org.sparsemdp.result.Status toStatus() {
        switch (this) {
            case OPTIMAL:
            case INFEASIBLE:
                return org.sparsemdp.result.Status.CONVERGED;
            case STALLED:
                return org.sparsemdp.result.Status.PRECISION_LIMIT;
            case TIME_LIMIT:
                return org.sparsemdp.result.Status.TIME_LIMIT;
            default:
                return org.sparsemdp.result.Status.MAX_ITERATIONS;
        }
    }

    /** Whether a decision x is reported. */
    public boolean hasDecision() {
        return this != INFEASIBLE && this != NOT_SOLVED;
    }
}
