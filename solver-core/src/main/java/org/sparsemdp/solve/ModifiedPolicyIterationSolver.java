package org.sparsemdp.solve;

import org.sparsemdp.result.Solution;
import org.sparsemdp.evaluate.EvaluationWorkspace;
import org.sparsemdp.evaluate.PolicyEvaluator;
import org.sparsemdp.evaluate.PolicyValues;
import org.sparsemdp.model.DeterministicPolicy;
import org.sparsemdp.model.Mdp;
import org.sparsemdp.result.Status;

/**
 * Modified policy iteration (Puterman &amp; Shin 1978, <i>Management Science</i> 24(11); Puterman
 * 1994, §6.5) for discounted MDPs: policy improvement alternates with a partial evaluation of
 * the greedy policy.
 *
 * <p><b>Algorithm.</b> v₀ = 0. Step n: one Bellman sweep gives T v<sub>n</sub>, δ = T v<sub>n</sub> − v<sub>n</sub>
 * and the greedy policy π<sub>n</sub> (ties keep the previous choice, see {@link PolicyImprovement});
 * then v<sub>n+1</sub> is a partial evaluation of π<sub>n</sub> starting from T v<sub>n</sub>:
 * <ul>
 *   <li>{@link Mode#ADAPTIVE} (the default): sweeps w<sub>k+1</sub> = T<sub>π<sub>n</sub></sub> w<sub>k</sub>,
 *       w<sub>0</sub> = T v<sub>n</sub>, until span(w<sub>k+1</sub> − w<sub>k</sub>) ≤ max(θ·span(δ), ε(1−γ)/4)
 *       with θ = {@code ratio} (default {@value #DEFAULT_RATIO}), so the number of sweeps adapts to the
 *       model and to the stage of the run (Puterman &amp; Shin's adaptive order; Puterman 1994, §6.5.2).
 *       An evaluation also ends when neither the sup norm nor the span of the change has shrunk for
 *       {@value #STALL_SWEEPS} sweeps (rounding noise), after {@code maxSweeps} sweeps, or when it would be
 *       longer than the run so far (at least {@value #FIRST_SWEEPS} sweeps: the first policies are
 *       poor, and evaluating them deeply can leave values far off). The rows
 *       of π<sub>n</sub> are copied into a {@link PolicyMatrix} when the policy changes, so that the
 *       sweeps stream through 1/A of the model instead of jumping through it. Sweeps carry
 *       information one transition per sweep; when they have cost more than {@code krylovAfter} full
 *       Bellman sweeps (counted by transitions) without converging, the slowly mixing model is left
 *       to Krylov evaluations (below) for the rest of the run, a ski-rental rule: a Krylov evaluation
 *       cost about 100–500 full sweeps in our measurements (BENCHMARKS.md), so the switch at
 *       {@value #DEFAULT_KRYLOV_AFTER} sweeps costs at most about twice the better of the two.</li>
 *   <li>{@link Mode#SWEEPS}: v<sub>n+1</sub> = (T<sub>π<sub>n</sub></sub>)<sup>m</sup> v<sub>n</sub>, m sweeps in all
 *       (m = 1 is value iteration; m → ∞ policy iteration);</li>
 *   <li>{@link Mode#KRYLOV}: an MTJ Krylov solve of (I − γP<sub>π<sub>n</sub></sub>)v = r<sub>π<sub>n</sub></sub> warm-started
 *       from T v<sub>n</sub>, to the loose error bound max(ε/10, θ·span(δ)/(1−γ)), θ = {@code looseness}:
 *       the tolerance tightens as span(δ) shrinks, i.e. as the policy settles.</li>
 * </ul>
 *
 * <p><b>Bounds and stopping rule.</b> As in {@link PolicyIterationSolver}: the MacQueen–Porteus
 * bounds from δ of the last improvement step are CERTIFIED whatever the accuracy of the partial
 * evaluations; stop when span(δ) ≤ ε(1−γ), with the rounding error included ({@link CertifiedStop}).
 * The span of δ need not decrease from step to step (on a long chain it grows for hundreds of
 * steps while the values travel), so in {@link Mode#ADAPTIVE} a stall is detected only near the
 * rounding floor. {@link Solution#iterations()} counts the improvement steps plus, in
 * {@link Mode#ADAPTIVE}, the evaluation sweeps (each a sweep over all states, of 1/A of the
 * transitions), and the {@link ProgressListener} is told of each of them (an evaluation sweep with
 * bound NaN; a cancellation during an evaluation ends the run after one more improvement step,
 * which certifies its values); a Krylov evaluation counts as none. The Krylov iterations and the sweeps check the
 * time limit themselves. When a Krylov evaluation stalls (it cannot reach its tolerance, typically
 * near the precision of doubles), the next step evaluates by sweeps instead ({@value #DEFAULT_SWEEPS}
 * in {@link Mode#KRYLOV}, adaptive ones in {@link Mode#ADAPTIVE}). Undiscounted models are rejected.
 * Sequential: {@link SolverOptions#threads()} &gt; 1 is rejected ({@link ThreadsRefusedException}).
 */
