package org.sparsemdp.lp;

import com.google.ortools.linearsolver.MPConstraintProto;
import com.google.ortools.linearsolver.MPModelProto;
import com.google.ortools.linearsolver.MPModelRequest;
import com.google.ortools.linearsolver.MPSolutionResponse;
import com.google.ortools.linearsolver.MPSolver;
import com.google.ortools.linearsolver.MPVariableProto;
import java.util.Locale;

/**
 * Solves a {@link SparseLp} with OR-Tools through one call of
 * {@link MPSolver#solveWithProto(MPModelRequest)}: the model is copied into an
 * {@code MPModelProto}, solved by GLOP or PDLP with the solver's own output disabled, and the
 * primal values and row duals are copied back.
 *
 * <p>PDLP parameters ({@code PrimalDualHybridGradientParams}, text format): residuals are measured
 * in the L∞ norm ({@code optimality_norm: OPTIMALITY_NORM_L_INF}) so that the tolerance bounds the
 * worst constraint rather than a sum over all of them. With a gap factor of 1 the stopping rule is
 * {@code termination_criteria.simple_optimality_criteria} with {@code eps_optimal_absolute} = the
 * tolerance τ and {@code eps_optimal_relative} = τ / (1 + ‖b‖∞ + ‖c‖∞), so that the relative terms
 * (PDLP multiplies them by the norms of the right-hand side and objective) do not loosen the
 * criterion beyond about τ. With a gap factor g &gt; 1 it is
 * {@code detailed_optimality_criteria} with the same primal and dual residual tolerances and
 * g times looser objective-gap tolerances: for the MDP LPs the gap is a sum over the occupancy
 * measure, whose total mass is 1/(1 − γ), so g = 1/(1 − γ) asks for the same average Bellman
 * slack as the residual tolerance (measured: 2–4 times faster at the same certified bound).
 * {@code verbosity_level: 0}; {@code num_threads} from the caller.
 */
final class OrToolsLp {
    private OrToolsLp() {
    }

    /** A solution as returned by the backend: status, primal x, row duals y (null without a solution). */
    record Raw(LpStatus status, double[] x, double[] y, double objective, double seconds) {
    }

    static Raw solve(SparseLp lp, LpBackend backend, double tolerance, double gapFactor, int threads,
                     double timeLimitSeconds) {
        double relative = tolerance / (1 + lp.maxAbsBound() + lp.maxAbsObjective());
        OrToolsNatives.ensureLoaded();
        MPModelProto.Builder model = MPModelProto.newBuilder().setMaximize(lp.maximize);
        for (int j = 0; j < lp.numCols; j++) {
            model.addVariable(MPVariableProto.newBuilder()
                    .setLowerBound(lp.colLo[j])
                    .setUpperBound(lp.colHi[j])
                    .setObjectiveCoefficient(lp.objective[j]));
        }
        for (int i = 0, m = lp.numRows(); i < m; i++) {
            MPConstraintProto.Builder row = MPConstraintProto.newBuilder()
                    .setLowerBound(lp.rowLo(i))
                    .setUpperBound(lp.rowHi(i));
            for (int k = lp.rowStart(i), end = lp.rowStart(i + 1); k < end; k++) {
                row.addVarIndex(lp.index(k)).addCoefficient(lp.coef(k));
            }
            model.addConstraint(row);
        }
        MPModelRequest.Builder request = MPModelRequest.newBuilder()
                .setModel(model)
                .setEnableInternalSolverOutput(false);
        if (backend == LpBackend.GLOP) {
            request.setSolverType(MPModelRequest.SolverType.GLOP_LINEAR_PROGRAMMING)
                    .setSolverSpecificParameters("log_search_progress: false");
        } else {
            request.setSolverType(MPModelRequest.SolverType.PDLP_LINEAR_PROGRAMMING)
                    .setSolverSpecificParameters(pdlpParameters(tolerance, relative, gapFactor, threads));
        }
        if (timeLimitSeconds > 0 && Double.isFinite(timeLimitSeconds)) {
            request.setSolverTimeLimitSeconds(timeLimitSeconds);
        }
        long start = System.nanoTime();
        MPSolutionResponse response = MPSolver.solveWithProto(request.build());
        double seconds = (System.nanoTime() - start) / 1e9;
        LpStatus status = LpStatus.of(response.getStatus());
        if (!status.hasSolution() || response.getVariableValueCount() != lp.numCols
                || response.getDualValueCount() != lp.numRows()) {
            return new Raw(status.hasSolution() ? LpStatus.ABNORMAL : status, null, null, Double.NaN, seconds);
        }
        double[] x = new double[lp.numCols];
        for (int j = 0; j < x.length; j++) {
            x[j] = response.getVariableValue(j);
        }
        double[] y = new double[lp.numRows()];
        for (int i = 0; i < y.length; i++) {
            y[i] = response.getDualValue(i);
        }
        return new Raw(status, x, y, response.getObjectiveValue(), seconds);
    }

    /** PDLP parameters in protobuf text format; see the class comment. */
    static String pdlpParameters(double tolerance, double relative, double gapFactor, int threads) {
        if (gapFactor > 1) {
            return String.format(Locale.ROOT, "termination_criteria { optimality_norm: OPTIMALITY_NORM_L_INF"
                    + " detailed_optimality_criteria { eps_optimal_primal_residual_absolute: %.3e"
                    + " eps_optimal_primal_residual_relative: %.3e eps_optimal_dual_residual_absolute: %.3e"
                    + " eps_optimal_dual_residual_relative: %.3e eps_optimal_objective_gap_absolute: %.3e"
                    + " eps_optimal_objective_gap_relative: %.3e } } verbosity_level: 0 num_threads: %d",
                    tolerance, relative, tolerance, relative, gapFactor * tolerance, gapFactor * relative,
                    Math.max(1, threads));
        }
        return String.format(Locale.ROOT, "termination_criteria { optimality_norm: OPTIMALITY_NORM_L_INF"
                + " simple_optimality_criteria { eps_optimal_absolute: %.3e eps_optimal_relative: %.3e } }"
                + " verbosity_level: 0 num_threads: %d", tolerance, relative, Math.max(1, threads));
    }
}
