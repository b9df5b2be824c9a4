package org.sparsemdp.lp;

import java.util.List;
import org.sparsemdp.model.Mdp;
import org.sparsemdp.model.Objective;
import org.sparsemdp.result.Accuracy;
import org.sparsemdp.result.Status;
import org.sparsemdp.solve.BellmanKernel;
import org.sparsemdp.solve.RoundingBounds;
import org.sparsemdp.result.Solution;
import org.sparsemdp.solve.Solver;
import org.sparsemdp.solve.SolverOptions;

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
 * The discounted bound is made to hold in floating point: the rounding error of the recomputed
 * residual and the exact row sums of the stored probabilities ({@link RoundingBounds}) are
 * included, ‖v − v*‖∞ ≤ (‖Tv − v‖∞ + η)/(1 − βhi); where that rounding alone exceeds ε, or a value
 * is not finite, the status is {@link Status#PRECISION_LIMIT}. Rewards whose discounted sums could
 * overflow are rejected before the LP is built.
 *
 * <p><b>Proper policies (γ = 1).</b> With zero-cost cycles the greedy policy of the optimal values
 * may never terminate (a zero-cost self-loop ties with a costly exit). The policy reported is
 * therefore extracted by a backward search from the terminal states among the value-optimal
 * choices ({@code ProperPolicy}), and {@link LpDiagnostics#improperStates()} says whether it is
 * proper (0).
 *
 * <p><b>Scaling.</b> When the rewards are far from 1 in magnitude (beyond 2<sup>±64</sup>) the LP is
 * solved with the rewards scaled by a power of two and the values scaled back, since the backends'
 * tolerances are absolute. A discounted LP reported infeasible or unbounded (impossible in exact
 * arithmetic) is a numerical failure: status {@link Status#PRECISION_LIMIT}, values 0 with their
 * true bound.
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
 * <p>Stateless and thread-safe. {@link SolverOptions#threads()} is passed to PDLP; GLOP is a
 * sequential simplex: chosen explicitly ({@link LpSettings#backend()}), it rejects more than one
 * thread ({@link org.sparsemdp.solve.ThreadsRefusedException}); under the automatic choice, the
 * small models it is chosen for (see {@link LpSettings}) run on one thread.
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

    /**
     * {@code lp} or {@code lp-dual}, with the settings that differ from {@link LpSettings#defaults()}
     * ({@link org.sparsemdp.solve.VariantName}): {@code backend=glop|pdlp}, {@code glopmax=N},
     * {@code refinements=N}, {@code rho=given}; e.g. {@code lp[backend=pdlp]}.
     */
    @Override
    public String name() {
        LpSettings d = LpSettings.defaults();
        LpBackend backend = settings.backend();
        return org.sparsemdp.solve.VariantName.of(formulation == Formulation.PRIMAL ? NAME : DUAL_NAME)
                .with(backend != null, "backend", backend == null ? "" : backend.name().toLowerCase(java.util.Locale.ROOT))
                .with(settings.glopMaxChoices() != d.glopMaxChoices(), "glopmax", settings.glopMaxChoices())
                .with(settings.maxRefinements() != d.maxRefinements(), "refinements", settings.maxRefinements())
                .with(settings.initialDistribution() != null, "rho", "given").toString();
    }

    /** True unless GLOP, a sequential simplex, was chosen explicitly. */
    @Override
    public boolean usesThreads() {
        return settings.backend() != LpBackend.GLOP;
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
        if (!usesThreads()) {
            options.requireSequential(name());
        }
        if (mdp.isDiscounted()) {
            RoundingBounds.of(mdp); // rejects rewards whose discounted sums could overflow, naming the choice
        }
        double[] rho = settings.initialDistributionFor(mdp);
        int[] stateIndex = MdpLpModels.stateIndex(mdp);
        boolean primal = formulation == Formulation.PRIMAL;
        final double rewardScale = rewardScale(mdp);
        Mdp lpModel = rewardScale == 1 ? mdp : mdp.withRewards(scaled(mdp.rewardArray(), rewardScale));
        SparseLp lp = primal ? MdpLpModels.primal(lpModel, rho, stateIndex)
                : MdpLpModels.dual(lpModel, rho, stateIndex, List.of());
        LpBackend backend = settings.backendFor(mdp);
        double gamma = mdp.discount();
        double eps = options.epsilon();
        double scale = gamma < 1 ? 1 - gamma : 1;
        LpRun.Outcome out = LpRun.run(lp, backend, INITIAL_TOLERANCE_FACTOR * eps * scale * rewardScale, 1 / scale,
                eps, settings.maxRefinements(), options,
                raw -> BellmanKernel.bellmanResidual(mdp, values(raw, primal, stateIndex, rewardScale)) / scale);
        OrToolsLp.Raw raw = out.raw();
        LpStatus lpStatus = raw == null ? LpStatus.NOT_SOLVED : raw.status();
        boolean numericalFailure = mdp.isDiscounted()
                && (lpStatus == LpStatus.INFEASIBLE || lpStatus == LpStatus.UNBOUNDED);
        // a discounted LP is always feasible and bounded: such a claim is a numerical failure of the
        // backend, reported as PRECISION_LIMIT with the (true) bound of the values 0
        if (!numericalFailure && (lpStatus == LpStatus.INFEASIBLE || lpStatus == LpStatus.UNBOUNDED)) {
            throw new IllegalArgumentException("the " + name() + " linear program of this model is "
                    + lpStatus.name().toLowerCase(java.util.Locale.ROOT) + ": some optimal values are infinite"
                    + (mdp.isDiscounted() ? "" : " (with discount 1, a state cannot reach a terminal state under"
                    + " every policy, or a cycle accumulates reward)"));
        }
        boolean hasSolution = raw != null && raw.status().hasSolution();
        double[] v = hasSolution ? values(raw, primal, stateIndex, rewardScale) : new double[mdp.numStates()];
        double residual = BellmanKernel.bellmanResidual(mdp, v);
        int[] policy = BellmanKernel.greedyPolicy(mdp, v);
        boolean finite = finite(v) && Double.isFinite(residual);
        double bound;
        double policyBound;
        boolean precisionLimited = false;
        if (mdp.isDiscounted()) {
            // ‖v − v*‖ ≤ ‖Tv − v‖/(1 − βhi), with the rounding of the computed residual (RoundingBounds)
            RoundingBounds rounding = RoundingBounds.of(mdp);
            double eta = rounding.sweepError(maxAbs(v));
            double g = rounding.amplification();
            bound = finite ? RoundingBounds.up((residual * (1 + 0x1p-50) + eta) * g) : Double.POSITIVE_INFINITY;
            policyBound = finite ? RoundingBounds.up(2 * bound + 2 * eta * g) : Double.POSITIVE_INFINITY;
            precisionLimited = RoundingBounds.up(eta * g) > eps;
        } else {
            bound = residual;
            policyBound = Double.NaN;
        }
        Status status = out.timedOut() ? Status.TIME_LIMIT : out.cancelled() ? Status.CANCELLED
                : !finite || numericalFailure || precisionLimited && !(bound <= eps) ? Status.PRECISION_LIMIT
                : hasSolution && bound <= eps ? Status.CONVERGED : Status.MAX_ITERATIONS;
        LpDiagnostics diagnostics = diagnostics(lp, backend, lpStatus, raw, residual, out);
        if (!mdp.isDiscounted() && hasSolution && finite) {
            diagnostics = diagnostics.withImproperStates(ProperPolicy.extract(mdp, v, policy, 4 * residual));
        }
        OccupancyMeasure occupancy = null;
        if (!primal && hasSolution) {
            occupancy = OccupancyMeasure.of(mdp, raw.x(), lp.reducedCosts(raw.y()),
                    mdp.objective() == Objective.MINIMIZE);
        }
        Solution solution = Solution.builder()
                .method(name())
                .status(status)
                .accuracy(mdp.isDiscounted() && finite ? Accuracy.CERTIFIED : Accuracy.ESTIMATED)
                .values(v)
                .policy(policy)
                .iterations(out.solves())
                .residual(residual)
                .errorBound(bound)
                .policyBound(policyBound)
                .seconds((System.nanoTime() - start) / 1e9)
                .build();
        return new LpResult(solution, diagnostics, occupancy);
    }

    private static boolean finite(double[] v) {
        for (double x : v) {
            if (x - x != 0) {
                return false;
            }
        }
        return true;
    }

    private static double maxAbs(double[] v) {
        double m = 0;
        for (double x : v) {
            m = Math.max(m, Math.abs(x));
        }
        return m;
    }

    /**
     * The state values of an LP answer (primal variables, or duals of the dual's flow rows) of an LP
     * whose rewards were scaled by {@code rewardScale}, scaled back.
     */
    private static double[] values(OrToolsLp.Raw raw, boolean primal, int[] stateIndex, double rewardScale) {
        double[] source = primal ? raw.x() : raw.y();
        double[] v = new double[stateIndex.length];
        for (int s = 0; s < v.length; s++) {
            v[s] = stateIndex[s] >= 0 ? source[stateIndex[s]] / rewardScale : 0.0;
        }
        return v;
    }

    /**
     * A power of two (so that scaling is exact, barring underflow) that brings the largest |reward|
     * into [1, 2) when it lies outside [2<sup>−64</sup>, 2<sup>64</sup>], else 1: LP backends work
     * with absolute tolerances and fail (claiming infeasibility) on coefficients near 1e300.
     */
    static double rewardScale(Mdp mdp) {
        double max = 0;
        for (double r : mdp.rewardArray()) {
            max = Math.max(max, Math.abs(r));
        }
        if (max == 0 || max - max != 0 || (max >= 0x1p-64 && max <= 0x1p64)) {
            return 1.0;
        }
        return Math.scalb(1.0, -Math.getExponent(max));
    }

    private static double[] scaled(double[] rewards, double factor) {
        double[] out = new double[rewards.length];
        for (int c = 0; c < out.length; c++) {
            out[c] = rewards[c] * factor;
        }
        return out;
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