public final class ModifiedPolicyIterationSolver implements Solver {
    /** Name on the command line. */
    public static final String NAME = "mpi";
    /** Default number of sweeps per step in {@link Mode#SWEEPS}. */
    public static final int DEFAULT_SWEEPS = 20;
    /** Default looseness θ in {@link Mode#KRYLOV}. */
    public static final double DEFAULT_LOOSENESS = 0.1;
    /** Default ratio θ of {@link Mode#ADAPTIVE}. */
    public static final double DEFAULT_RATIO = 0.1;
    /** Default cap on the sweeps of one partial evaluation in {@link Mode#ADAPTIVE}. */
    public static final int DEFAULT_MAX_SWEEPS = 100_000;
    /** Sweeps without a new least change after which an evaluation is taken to be in rounding noise. */
    static final int STALL_SWEEPS = 32;
    /** In {@link Mode#ADAPTIVE}, the cap on the sweeps of an evaluation while the run is younger. */
    static final int FIRST_SWEEPS = 16;
    /**
     * In {@link Mode#ADAPTIVE}, once span(δ) after Krylov evaluations exceeds this factor times the
     * smallest span seen since they began, they are undone (back to the values before the first)
     * and the run continues by sweeps only.
     */
    static final double KRYLOV_GROWTH = 10;
    /**
     * In {@link Mode#ADAPTIVE}, how often the certificate is measured (a pass over all states)
     * while span(δ) is still above ε(1−γ); at every improvement step once it has been below.
     * Measuring at every step cost 0.3 ms of 2.1 ms per step on a 300 × 300 grid, and its first,
     * interpreted pass a large part of the first step of a cold run.
     */
    static final int MEASURE_EVERY = 8;
    /** Default work, in full Bellman sweeps, after which {@link Mode#ADAPTIVE} turns to Krylov evaluations. */
    public static final double DEFAULT_KRYLOV_AFTER = 200;

    /** How the greedy policy is partially evaluated. */
    public enum Mode {
        /** m applications of T<sub>π</sub>. */
        SWEEPS,
        /** A Krylov solve to a loose tolerance. */
        KRYLOV,
        /** Applications of T<sub>π</sub> until their change has shrunk by a ratio θ (adaptive m). */
        ADAPTIVE
    }

    private final Mode mode;
    private final int sweeps;
    private final PolicyEvaluator evaluator;
    private final double looseness;
    private final double ratio;
    private final double krylovAfter;

    /**
     * The default configuration: {@link Mode#ADAPTIVE} with θ = {@value #DEFAULT_RATIO}, at most
     * {@value #DEFAULT_MAX_SWEEPS} sweeps per evaluation, Krylov evaluations with
     * {@link PolicyIterationSolver#defaultEvaluator()} (BiCGstab, ILU(0)) and looseness
     * {@value #DEFAULT_LOOSENESS} after {@value #DEFAULT_KRYLOV_AFTER} full sweeps of work.
     * Measured (BENCHMARKS.md, "Modified policy iteration and parallel Gauss–Seidel, round 2"):
     * 26 full sweeps' worth of work for value iteration against 15.5 here on Garnet 10⁵ × 4 × 8,
     * about half the work on 300 × 300 grids, and 3.5–4 times less time on a 20,000-state corridor
     * and an embedded-discount Garnet model at γ = 0.999.
     */
    public ModifiedPolicyIterationSolver() {
        this(Mode.ADAPTIVE, DEFAULT_MAX_SWEEPS, PolicyIterationSolver.defaultEvaluator(), DEFAULT_LOOSENESS,
                DEFAULT_RATIO, DEFAULT_KRYLOV_AFTER);
    }

    /** Partial evaluation by {@code sweeps} ≥ 1 applications of T<sub>π</sub> per step. */
    public ModifiedPolicyIterationSolver(int sweeps) {
        this(Mode.SWEEPS, requireAtLeastOne(sweeps, "sweeps"), null, Double.NaN, Double.NaN, Double.NaN);
    }

