package org.sparsemdp.lp;

import com.google.ortools.linearsolver.MPSolverResponseStatus;

/**
 * How the LP backend ended, as reported by OR-Tools. This is the LP solver's own claim: the
 * solvers of this package never rely on it alone but recompute residuals and the Bellman
 * residual themselves (see {@link LpDiagnostics}).
 */
public enum LpStatus {
    /** The backend reports an optimal solution within its tolerances. */
    OPTIMAL,
    /** A feasible but not proven optimal solution (for example at a limit). */
    FEASIBLE,
    /** The LP has no feasible point (for a constrained MDP: the budgets cannot be met). */
    INFEASIBLE,
    /** The LP objective is unbounded (an undiscounted model with infinite values). */
    UNBOUNDED,
    /** The backend stopped without a usable solution (limit reached, numerical trouble, ...). */
    NOT_SOLVED,
    /** The backend failed (abnormal termination, invalid model or parameters). */
    ABNORMAL;

    /** Maps OR-Tools' response status. */
    static LpStatus of(MPSolverResponseStatus s) {
        switch (s) {
            case MPSOLVER_OPTIMAL:
                return OPTIMAL;
            case MPSOLVER_FEASIBLE:
                return FEASIBLE;
            case MPSOLVER_INFEASIBLE:
                return INFEASIBLE;
            case MPSOLVER_UNBOUNDED:
                return UNBOUNDED;
            case MPSOLVER_NOT_SOLVED:
            case MPSOLVER_CANCELLED_BY_USER:
                return NOT_SOLVED;
            default:
                return ABNORMAL;
        }
    }

    /** Whether the backend returned a primal and dual solution (OPTIMAL or FEASIBLE). */
    public boolean hasSolution() {
        return this == OPTIMAL || this == FEASIBLE;
    }
}
