package org.sparsemdp.lp;

import java.util.List;
import org.sparsemdp.model.Mdp;
import org.sparsemdp.model.Objective;
import org.sparsemdp.solve.Accuracy;
import org.sparsemdp.solve.BellmanKernel;
import org.sparsemdp.solve.Solution;
import org.sparsemdp.solve.Solver;
import org.sparsemdp.solve.SolverOptions;
import org.sparsemdp.solve.Status;

/**
 * Solves an MDP as a linear program with OR-Tools (d'Epenoux 1963; Puterman 1994,
 * <i>Markov Decision Processes</i>, §6.9 and §7.2.7), in its primal form (values) or its dual
 * form (occupancy measures); see {@link MdpLpModels} for the two programs and {@link LpBackend}
 * for GLOP (simplex) and PDLP (first-order), chosen by {@link LpSettings}.
 *
 * <p><b>Certification.</b> The LP status is never trusted alone. The returned values v are those
 * of the LP (primal: the variables; dual: the duals of the flow constraints, i.e. the values by
 * complementary slackness); solver-core then recomputes the Bellman residual ‖Tv − v‖∞ and, for
 * γ &lt; 1, the certified bound ‖v − v*‖∞ ≤ ‖Tv − v‖∞ / (1 − γ) (T is a γ-contraction;
 * Puterman 1994, Proposition 6.6.1 argument), and for the greedy policy π of v,
 * ‖v^π − v*‖∞ ≤ 2‖Tv − v‖∞ / (1 − γ). For γ = 1 no contraction argument exists without a graph
 * analysis: the Bellman residual is then reported as an {@link Accuracy#ESTIMATED} bound.
 *
 * <p><b>Stopping rule.</b> The run has {@link Status#CONVERGED} when the backend returned a
 * solution and the bound above is at most ε. PDLP is started with tolerance ε(1 − γ)/4 (ε/4 for
 * γ = 1: the Bellman residual that certifies ε, with a margin because PDLP measures its residuals
 * with relative terms and on its rescaled problem), its duality-gap tolerance 1/(1 − γ) times looser
 * (see {@link OrToolsLp}), and re-run with tighter tolerances while the bound exceeds ε (see {@link LpRun}); if
 * that does not suffice the status is {@link Status#MAX_ITERATIONS}, with the true bound of the
 * best answer; {@link Status#TIME_LIMIT} when the time limit ended the run. A model whose LP is
 * infeasible or unbounded (γ = 1 with infinite optimal values) is rejected with an
 * {@link IllegalArgumentException}. The progress listener is called between LP solves (see
 * {@link LpRun}) and may cancel there ({@link Status#CANCELLED}); a backend call itself is not
 * interrupted. {@link Solution#iterations()} counts LP solves.
 *
 * <p>Stateless and thread-safe; {@link SolverOptions#threads()} is passed to PDLP.
 */
public final class LpSolver implements Solver {
    /** Command-line name of the primal formulation. */
    public static final String NAME = "lp";
    /** Command-line name of the dual formulation. */
    public static final String DUAL_NAME = "lp-dual";

    /** Which of the two linear programs is solved. */
    public enum Formulation {
        /** Values as variables, one constraint per choice. */
        PRIMAL,
        /** Occupancy measures as variables, one flow constraint per state. */
        DUAL
    }

    /** First PDLP tolerance, as a fraction of the Bellman residual that would certify ε. */
    static final double INITIAL_TOLERANCE_FACTOR = 0.25;

    private final Formulation formulation;
    private final LpSettings settings;

    /** The primal formulation with default settings (automatic backend, uniform ρ0). */
    public LpSolver() {
        this(Formulation.PRIMAL, LpSettings.defaults());
    }

    /** The given formulation and settings. */
    public LpSolver(Formulation formulation, LpSettings settings) {
        if (formulation == null || settings == null) {
            throw new IllegalArgumentException("formulation and settings must be given");
        }
        this.formulation = formulation;
        this.settings = settings;
    }

    @Override
    public String name() {
        return formulation == Formulation.PRIMAL ? NAME : DUAL_NAME;
    }

    /** The formulation solved. */
    public Formulation formulation() {
        return formulation;
    }

    /** The LP settings. */
    public LpSettings settings() {
        return settings;
    }

    @Override
    public Solution solve(Mdp mdp, SolverOptions options) {
        return solveDetailed(mdp, options).solution();
    }

