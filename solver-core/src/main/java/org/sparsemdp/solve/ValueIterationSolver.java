package org.sparsemdp.solve;

import org.sparsemdp.result.Solution;
import org.sparsemdp.model.Mdp;
import org.sparsemdp.result.Status;

/**
 * Jacobi value iteration for discounted MDPs (0 &lt; γ &lt; 1) with the MacQueen/Porteus span
 * bounds.
 *
 * <p><b>Algorithm.</b> Starting from v<sub>0</sub> = 0, v<sub>n+1</sub> = T v<sub>n</sub>, where
 * (T v)(s) = opt<sub>a</sub> [ r(s,a) + γ Σ<sub>s'</sub> p(s'|s,a) v(s') ] (opt = min or max per
 * the model's objective); terminal states keep value 0.
 *
 * <p><b>Bounds.</b> With δ = v<sub>n+1</sub> − v<sub>n</sub>, the MacQueen–Porteus bounds
 * (Puterman 1994, <i>Markov Decision Processes</i>, §6.6.3, Theorem 6.6.3) give, in every state,
 * <pre>
 *   v_{n+1}(s) + γ/(1−γ) · min δ  ≤  v*(s)  ≤  v_{n+1}(s) + γ/(1−γ) · max δ .
 * </pre>
 * The reported values are the midpoints of these intervals (terminal states stay 0), so the
 * certified error bound is γ · span(δ) / (2(1−γ)), with span(δ) = max δ − min δ. The policy is
 * greedy for v<sub>n</sub> (the last iterate before the final one); its values v<sup>π</sup>
 * lie in [v<sub>n</sub> + min δ/(1−γ), v<sub>n</sub> + max δ/(1−γ)], which gives
 * |v<sup>π</sup> − v*| ≤ span(δ)/(1−γ), reported as {@link Solution#policyBound()}.
 *
 * <p><b>Stopping rule.</b> Stop as soon as span(δ) ≤ ε(1−γ): then the greedy policy is
 * ε-optimal and the values are within εγ/2 of v*. The bound is valid at every iteration, so a run
 * stopped by the iteration cap, the time limit or the listener also reports a true bound.
 *
 * <p><b>Floating point.</b> The bounds and the stopping rule include the rounding error of the
 * sweep and of the bounds themselves ({@link RoundingBounds}, {@link CertifiedStop}); where that
 * error keeps the bound above ε the run stops with {@link Status#PRECISION_LIMIT}. States of value
 * exactly 0 (terminal, or zero reward forever) are reported as 0.
 *
 * <p>With {@link SolverOptions#threads()} &gt; 1 the sweep runs in parallel
 * ({@link ParallelValueIterationSolver}); the results are the same bit for bit, since every
 * state's backup reads only the previous iterate. An interrupt of the calling thread stops the
 * run with {@link Status#CANCELLED}.
 *
 * <p>Memory: two value vectors and the policy (20 bytes per state); no allocation per sweep.
 * Undiscounted models (γ = 1) are rejected: they need the graph analysis of the undiscounted
 * solvers.
 */
public final class ValueIterationSolver implements Solver {
    /** Name on the command line. */
    public static final String NAME = "vi";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public boolean usesThreads() {
        return true;
    }

    @Override
    public Solution solve(Mdp mdp, SolverOptions options) {
        if (options.threads() > 1) {
            return new ParallelValueIterationSolver().solve(mdp, options);
        }
        requireDiscounted(mdp, NAME);
        final int n = mdp.numStates();
        return iterate(mdp, options, NAME,
                (v, out, policy, range) -> BellmanKernel.jacobiSweep(mdp, v, out, policy, 0, n, range));
    }

    /**
     * The value-iteration loop and its stopping rule (see the class comment) around one Jacobi
     * sweep, sequential or parallel. Also stops with {@link Status#CANCELLED} when the calling
     * thread is interrupted.
     */
    static Solution iterate(Mdp mdp, SolverOptions options, String name, JacobiStep step) {
        return iterate(mdp.discount(), mdp.numStates(), RoundingBounds.of(mdp), null, options, name, step);
    }

    /**
     * {@link #iterate(Mdp, SolverOptions, String, JacobiStep)} for a model given by its discount,
     * state count and error model; {@code storage} (null for the exact model) adds the error of a
     * compact model's rounded probabilities to the stopping rule and the bounds.
     */
    static Solution iterate(double gamma, int n, RoundingBounds rounding, StoragePerturbation storage,
                            SolverOptions options, String name, JacobiStep step) {
        final long start = System.nanoTime();
        final long deadline = options.deadlineNanos(start);
        final CertifiedStop stop = new CertifiedStop(gamma, rounding, options.epsilon(), 16, storage);
        double[] v = new double[n];
        double[] next = new double[n];
        int[] policy = new int[n];
        double[] range = new double[2];
        final IterateListener iterates = options.iterateListener();
        long iteration = 0;
        Status status;
        while (true) {
            step.sweep(v, next, policy, range);
            iteration++;
            double span = range[1] - range[0];
            double[] swap = v;
            v = next;
            next = swap;
            if (iterates != null) {
                iterates.onIterate(iteration, v, gamma / (1 - gamma) * range[0], gamma / (1 - gamma) * range[1]);
            }
            status = CertifiedStop.preferLimits(stop.afterCheck(next, v, range), options, iteration, deadline);
            if (status != null) {
                break;
            }
            double bound = gamma * span / (2 * (1 - gamma));
            double residual = Math.max(Math.abs(range[0]), Math.abs(range[1]));
            status = RunLimits.reached(options, iteration, residual, stop.progressBound(bound), deadline);
            if (status != null) {
                break;
            }
        }
        return SpanBounds.finish(rounding, storage, name, status, next, v, policy, iteration, start);
    }

    /** Rejects γ = 1 with a message that says what to do instead. */
    static void requireDiscounted(Mdp mdp, String method) {
        if (!mdp.isDiscounted()) {
            throw new IllegalArgumentException("method '" + method + "' needs a discount factor below 1, but the model"
                    + " has discount 1 (total reward until termination); give a discount < 1 (e.g. --discount 0.99)"
                    + " or use a method for undiscounted models");
        }
    }
}