    /**
     * Partial evaluation by Krylov solves with {@code evaluator}'s method and preconditioner (its
     * tolerance is replaced per step), to error bound max(ε/10, θ·span(δ)/(1−γ)).
     *
     * @param looseness θ in (0, 1]
     */
    public ModifiedPolicyIterationSolver(PolicyEvaluator evaluator, double looseness) {
        this(Mode.KRYLOV, 0, requireEvaluator(evaluator), requireLooseness(looseness), Double.NaN, Double.NaN);
    }

    private ModifiedPolicyIterationSolver(Mode mode, int sweeps, PolicyEvaluator evaluator, double looseness,
                                          double ratio, double krylovAfter) {
        this.mode = mode;
        this.sweeps = sweeps;
        this.evaluator = evaluator;
        this.looseness = looseness;
        this.ratio = ratio;
        this.krylovAfter = krylovAfter;
    }

    /**
     * {@link Mode#ADAPTIVE} with sweeps only (never Krylov).
     *
     * @param ratio     θ in (0, 1): each evaluation sweeps until the span of its change is at most θ
     *                  times the span of the last improvement step's δ
     * @param maxSweeps cap on the sweeps of one evaluation, ≥ 1
     */
    public static ModifiedPolicyIterationSolver adaptive(double ratio, int maxSweeps) {
        return new ModifiedPolicyIterationSolver(Mode.ADAPTIVE, requireAtLeastOne(maxSweeps, "maxSweeps"), null,
                Double.NaN, requireRatio(ratio), Double.POSITIVE_INFINITY);
    }

    /**
     * {@link Mode#ADAPTIVE} turning to Krylov evaluations by {@code evaluator} (looseness as in
     * {@link #ModifiedPolicyIterationSolver(PolicyEvaluator, double)}) once the sweeps have cost
     * more than {@code krylovAfter} full Bellman sweeps.
     *
     * @param krylovAfter work in full sweeps, ≥ 0 (+∞: never)
     */
    public static ModifiedPolicyIterationSolver adaptive(double ratio, int maxSweeps, PolicyEvaluator evaluator,
                                                         double looseness, double krylovAfter) {
        if (!(krylovAfter >= 0)) {
            throw new IllegalArgumentException("krylovAfter must be at least 0, got " + krylovAfter);
        }
        return new ModifiedPolicyIterationSolver(Mode.ADAPTIVE, requireAtLeastOne(maxSweeps, "maxSweeps"),
                requireEvaluator(evaluator), requireLooseness(looseness), requireRatio(ratio), krylovAfter);
    }

    private static int requireAtLeastOne(int value, String what) {
        if (value < 1) {
            throw new IllegalArgumentException(what + " must be at least 1, got " + value);
        }
        return value;
    }

    private static PolicyEvaluator requireEvaluator(PolicyEvaluator evaluator) {
        if (evaluator == null) {
            throw new IllegalArgumentException("evaluator must not be null");
        }
        return evaluator;
    }

    private static double requireLooseness(double looseness) {
        if (!(looseness > 0 && looseness <= 1)) {
            throw new IllegalArgumentException("looseness must be in (0, 1], got " + looseness);
        }
        return looseness;
    }

    private static double requireRatio(double ratio) {
        if (!(ratio > 0 && ratio < 1)) {
            throw new IllegalArgumentException("ratio must be in (0, 1), got " + ratio);
        }
        return ratio;
    }

    /**
     * {@code mpi}, or with the settings that differ from the default configuration
     * ({@link VariantName}): {@code mpi[sweeps=M]} for partial evaluation by M sweeps,
     * {@code mpi[ratio=θ,maxSweeps=M,krylovAfter=W,...]} for other adaptive settings (sweeps only:
     * {@code krylovAfter=Infinity}), {@code mpi[eval=krylov,...]} for Krylov evaluations at every
     * step, each followed by the evaluator's settings {@code krylov=K,precond=P,maxit=N,restart=R}
     * and {@code looseness=θ} where they differ (as for {@link PolicyIterationSolver#name()}).
     */
    @Override
    public String name() {
        if (mode == Mode.SWEEPS) {
            return VariantName.of(NAME).with("sweeps", sweeps).toString();
        }
        VariantName name = VariantName.of(NAME);
        if (mode == Mode.KRYLOV) {
            name = name.with("eval", "krylov");
        } else {
            name = name.with(ratio != DEFAULT_RATIO, "ratio", ratio)
                    .with(sweeps != DEFAULT_MAX_SWEEPS, "maxSweeps", sweeps)
                    .with(krylovAfter != DEFAULT_KRYLOV_AFTER, "krylovAfter", krylovAfter);
            if (evaluator == null) {
                return name.toString();
            }
        }
        return PolicyIterationSolver.evaluatorSettings(name, evaluator)
                .with(looseness != DEFAULT_LOOSENESS, "looseness", looseness).toString();
    }

