package org.sparsemdp.solve.undiscounted;

import java.util.Arrays;
import org.sparsemdp.result.Status;
import org.sparsemdp.solve.SolverOptions;

/**
 * Optimistic value iteration (Hartmanns &amp; Kaminski, "Optimistic value iteration", CAV 2020,
 * Algorithm 2) on a {@link ReducedSystem} whose Bellman operator T has a unique fixed point x*
 * that T<sup>k</sup>u approaches from every finite u (guaranteed by the graph precomputation and
 * end-component merging of {@link Reachability}). Needs no a-priori upper bound.
 *
 * <p><b>Iteration phase.</b> Gauss–Seidel sweeps of the lower vector alone
 * ({@link IntervalSweeps#lower}: one vector, one accumulator per choice, alternately forwards and
 * backwards), l(q) ← max(l(q), ↓(Tl)(q)), until the largest change of a sweep is at most
 * ε<sub>vi</sub> (relative to l in relative mode) and no iterated state is still at 0 (every
 * iterated state has a positive value: {@link ZeroValues} fixed the others). l stays below x*
 * throughout, as in interval iteration.
 *
 * <p><b>Verification phase.</b> Guess u = l + ε·(1 − 2<sup>−20</sup>) (absolute) or
 * u = l·(1 + ε·(1 − 2<sup>−20</sup>)) (relative) and sweep both vectors in place
 * ({@link IntervalSweeps#verify}): u(q) ← min(u(q), ↑(Tu)(q)), counting the states where
 * ↑(Tu)(q) &gt; u(q). If a whole sweep finds none, the swept u satisfies Tu ≤ u exactly (each
 * u(q) was set to at least the exact image of a vector that is pointwise above the final one,
 * and T is monotone), so x* = lim T<sup>k</sup>u ≤ u: the guess is <em>certified</em>, and with
 * l ≤ x* the interval [l, u] is a proof. If l crosses u somewhere, or the verification has run
 * as many sweeps as the preceding iteration phase (at least {@link #MIN_VERIFICATION_SWEEPS})
 * and its last sweep did not lower the number of states with ↑(Tu)(q) &gt; u(q), the guess is
 * dropped, ε<sub>vi</sub> is halved and the iteration phase resumes from the
 * current l (never wasted: the lower vector kept improving). ε<sub>vi</sub> starts at ε.
 *
 * <p><b>Fall-back.</b> Where the gap that the guess must leave is below what outward rounding
 * can resolve (a state whose choices never exit has Tu − u = Tl − l exactly, and the decrease that
 * the exiting states pass back shrinks geometrically along a long walk: on a 1000-state random
 * walk with values near 4841 and absolute ε = 1e-6 no guess is ever certified), the run stops
 * guessing after {@link #MAX_GUESSES} failed guesses and finishes by interval iteration from its
 * lower vector and the a-priori bound of {@link StepBoundedUpperBound}.
 *
 * <p><b>Stopping rule.</b> That of {@link IntervalIteration} (u − l ≤ ε, or ≤ ε·l), met by a
 * certified guess since the gap only shrinks from the guess.
 *
 * <p><b>Why the verification may take several sweeps.</b> A state whose choices all stay among
 * the iterated states (no constant, no exit) has Tu = u exactly for a converged l and the guess
 * l + ε, and the upward rounding then reports ↑(Tu)(q) &gt; u(q); it passes once its successors
 * have been lowered, which the in-place sweeps carry back from the states that do exit (on
 * Storm's leader4 election model, Rmax at ε = 1e-9, 132 sweeps in all). As long as each sweep
 * lowers the number of such states, the verification goes on. Should rounding leave a state of a
 * certified guess just above the stopping rule, fused interval iteration sweeps finish from the certified bounds. The iteration cap
 * counts every sweep of both phases, and the cap, the time limit, an interrupt and listener
 * cancellation stop the run with the best certified interval so far (the upper bound of the
 * caller, +∞ if there was none, until a guess is certified).
 *
 * <p><b>Floating point.</b> The sweeps round outward like those of {@link IntervalSweeps}: the
 * lower vector stays below x*, and the check ↑(Tu)(q) ≤ u(q) uses an upward-rounded image, so
 * exact Tu ≤ u holds for the computed vector.
 */
final class OptimisticValueIteration {
    /** Fewest verification sweeps before a guess that has not been certified is dropped. */
    static final int MIN_VERIFICATION_SWEEPS = 4;
    /** The guess is ε shrunk by this factor, so that rounding the gap cannot fail the stopping rule. */
    private static final double GUESS_FACTOR = 1.0 - 0x1p-20;

    /** Guesses that may fail before the run falls back to interval iteration. */
    static final int MAX_GUESSES = 8;

    private OptimisticValueIteration() {
    }

