package org.sparsemdp.lp;

import org.sparsemdp.result.Solution;

/**
 * The full result of {@link LpSolver#solveDetailed}: the {@link Solution} (values, greedy policy,
 * certified bound), the LP diagnostics, and, for the dual formulation, the occupancy measure and
 * randomised policy.
 *
 * @param solution    values, greedy policy, status and error bound, as for every solver
 * @param diagnostics backend, LP status, residuals, Bellman residual
 * @param occupancy   x and π from the dual LP; null for the primal formulation
 */
public record LpResult(Solution solution, LpDiagnostics diagnostics, OccupancyMeasure occupancy) {
}