    /** The partial-evaluation mode. */
    public Mode mode() {
        return mode;
    }

    @Override
    public Solution solve(Mdp mdp, SolverOptions options) {
        ValueIterationSolver.requireDiscounted(mdp, NAME);
        options.requireSequential(name());
        final long start = System.nanoTime();
        final long deadline = options.deadlineNanos(start);
        final double gamma = mdp.discount();
        final int n = mdp.numStates();
        final RoundingBounds rounding = RoundingBounds.of(mdp);
        final CertifiedStop stop = mode == Mode.ADAPTIVE
                ? new CertifiedStop(mdp, rounding, options.epsilon(), MEASURE_EVERY, Integer.MAX_VALUE)
                : new CertifiedStop(mdp, rounding, options.epsilon(), 1);
        final double fullSweep = mdp.numTransitions() + (double) n;
        // adaptive: switch on any strict improvement. The relative tie tolerance of policy iteration
        // (which keeps exact evaluations from cycling) let a policy worse by up to 1e-12·|Q| stay,
        // and that held span(δ) at 3e-10 > ε(1−γ) = 1e-10 on a 200 × 200 grid at γ = 0.9999 (measured)
        final double tie = mode == Mode.ADAPTIVE ? 0.0 : PolicyIterationSolver.TIE_TOLERANCE;
        final PolicyMatrix matrix = mode == Mode.ADAPTIVE ? new PolicyMatrix(mdp) : null;
        EvaluationWorkspace workspace = null;
        double[] v = new double[n];
        double[] tv = new double[n];
        double[] work = new double[n];
        int[] greedy = new int[n];
        int[] current = new int[n];
        java.util.Arrays.fill(current, -1);
        double[] range = new double[2];
        long iteration = 0;
        double sweepWork = 0; // in full Bellman sweeps, adaptive mode
        boolean krylov = mode == Mode.KRYLOV;
        boolean krylovFailed = false;
        boolean matrixStale = true;
        boolean evaluationsBySweepsOnly = evaluator == null;
        boolean cancelled = false;
        double[] beforeKrylov = null; // adaptive mode: T v of the step before the first Krylov evaluation
        double bestKrylovSpan = Double.POSITIVE_INFINITY;
        Status status;
        while (true) {
            matrixStale |= PolicyImprovement.improve(mdp, v, tv, greedy, current, range, tie, 0.0) > 0;
            iteration++;
            sweepWork++;
            double span = range[1] - range[0];
            if (beforeKrylov != null && krylov) {
                bestKrylovSpan = Math.min(bestKrylovSpan, span);
                if (!(span <= KRYLOV_GROWTH * bestKrylovSpan)) {
                    // the loose Krylov solves are making things worse (ill-conditioned evaluations,
                    // γ near 1; measured: a 200 × 200 grid at γ = 0.9999 diverged to 1e150): back
                    // to the values before the first of them, and sweeps for the rest of the run
                    v = beforeKrylov;
                    krylov = false;
                    evaluationsBySweepsOnly = true;
                    continue;
                }
            }
            status = CertifiedStop.preferLimits(stop.afterCheck(v, tv, range), options, iteration, deadline);
            if (status == null && cancelled) {
                status = Status.CANCELLED; // told during the evaluation: this step only certifies
            }
            if (status != null) {
                break;
            }
            double residual = Math.max(Math.abs(range[0]), Math.abs(range[1]));
            status = RunLimits.reached(options, iteration, residual,
                    stop.progressBound(gamma * span / (2 * (1 - gamma))), deadline);
            if (status != null) {
                break;
            }
            if (krylov && !krylovFailed) {
                if (workspace == null) {
                    workspace = evaluator.workspace(mdp);
                    workspace.deadline(deadline);
                }
                double tolerance = Math.max(Math.max(0.1 * options.epsilon(), looseness * span / (1 - gamma)),
                        PolicyIterationSolver.PRECISION * Math.max(1.0, PolicyIterationSolver.maxAbs(tv)) / (1 - gamma));
                if (mode == Mode.ADAPTIVE && beforeKrylov == null) {
                    beforeKrylov = tv.clone(); // once per run
                    bestKrylovSpan = span;
                }
                PolicyValues pv = workspace.evaluate(DeterministicPolicy.of(mdp, current), tv, tolerance);
                v = pv.values();
                // a Krylov solve that stalls (near the precision of doubles) is slower than sweeps
                krylovFailed = pv.status() == Status.MAX_ITERATIONS;
            } else if (mode == Mode.ADAPTIVE) {
                if (matrixStale) {
                    matrix.build(current);
                    matrixStale = false;
                }
                System.arraycopy(tv, 0, v, 0, n);
                double target = Math.max(ratio * span, 0.25 * options.epsilon() * (1 - gamma));
                double[][] pair = {v, work};
                // no evaluation longer than the run so far (at least FIRST_SWEEPS): deep evaluations of
                // the first, poor policies cost more than they help (measured: the first greedy policy
                // of a 200 × 200 grid at γ = 0.9999 never reaches the goal; evaluated to θ it took
                // 23,000 sweeps and left values 20 times too low, which sweeps take 10⁵ more to undo)
                long cap = Math.min(Math.min(sweeps, Math.max(FIRST_SWEEPS, iteration)),
                        options.maxIterations() - iteration - 1);
                long k = evaluateAdaptively(matrix, pair, target, (int) cap, options, iteration, deadline, range);
                cancelled = k < 0;
                k = Math.abs(k);
                v = pair[0];
                work = pair[1];
                iteration += k;
                sweepWork += k * ((matrix.transitions() + (double) n) / fullSweep);
                krylov = !evaluationsBySweepsOnly && sweepWork > krylovAfter;
            } else {
                int m = mode == Mode.SWEEPS ? sweeps : DEFAULT_SWEEPS;
                System.arraycopy(tv, 0, v, 0, n);
                for (int k = 1; k < m && System.nanoTime() - deadline <= 0; k++) {
                    BellmanKernel.policySweep(mdp, current, v, work);
                    double[] swap = v;
                    v = work;
                    work = swap;
                }
            }
        }
        return SpanBounds.finish(mdp, rounding, name(), status, v, tv, greedy, iteration, start);
    }