    /**
     * Interval iteration from the current lower vector, with the a-priori upper bound of
     * {@link StepBoundedUpperBound} where the caller gave none (for min over the attractor
     * policy of {@link Reachability#attractor}, as {@link Reachability} does).
     */
    static IntervalIteration.Result fallBack(ReducedSystem sys, boolean maximize, double[] lower,
                                                     double[] upper, int[] order, SolverOptions options,
                                                     boolean relative, long iteration, long startNanos) {
        boolean unbounded = false;
        for (int q : order) {
            unbounded |= upper[q] == Double.POSITIVE_INFINITY;
        }
        if (unbounded) {
            double[] b = StepBoundedUpperBound.compute(sys, maximize ? null : Reachability.attractor(sys),
                    Math.max(options.maxIterations() - iteration, 1), options.deadlineNanos(startNanos));
            for (int q : order) {
                upper[q] = Math.min(upper[q], b[q]);
            }
        }
        return IntervalIteration.run(sys, maximize, lower, upper, order, 0, order.length, options.epsilon(), relative,
                options, iteration, startNanos);
    }

    /**
     * Improves {@code lower} and {@code upper} in place on all reduced states; the states of value
     * 0 ({@link ZeroValues}) are fixed at 0 and never iterated.
     *
     * @param upper a valid upper bound (+∞ where none is known); replaced by the certified guess
     */
    static IntervalIteration.Result run(ReducedSystem sys, boolean maximize, double[] lower, double[] upper,
                                        SolverOptions options, boolean relative, long startNanos) {
        int[] order = IntervalIteration.fixZeros(sys, maximize, lower, upper);
        final int to = order.length;
        final long deadline = options.deadlineNanos(startNanos);
        final double rel = IntervalSweeps.relativeError(sys.maxTerms);
        final double eps = options.epsilon();
        double[] guess = new double[sys.numStates];
        long iteration = 0;
        double epsVi = eps;
        int failures = 0;
        if (IntervalIteration.converged(lower, upper, order, 0, to, eps, relative)) {
            return new IntervalIteration.Result(Status.CONVERGED, 0, IntervalIteration.maxGap(lower, upper, order, 0, to));
        }
        while (true) {
            // Iteration phase: lower vector only.
            long phaseStart = iteration;
            while (true) {
                Status stop = IntervalIteration.limit(options, iteration, deadline);
                if (stop != null) {
                    return new IntervalIteration.Result(stop, iteration,
                            IntervalIteration.maxGap(lower, upper, order, 0, to));
                }
                double change = IntervalSweeps.lower(sys, maximize, lower, order, 0, to,
                        ((iteration - phaseStart) & 1) == 0, rel, relative);
                iteration++;
                if (!options.listener().onIteration(iteration, change, Double.POSITIVE_INFINITY)) {
                    return new IntervalIteration.Result(Status.CANCELLED, iteration,
                            IntervalIteration.maxGap(lower, upper, order, 0, to));
                }
                if (change <= epsVi) {
                    break;
                }
            }
            long budget = Math.max(MIN_VERIFICATION_SWEEPS, iteration - phaseStart);
            // Verification phase: guess an upper bound and check that T maps it below itself.
            double g = eps * GUESS_FACTOR;
            Arrays.fill(guess, 0.0); // the states of value 0 keep 0
            for (int q : order) {
                double l = lower[q];
                guess[q] = Math.min(upper[q], relative ? l + l * g : l + g);
            }
            int lastRising = Integer.MAX_VALUE;
            for (long v = 0; ; v++) {
                Status stop = IntervalIteration.limit(options, iteration, deadline);
                if (stop != null) {
                    return new IntervalIteration.Result(stop, iteration,
                            IntervalIteration.maxGap(lower, upper, order, 0, to));
                }
                int rising = IntervalSweeps.verify(sys, maximize, lower, guess, order, 0, to, (v & 1) == 0, rel);
                iteration++;
                if (rising == 0) {
                    for (int q : order) {
                        upper[q] = Math.min(upper[q], guess[q]);
                    }
                    IntervalIteration.Result r = IntervalIteration.run(sys, maximize, lower, upper, order, 0, to, eps,
                            relative, options, iteration, startNanos);
                    return r;
                }
                if (rising < 0) {
                    break; // l crossed the guess: the guess was below x* somewhere
                }
                if (v + 1 >= budget && rising >= lastRising) {
                    break; // budget spent and no longer progressing
                }
                lastRising = rising;
                double gap = IntervalIteration.maxGap(lower, upper, order, 0, to);
                if (!options.listener().onIteration(iteration, gap, gap / 2)) {
                    return new IntervalIteration.Result(Status.CANCELLED, iteration, gap);
                }
            }
            epsVi /= 2;
            if (++failures >= MAX_GUESSES) {
                return fallBack(sys, maximize, lower, upper, order, options, relative, iteration, startNanos);
            }
        }
    }
}
