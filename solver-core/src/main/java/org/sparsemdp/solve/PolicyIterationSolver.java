package org.sparsemdp.solve;

import org.sparsemdp.result.Solution;
import org.sparsemdp.evaluate.EvaluationWorkspace;
import org.sparsemdp.evaluate.KrylovMethod;
import org.sparsemdp.evaluate.PolicyEvaluator;
import org.sparsemdp.evaluate.PolicyValues;
import org.sparsemdp.evaluate.Preconditioning;
import org.sparsemdp.model.DeterministicPolicy;
import org.sparsemdp.model.Mdp;
import org.sparsemdp.result.Accuracy;
import org.sparsemdp.result.Status;

/**
 * Policy iteration (Howard 1960; Puterman 1994, §6.4) for discounted MDPs, with each policy
 * evaluated by an MTJ Krylov solver ({@link PolicyEvaluator}) to a tight tolerance.
 *
 * <p><b>Algorithm.</b> π₀ is greedy for v = 0. Step n: evaluate π<sub>n</sub>, warm-started from
 * the previous values, to the error bound {@code evaluationFraction}·ε (default ε/4: the stopping
 * rule needs a Bellman residual of ε(1−γ)/2, which an evaluation error of ε/4 gives), but never
 * below the relative precision of doubles, 10⁻¹⁵·max(1, ‖v‖∞)/(1−γ), where a Krylov
 * solve only stalls (measured on a 10⁵-state Garnet at γ = 0.99 and ε = 1e-10: 9.9 s instead of
 * over 400 s, see the README); then one Bellman sweep
 * gives T v and the greedy policy; π<sub>n+1</sub> differs from π<sub>n</sub> only in states where
 * the greedy choice is better by more than a relative {@value #TIE_TOLERANCE} and by more than
 * 2γ times the evaluation's error bound (no cycling between ties or on evaluation noise).
 *
 * <p><b>Bounds and stopping rule.</b> With δ = T v − v, the MacQueen–Porteus bounds
 * (Puterman 1994, Theorem 6.6.3; see {@link ValueIterationSolver}) hold for any v, however
 * accurately it was computed: the values reported are the midpoints
 * T v + γ/(1−γ)·(min δ + max δ)/2 with CERTIFIED bound γ·span(δ)/(2(1−γ)), and the greedy policy
 * for v has ‖v<sup>π</sup> − v*‖∞ ≤ span(δ)/(1−γ). Stop when span(δ) ≤ ε(1−γ) (normally when
 * the policy has stopped changing); if the policy is unchanged but the span is larger (the
 * evaluation was not accurate enough), the same policy is re-evaluated ten times more tightly,
 * until the tolerance reaches the relative precision of doubles ({@link Status#PRECISION_LIMIT}).
 * The bounds include rounding ({@link RoundingBounds}, {@link CertifiedStop}). Each evaluation
 * counts as one iteration; the Krylov iterations check the time limit themselves. Undiscounted
 * models are rejected. Sequential (MTJ's Krylov solvers run on one thread):
 * {@link SolverOptions#threads()} &gt; 1 is rejected ({@link ThreadsRefusedException}).
 */
public final class PolicyIterationSolver implements Solver {
    /** Name on the command line. */
    public static final String NAME = "pi";
    /** Relative tolerance below which a better Q-value does not change the policy. */
    public static final double TIE_TOLERANCE = 1e-12;
    /** Default fraction of ε used as the final (tightest) evaluation error bound. */
    public static final double DEFAULT_EVALUATION_FRACTION = 0.25;
    /** Relative residual below which a Krylov evaluation is not asked to go (a few units of roundoff). */
    static final double PRECISION = 1e-15;

    private final PolicyEvaluator evaluator;
    private final double evaluationFraction;

    /**
     * The evaluator used by default: BiCGstab with ILU(0). Measured with PolicyIterationBenchmark
     * (10⁵ states, γ = 0.99, ε = 1e-6): on slowly mixing "local" models ILU(0) made pi 4 times
     * faster than the diagonal preconditioner (9.1 s vs 36.3 s), on uniformly random models it
     * cost 30% (6.3 s vs 4.8 s). For the deterministic policies of pi and mpi the assembled
     * matrix has only one choice's entries per row.
     */
    public static PolicyEvaluator defaultEvaluator() {
        return PolicyEvaluator.builder().method(KrylovMethod.BICGSTAB).preconditioning(Preconditioning.ILU0).build();
    }

    /** Policy iteration with {@link #defaultEvaluator()}. */
    public PolicyIterationSolver() {
        this(defaultEvaluator(), DEFAULT_EVALUATION_FRACTION);
    }