    /**
     * Sweeps of T<sub>π</sub> from {@code pair[0]} (using {@code pair[1]} as the other buffer)
     * until the span of the change is at most {@code target}, neither the sup norm nor the span of
     * the change has reached a new minimum for {@value #STALL_SWEEPS} sweeps (in exact arithmetic the
     * sup norm shrinks by γ per sweep: rounding noise; one sweep without progress is not enough
     * evidence when γ is near 1, where the decrease per sweep is below the noise), {@code maxSweeps}
     * sweeps, the deadline, an interrupt or a cancellation by the listener, which is told of every
     * sweep (residual: the sup norm of its change; bound: NaN, an evaluation sweep certifies
     * nothing). The result is left in {@code pair[0]}.
     *
     * @param done iterations before the first sweep
     * @return the number of sweeps made, negated if the listener cancelled the run
     */
    private static long evaluateAdaptively(PolicyMatrix matrix, double[][] pair, double target, int maxSweeps,
                                           SolverOptions options, long done, long deadline, double[] range) {
        final ProgressListener listener = options.listener();
        double[] v = pair[0];
        double[] out = pair[1];
        double leastChange = Double.POSITIVE_INFINITY;
        double leastSpan = Double.POSITIVE_INFINITY;
        int stalled = 0;
        long k = 0;
        boolean cancelled = false;
        while (k < maxSweeps) {
            matrix.sweep(v, out, range);
            k++;
            double[] swap = v;
            v = out;
            out = swap;
            double change = Math.max(Math.abs(range[0]), Math.abs(range[1]));
            double span = range[1] - range[0];
            if (change < leastChange || span < leastSpan) {
                stalled = 0;
            } else {
                stalled++;
            }
            leastChange = Math.min(leastChange, change);
            leastSpan = Math.min(leastSpan, span);
            cancelled = !listener.onIteration(done + k, change, Double.NaN);
            if (cancelled || !(span > target) || stalled >= STALL_SWEEPS
                    || System.nanoTime() - deadline > 0 || Thread.currentThread().isInterrupted()) {
                break;
            }
        }
        pair[0] = v;
        pair[1] = out;
        return cancelled ? -k : k;
    }
}