    /**
     * Solves {@code mdp} and returns the solution with the LP diagnostics (and, for the dual
     * formulation, the occupancy measure and randomised policy).
     *
     * @throws IllegalArgumentException if the LP is infeasible or unbounded, or ρ0 does not
     *                                  match the model
     */
    public LpResult solveDetailed(Mdp mdp, SolverOptions options) {
        long start = System.nanoTime();
        double[] rho = settings.initialDistributionFor(mdp);
        int[] stateIndex = MdpLpModels.stateIndex(mdp);
        boolean primal = formulation == Formulation.PRIMAL;
        SparseLp lp = primal ? MdpLpModels.primal(mdp, rho, stateIndex)
                : MdpLpModels.dual(mdp, rho, stateIndex, List.of());
        LpBackend backend = settings.backendFor(mdp);
        double gamma = mdp.discount();
        double eps = options.epsilon();
        double scale = gamma < 1 ? 1 - gamma : 1;
        LpRun.Outcome out = LpRun.run(lp, backend, INITIAL_TOLERANCE_FACTOR * eps * scale, 1 / scale, eps,
                settings.maxRefinements(), options,
                raw -> BellmanKernel.bellmanResidual(mdp, values(raw, primal, stateIndex)) / scale);
        OrToolsLp.Raw raw = out.raw();
        LpStatus lpStatus = raw == null ? LpStatus.NOT_SOLVED : raw.status();
        if (lpStatus == LpStatus.INFEASIBLE || lpStatus == LpStatus.UNBOUNDED) {
            throw new IllegalArgumentException("the " + name() + " linear program of this model is "
                    + lpStatus.name().toLowerCase(java.util.Locale.ROOT) + ": some optimal values are infinite"
                    + (mdp.isDiscounted() ? "" : " (with discount 1, a state cannot reach a terminal state under"
                    + " every policy, or a cycle accumulates reward)"));
        }
        boolean hasSolution = raw != null && raw.status().hasSolution();
        double[] v = hasSolution ? values(raw, primal, stateIndex) : new double[mdp.numStates()];
        double residual = BellmanKernel.bellmanResidual(mdp, v);
        double bound = residual / scale;
        Status status = out.timedOut() ? Status.TIME_LIMIT : out.cancelled() ? Status.CANCELLED
                : hasSolution && bound <= eps ? Status.CONVERGED : Status.MAX_ITERATIONS;
        LpDiagnostics diagnostics = diagnostics(lp, backend, lpStatus, raw, residual, out);
        OccupancyMeasure occupancy = null;
        if (!primal && hasSolution) {
            occupancy = OccupancyMeasure.of(mdp, raw.x(), lp.reducedCosts(raw.y()),
                    mdp.objective() == Objective.MINIMIZE);
        }
        Solution solution = Solution.builder()
                .method(name())
                .status(status)
                .accuracy(mdp.isDiscounted() ? Accuracy.CERTIFIED : Accuracy.ESTIMATED)
                .values(v)
                .policy(BellmanKernel.greedyPolicy(mdp, v))
                .iterations(out.solves())
                .residual(residual)
                .errorBound(bound)
                .policyBound(mdp.isDiscounted() ? 2 * bound : Double.NaN)
                .seconds((System.nanoTime() - start) / 1e9)
                .build();
        return new LpResult(solution, diagnostics, occupancy);
    }

    /** The state values of an LP answer: primal variables, or duals of the dual's flow rows. */
    private static double[] values(OrToolsLp.Raw raw, boolean primal, int[] stateIndex) {
        double[] source = primal ? raw.x() : raw.y();
        double[] v = new double[stateIndex.length];
        for (int s = 0; s < v.length; s++) {
            v[s] = stateIndex[s] >= 0 ? source[stateIndex[s]] : 0.0;
        }
        return v;
    }

    static LpDiagnostics diagnostics(SparseLp lp, LpBackend backend, LpStatus lpStatus, OrToolsLp.Raw raw,
                                     double bellmanResidual, LpRun.Outcome out) {
        boolean has = raw != null && raw.status().hasSolution();
        double objective = has ? lp.objectiveValue(raw.x()) : Double.NaN;
        return new LpDiagnostics(backend, lpStatus, objective,
                has ? lp.primalResidual(raw.x()) : Double.NaN,
                has ? lp.dualResidual(raw.y()) : Double.NaN,
                has ? Math.abs(objective - lp.dualObjective(raw.y())) : Double.NaN,
                bellmanResidual, out.solves(), out.tolerance(), out.lpSeconds(), lp.numRows(), lp.numCols,
                lp.numNonZeros());
    }
}