    /**
     * @param evaluator          Krylov method, preconditioner and iteration cap for evaluations
     *                           (its tolerance is replaced by {@code evaluationFraction}·ε)
     * @param evaluationFraction in (0, 1]: evaluation error bound as a fraction of ε
     */
    public PolicyIterationSolver(PolicyEvaluator evaluator, double evaluationFraction) {
        if (evaluator == null) {
            throw new IllegalArgumentException("evaluator must not be null");
        }
        if (!(evaluationFraction > 0 && evaluationFraction <= 1)) {
            throw new IllegalArgumentException("evaluationFraction must be in (0, 1], got " + evaluationFraction);
        }
        this.evaluator = evaluator;
        this.evaluationFraction = evaluationFraction;
    }

    /**
     * {@code pi}, or with the settings that differ from the default configuration
     * ({@link VariantName}): {@code pi[krylov=K,precond=P,maxit=N,restart=R,fraction=F]}, e.g.
     * {@code pi[krylov=gmres,fraction=0.01]}. (The evaluator's tolerance is not a setting: it is
     * replaced per evaluation.)
     */
    @Override
    public String name() {
        return evaluatorSettings(VariantName.of(NAME), evaluator)
                .with(evaluationFraction != DEFAULT_EVALUATION_FRACTION, "fraction", evaluationFraction).toString();
    }

    /**
     * Adds to {@code name} the settings of {@code evaluator} that differ from
     * {@link #defaultEvaluator()}: {@code krylov}, {@code precond}, {@code maxit}, and
     * {@code restart} for GMRES.
     */
    static VariantName evaluatorSettings(VariantName name, PolicyEvaluator evaluator) {
        PolicyEvaluator d = defaultEvaluator();
        return name.with(evaluator.method() != d.method(), "krylov", evaluator.method().keyword())
                .with(evaluator.preconditioning() != d.preconditioning(), "precond",
                        evaluator.preconditioning().keyword())
                .with(evaluator.maxIterations() != d.maxIterations(), "maxit", evaluator.maxIterations())
                .with(evaluator.method() == KrylovMethod.GMRES && evaluator.gmresRestart() != d.gmresRestart(),
                        "restart", evaluator.gmresRestart());
    }

    @Override
    public Solution solve(Mdp mdp, SolverOptions options) {
        ValueIterationSolver.requireDiscounted(mdp, NAME);
        options.requireSequential(name());
        final long start = System.nanoTime();
        final long deadline = options.deadlineNanos(start);
        final RoundingBounds rounding = RoundingBounds.of(mdp);
        final CertifiedStop stop = new CertifiedStop(mdp, rounding, options.epsilon(), 1);
        final double gamma = mdp.discount();
        final int n = mdp.numStates();
        final double finalTolerance = evaluationFraction * options.epsilon();
        EvaluationWorkspace workspace = evaluator.workspace(mdp);
        workspace.deadline(deadline);
        double[] v = new double[n];
        double[] tv = new double[n];
        double[] u = v;
        int[] greedy = new int[n];
        int[] current = new int[n];
        double[] range = new double[2];
        BellmanKernel.jacobiSweep(mdp, v, tv, current, 0, n, range);
        double tolerance = Math.max(finalTolerance, PRECISION * Math.max(1.0, maxAbs(tv)) / (1 - gamma));
        long iteration = 0;
        Status status;
        while (true) {
            PolicyValues pv = workspace.evaluate(DeterministicPolicy.of(mdp, current), v, tolerance);
            u = pv.values();
            iteration++;
            double noise = pv.accuracy() == Accuracy.CERTIFIED ? 2 * gamma * pv.errorBound() : 0.0;
            int changes = PolicyImprovement.improve(mdp, u, tv, greedy, current, range, TIE_TOLERANCE, noise);
            double span = range[1] - range[0];
            status = CertifiedStop.preferLimits(stop.afterCheck(u, tv, range), options, iteration, deadline);
            if (status != null) {
                break;
            }
            double floor = PRECISION * Math.max(1.0, Math.max(maxAbs(u), maxAbs(tv))) / (1 - gamma);
            if (changes == 0) {
                // the policy is stable but not yet certified: evaluate it more accurately
                if (tolerance <= floor) {
                    // evaluation cannot get more accurate in doubles
                    status = CertifiedStop.preferLimits(Status.PRECISION_LIMIT, options, iteration, deadline);
                    break;
                }
                tolerance = Math.max(0.1 * tolerance, floor);
            } else {
                tolerance = Math.max(tolerance, floor);
            }
            v = u;
            double residual = Math.max(Math.abs(range[0]), Math.abs(range[1]));
            status = RunLimits.reached(options, iteration, residual,
                    stop.progressBound(gamma * span / (2 * (1 - gamma))), deadline);
            if (status != null) {
                break;
            }
        }
        return SpanBounds.finish(mdp, rounding, name(), status, u, tv, greedy, iteration, start);
    }

    static double maxAbs(double[] v) {
        double m = 0;
        for (double x : v) {
            m = Math.max(m, Math.abs(x));
        }
        return m;
    }
}
