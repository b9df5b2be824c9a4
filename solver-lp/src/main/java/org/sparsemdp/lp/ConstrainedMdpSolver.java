package org.sparsemdp.lp;

import java.util.List;
import org.sparsemdp.model.Mdp;
import org.sparsemdp.model.Objective;
import org.sparsemdp.result.Status;
import org.sparsemdp.solve.SolverOptions;

/**
 * Solves a constrained MDP (Altman 1999, <i>Constrained Markov Decision Processes</i>, ch. 3–4):
 * optimise the expected discounted (or, for γ = 1, total) reward or cost from the initial
 * distribution ρ0 subject to budgets on further expected discounted costs,
 * <pre>
 *   opt Σ r(c) x(c)  s.t.  Σ_{c of s'} x(c) − γ Σ_c p(s'|c) x(c) = ρ0(s')  (every non-terminal s'),
 *                          Σ_c c_k(c) x(c) ≤ b_k  (every constraint k),   x ≥ 0,
 * </pre>
 * over occupancy measures x, which value and policy iteration cannot do. The optimal policy
 * π(c) = x(c)/Σ_{c' of s} x(c') is stationary and in general randomised (in at most as many states
 * as there are active constraints, for a basic solution); it depends on ρ0.
 *
 * <p>ρ0: the weights of {@link LpSettings#initialDistribution()}, normalised to sum 1, or by
 * default uniform over the model's initial states.
 *
 * <p><b>Stopping rule and checks.</b> The LP (backend as in {@link LpSettings}) is solved until
 * its recomputed primal residual, dual residual and duality gap are all at most ε(1 − γ) (ε for
 * γ = 1), PDLP being refined as in {@link LpRun}. Independently of the LP, π is then evaluated by
 * {@link StochasticPolicyEvaluation} on the rewards and on every constraint's costs, to within ε,
 * and both the LP's and the evaluated objective and usages are reported.
 *
 * <p>Budgets that no policy meets give an INFEASIBLE {@link ConstrainedResult#lpStatus()} (not an
 * exception). An unbounded LP (γ = 1 with infinite values) is rejected with an
 * {@link IllegalArgumentException}. Stateless and thread-safe. {@link SolverOptions#threads()} is
 * passed to PDLP; with GLOP chosen explicitly more than one thread is rejected
 * ({@link org.sparsemdp.solve.ThreadsRefusedException}).
 */
public final class ConstrainedMdpSolver {
    private final LpSettings settings;

    /** A solver with default settings (automatic backend, ρ0 uniform over the initial states). */
    public ConstrainedMdpSolver() {
        this(LpSettings.defaults());
    }

    /** A solver with the given settings. */
    public ConstrainedMdpSolver(LpSettings settings) {
        if (settings == null) {
            throw new IllegalArgumentException("settings must be given");
        }
        this.settings = settings;
    }

    /**
     * Solves the constrained problem.
     *
     * @param constraints cost vectors (one entry per choice of {@code mdp}) with budgets
     * @throws IllegalArgumentException if a cost vector does not match the model, or the LP is unbounded
     */
    public ConstrainedResult solve(Mdp mdp, List<CostConstraint> constraints, SolverOptions options) {
        if (settings.backend() == LpBackend.GLOP) {
            options.requireSequential("constrained lp with GLOP");
        }
        double[] rho = initialDistribution(mdp);
        int[] stateIndex = MdpLpModels.stateIndex(mdp);
        SparseLp lp = MdpLpModels.dual(mdp, rho, stateIndex, constraints);
        LpBackend backend = settings.backendFor(mdp);
        double gamma = mdp.discount();
        double eps = options.epsilon();
        double target = gamma < 1 ? eps * (1 - gamma) : eps;
        LpRun.Outcome out = LpRun.run(lp, backend, LpSolver.INITIAL_TOLERANCE_FACTOR * target, 1, target,
                settings.maxRefinements(), options, raw -> lpError(lp, raw));
        OrToolsLp.Raw raw = out.raw();
        LpStatus lpStatus = raw == null ? LpStatus.NOT_SOLVED : raw.status();
        if (lpStatus == LpStatus.UNBOUNDED) {
            throw new IllegalArgumentException("the constrained linear program of this model is unbounded: some"
                    + " values are infinite");
        }
        LpDiagnostics diagnostics = LpSolver.diagnostics(lp, backend, lpStatus, raw, Double.NaN, out);
        int k = constraints.size();
        if (raw == null || !lpStatus.hasSolution()) {
            Status status = out.timedOut() ? Status.TIME_LIMIT : out.cancelled() ? Status.CANCELLED
                    : lpStatus == LpStatus.INFEASIBLE ? Status.CONVERGED : Status.MAX_ITERATIONS;
            return new ConstrainedResult(status, lpStatus, null, Double.NaN, nan(k), Double.NaN, nan(k), Double.NaN,
                    diagnostics);
        }
        OccupancyMeasure occupancy = OccupancyMeasure.of(mdp, raw.x(), lp.reducedCosts(raw.y()),
                mdp.objective() == Objective.MINIMIZE);
        double[] x = occupancy.occupancy();
        double[] pi = occupancy.policy();
        double objective = dot(mdp.rewardArray(), x);
        double[] usage = new double[k];
        double[] evaluatedUsage = new double[k];
        StochasticPolicyEvaluation.Result eval = StochasticPolicyEvaluation.evaluate(mdp, pi, mdp.rewardArray(), eps,
                options.maxIterations());
        double evaluatedObjective = StochasticPolicyEvaluation.weighted(rho, eval.values());
        double bound = eval.bound();
        for (int i = 0; i < k; i++) {
            double[] cost = constraints.get(i).costs();
            usage[i] = dot(cost, x);
            StochasticPolicyEvaluation.Result e = StochasticPolicyEvaluation.evaluate(mdp, pi, cost, eps,
                    options.maxIterations());
            evaluatedUsage[i] = StochasticPolicyEvaluation.weighted(rho, e.values());
            bound = Math.max(bound, e.bound());
        }
        Status status = out.timedOut() ? Status.TIME_LIMIT : out.cancelled() ? Status.CANCELLED
                : out.error() <= target ? Status.CONVERGED : Status.MAX_ITERATIONS;
        return new ConstrainedResult(status, lpStatus, occupancy, objective, usage, evaluatedObjective,
                evaluatedUsage, bound, diagnostics);
    }

    /** ρ0 normalised to sum 1: the settings' weights, or uniform over the initial states. */
    double[] initialDistribution(Mdp mdp) {
        double[] rho;
        if (settings.initialDistribution() != null) {
            rho = settings.initialDistributionFor(mdp);
        } else {
            rho = new double[mdp.numStates()];
            for (int s : mdp.initialStates()) {
                rho[s] = 1.0;
            }
        }
        double sum = 0;
        for (double w : rho) {
            sum += w;
        }
        for (int s = 0; s < rho.length; s++) {
            rho[s] /= sum;
        }
        return rho;
    }

    private static double lpError(SparseLp lp, OrToolsLp.Raw raw) {
        double gap = Math.abs(lp.objectiveValue(raw.x()) - lp.dualObjective(raw.y()));
        return Math.max(gap, Math.max(lp.primalResidual(raw.x()), lp.dualResidual(raw.y())));
    }

    private static double dot(double[] a, double[] b) {
        double sum = 0;
        for (int i = 0; i < a.length; i++) {
            sum += a[i] * b[i];
        }
        return sum;
    }

    private static double[] nan(int k) {
        double[] a = new double[k];
        java.util.Arrays.fill(a, Double.NaN);
        return a;
    }
}
