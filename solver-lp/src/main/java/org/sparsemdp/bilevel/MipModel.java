package org.sparsemdp.bilevel;

import com.google.ortools.linearsolver.MPConstraintProto;
import com.google.ortools.linearsolver.MPModelProto;
import com.google.ortools.linearsolver.MPModelRequest;
import com.google.ortools.linearsolver.MPSolutionResponse;
import com.google.ortools.linearsolver.MPSolver;
import com.google.ortools.linearsolver.MPSolverResponseStatus;
import com.google.ortools.linearsolver.MPVariableProto;
import org.sparsemdp.lp.OrToolsNatives;

/**
 * A small mixed-integer linear program (minimisation) built row by row and solved by OR-Tools
 * through one {@link MPSolver#solveWithProto} call: SCIP when some column is integer, GLOP
 * otherwise, with the solvers' own output disabled. SCIP runs with {@code limits/gap = 0} and
 * {@code limits/absgap = 0} and {@code numerics/feastol = 1e-9}, so an OPTIMAL answer is optimal up
 * to SCIP's feasibility and integrality tolerances; {@link Result#bound()} is SCIP's proven
 * dual bound (Achterberg 2009, <i>SCIP: solving constraint integer programs</i>).
 */
final class MipModel {
    private final MPModelProto.Builder model = MPModelProto.newBuilder().setMaximize(false);
    private boolean anyInteger;

    /** How the backend ended. */
    enum Outcome {
        OPTIMAL, FEASIBLE, INFEASIBLE, UNBOUNDED, NOT_SOLVED
    }

    /** Primal values (null without a solution), objective value and proven lower bound. */
    record Result(Outcome outcome, double[] x, double objective, double bound) {
        boolean hasSolution() {
            return x != null;
        }
    }

    /** Adds a column and returns its index. */
    int addColumn(double lo, double hi, boolean integer, double objective) {
        model.addVariable(MPVariableProto.newBuilder().setLowerBound(lo).setUpperBound(hi)
                .setIsInteger(integer).setObjectiveCoefficient(objective));
        anyInteger |= integer;
        return model.getVariableCount() - 1;
    }

    /** Sets the objective coefficient of column j. */
    void setObjective(int j, double coefficient) {
        model.getVariableBuilder(j).setObjectiveCoefficient(coefficient);
    }

    /** Adds the row lo ≤ Σ coef[k]·x[index[k]] ≤ hi over the first {@code length} entries. */
    void addRow(int[] index, double[] coef, int length, double lo, double hi) {
        MPConstraintProto.Builder row = MPConstraintProto.newBuilder().setLowerBound(lo).setUpperBound(hi);
        for (int k = 0; k < length; k++) {
            if (coef[k] != 0) {
                row.addVarIndex(index[k]).addCoefficient(coef[k]);
            }
        }
        model.addConstraint(row);
    }

    int numColumns() {
        return model.getVariableCount();
    }

    int numRows() {
        return model.getConstraintCount();
    }

    /** Solves the model; {@code timeLimitSeconds} ≤ 0 or infinite means no limit. */
    Result solve(double timeLimitSeconds) {
        OrToolsNatives.ensureLoaded();
        MPModelRequest.Builder request = MPModelRequest.newBuilder().setModel(model)
                .setEnableInternalSolverOutput(false);
        if (anyInteger) {
            request.setSolverType(MPModelRequest.SolverType.SCIP_MIXED_INTEGER_PROGRAMMING)
                    .setSolverSpecificParameters("limits/gap = 0\nlimits/absgap = 0\nnumerics/feastol = 1e-9\ndisplay/verblevel = 0\n");
        } else {
            request.setSolverType(MPModelRequest.SolverType.GLOP_LINEAR_PROGRAMMING)
                    .setSolverSpecificParameters("log_search_progress: false");
        }
        if (timeLimitSeconds > 0 && Double.isFinite(timeLimitSeconds)) {
            request.setSolverTimeLimitSeconds(timeLimitSeconds);
        }
        MPSolutionResponse response = MPSolver.solveWithProto(request.build());
        Outcome outcome = outcome(response.getStatus());
        int cols = model.getVariableCount();
        if ((outcome != Outcome.OPTIMAL && outcome != Outcome.FEASIBLE) || response.getVariableValueCount() != cols) {
            return new Result(outcome == Outcome.OPTIMAL || outcome == Outcome.FEASIBLE ? Outcome.NOT_SOLVED : outcome,
                    null, Double.NaN, Double.NEGATIVE_INFINITY);
        }
        double[] x = new double[cols];
        for (int j = 0; j < cols; j++) {
            x[j] = response.getVariableValue(j);
        }
        double objective = response.getObjectiveValue();
        double bound;
        if (!anyInteger) {
            bound = outcome == Outcome.OPTIMAL ? objective : Double.NEGATIVE_INFINITY;
        } else {
            bound = response.hasBestObjectiveBound() ? response.getBestObjectiveBound() : Double.NEGATIVE_INFINITY;
            if (outcome == Outcome.OPTIMAL) {
                bound = Math.min(bound, objective);
            }
        }
        return new Result(outcome, x, objective, bound);
    }

    private static Outcome outcome(MPSolverResponseStatus s) {
        switch (s) {
            case MPSOLVER_OPTIMAL:
                return Outcome.OPTIMAL;
            case MPSOLVER_FEASIBLE:
                return Outcome.FEASIBLE;
            case MPSOLVER_INFEASIBLE:
                return Outcome.INFEASIBLE;
            case MPSOLVER_UNBOUNDED:
                return Outcome.UNBOUNDED;
            default:
                return Outcome.NOT_SOLVED;
        }
    }
}
