package org.sparsemdp.lp;

import org.sparsemdp.result.Status;

/**
 * The answer to a constrained MDP: an optimal occupancy measure x and the (possibly randomised)
 * policy π it induces, with the objective and the usage of every budget, both as claimed by the LP
 * and as re-evaluated independently by iterative evaluation of π.
 *
 * @param status             {@link Status#CONVERGED} when the LP found an optimal solution whose
 *                           measured error (max of primal, dual residual and gap) is within the
 *                           requested ε (scaled as in {@link ConstrainedMdpSolver}); otherwise how
 *                           the run stopped. An infeasible LP (budgets that no policy meets) has
 *                           status CONVERGED with {@code lpStatus} INFEASIBLE and no occupancy
 * @param lpStatus           the backend's status
 * @param occupancy          x and π; null without an LP solution
 * @param objective          Σ r(c) x(c) of the LP solution (expected discounted reward/cost from ρ0)
 * @param usage              per constraint Σ c_k(c) x(c) (LP)
 * @param evaluatedObjective Σ ρ0 v^π for the rewards, by iterative policy evaluation of π
 * @param evaluatedUsage     per constraint Σ ρ0 v^π for its costs, by the same evaluation
 * @param evaluationBound    bound on the error of the evaluated numbers (NaN for γ = 1)
 * @param diagnostics        backend, status, residuals (Bellman residual NaN: not applicable)
 */
public record ConstrainedResult(Status status, LpStatus lpStatus, OccupancyMeasure occupancy, double objective,
                                double[] usage, double evaluatedObjective, double[] evaluatedUsage,
                                double evaluationBound, LpDiagnostics diagnostics) {

    /** Whether some policy meets every budget (the LP is feasible). */
    public boolean feasible() {
        return lpStatus.hasSolution();
    }
}
