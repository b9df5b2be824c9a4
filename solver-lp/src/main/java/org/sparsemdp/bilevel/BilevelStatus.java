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

    /** Whether a decision x is reported. */
    public boolean hasDecision() {
        return this != INFEASIBLE && this != NOT_SOLVED;
    }
}
