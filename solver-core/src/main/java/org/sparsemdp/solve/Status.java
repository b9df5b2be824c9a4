package org.sparsemdp.solve;

/** How a solver run ended. Non-convergence is a status, never an exception. */
public enum Status {
    /** The stopping rule was met: the error bound is at most the requested epsilon. */
    CONVERGED,
    /** The iteration limit was reached first; values and bound are those of the last iterate. */
    MAX_ITERATIONS,
    /** The time limit was reached first; values and bound are those of the last iterate. */
    TIME_LIMIT,
    /** The progress listener asked to stop; values and bound are those of the last iterate. */
    CANCELLED
}
