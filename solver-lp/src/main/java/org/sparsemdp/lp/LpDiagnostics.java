package org.sparsemdp.lp;

import java.util.Locale;

/**
 * What an LP run reports besides its answer, so that nobody has to trust the LP status alone.
 *
 * @param backend          the LP algorithm used
 * @param lpStatus         the backend's own final status
 * @param lpObjective      the primal objective c·x of the returned point (recomputed here)
 * @param primalResidual   max violation of the LP's constraints and bounds by the returned
 *                         primal point (recomputed here, absolute)
 * @param dualResidual     max violation of dual feasibility by the returned duals (recomputed
 *                         here from d = c − Aᵀy, absolute)
 * @param dualityGap       |primal objective − dual objective| (recomputed here)
 * @param bellmanResidual  ‖T v − v‖∞ of the returned values, recomputed by solver-core's
 *                         {@link org.sparsemdp.solve.BellmanKernel#bellmanResidual}; NaN for a
 *                         constrained MDP, whose answer is not a Bellman fixed point
 * @param lpSolves         number of LP solves (more than one when PDLP was refined)
 * @param tolerance        the PDLP tolerance of the last solve (NaN for GLOP)
 * @param lpSeconds        wall time spent inside the backend
 * @param rows             LP constraints
 * @param columns          LP variables
 * @param nonZeros         LP matrix entries
 * @param improperStates   discount 1: the number of states the reported policy does not take to a
 *                         terminal state with probability 1 (0: the policy is proper, extracted by a
 *                         backward search among the optimal choices, see {@code ProperPolicy});
 *                         −1 for discounted models
 */
public record LpDiagnostics(LpBackend backend, LpStatus lpStatus, double lpObjective, double primalResidual,
                            double dualResidual, double dualityGap, double bellmanResidual, int lpSolves,
                            double tolerance, double lpSeconds, int rows, int columns, long nonZeros,
                            int improperStates) {

    /** Diagnostics of a discounted model (no proper-policy extraction). */
    public LpDiagnostics(LpBackend backend, LpStatus lpStatus, double lpObjective, double primalResidual,
                         double dualResidual, double dualityGap, double bellmanResidual, int lpSolves,
                         double tolerance, double lpSeconds, int rows, int columns, long nonZeros) {
        this(backend, lpStatus, lpObjective, primalResidual, dualResidual, dualityGap, bellmanResidual, lpSolves,
                tolerance, lpSeconds, rows, columns, nonZeros, -1);
    }

    /** A copy stating how many states the policy leaves improper. */
    public LpDiagnostics withImproperStates(int count) {
        return new LpDiagnostics(backend, lpStatus, lpObjective, primalResidual, dualResidual, dualityGap,
                bellmanResidual, lpSolves, tolerance, lpSeconds, rows, columns, nonZeros, count);
    }

    /** A one-line summary for reports. */
    public String summary() {
        return String.format(Locale.ROOT, "backend=%s status=%s objective=%.12g primalResidual=%.3e"
                        + " dualResidual=%.3e gap=%.3e bellmanResidual=%.3e solves=%d lpSeconds=%.3f"
                        + " size=%dx%d nnz=%d",
                backend, lpStatus, lpObjective, primalResidual, dualResidual, dualityGap, bellmanResidual, lpSolves,
                lpSeconds, rows, columns, nonZeros)
                + (improperStates < 0 ? "" : improperStates == 0 ? " policy=proper"
                : " policy=improper-in-" + improperStates + "-states");
    }
}
