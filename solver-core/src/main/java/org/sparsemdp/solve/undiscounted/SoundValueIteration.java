package org.sparsemdp.solve.undiscounted;

import org.sparsemdp.result.Status;
import org.sparsemdp.solve.SolverOptions;

/**
 * Sound value iteration (Quatmann &amp; Katoen, "Sound value iteration", CAV 2018) on a
 * {@link ReducedSystem} whose Bellman operator T has a unique fixed point x* (guaranteed by the
 * graph precomputation and end-component merging of {@link Reachability}). Needs no a-priori
 * bound.
 *
 * <p><b>Algorithm.</b> Each state q carries two pairs (x, y), both initially (0, 1): x is a value
 * collected within the steps done so far and y a probability of still being among the iterated
 * states. Sweeps (Gauss–Seidel, in place, alternately forwards and backwards; the states of
 * value 0, found by {@link ZeroValues}, carry (0, 0) and are not swept) update, with
 * x<sub>a</sub> = b<sub>a</sub> + Σ p<sub>a,t</sub> x(t) and y<sub>a</sub> = Σ p<sub>a,t</sub> y(t)
 * for each choice a of q:
 * <ul>
 *   <li>the <em>policy pair</em> to (x<sub>a</sub>, y<sub>a</sub>) of one choice a (the best for the
 *       current scalar bound); it bounds x* from the side where any policy's value does (below for
 *       max, above for min): for max, x*(q) ≥ x(q) + y(q)·V for every V ≤ min x*, by induction over
 *       the updates (the paper's Lemma 3 for Markov chains, applied to the chain the picked choices
 *       induce);</li>
 *   <li>the <em>optimising pair</em> to (opt<sub>a</sub> x<sub>a</sub>, opt<sub>a</sub> y<sub>a</sub>),
 *       best x and best y taken separately (max for max, min for min); since
 *       max<sub>a</sub>(x<sub>a</sub> + y<sub>a</sub>V) ≤ max<sub>a</sub> x<sub>a</sub> +
 *       max<sub>a</sub> y<sub>a</sub>·V for V ≥ 0, the same induction gives x*(q) ≤ x(q) + y(q)·V
 *       for every V ≥ max x* (max; ≥ with min and V ≤ min x* for min). x tends to T<sup>k</sup>0 →
 *       x* and y to the largest (smallest) probability of staying k steps, which tends to 0 in a
 *       reduced system where every policy considered leaves.</li>
 * </ul>
 * This bounds each side for <em>all</em> terminal values beyond the scalar bound, so it needs
 * neither the paper's decision value (§4) nor its restriction of the upper bound: with rounded y
 * the decision value is the crossing point of two choices whose y differ by an ulp, which on a
 * model with uniform exit rates (a discounted model with a stop state) was 10<sup>15</sup> and
 * blocked the bound; the price is that y on the optimising side decays like the slowest
 * policy's staying probability rather than the optimal one's.
 *
 * <p><b>Scalar bounds</b> (the paper's Theorem 1). If every y of a side is below 1, then at the
 * state q* where x* is smallest, x*(q*) ≥ x(q*) + y(q*)·x*(q*) gives L = min<sub>q</sub>
 * x(q)/(1 − y(q)) ≤ min x* (lower side), and likewise U = max<sub>q</sub> x(q)/(1 − y(q)) ≥ max
 * x* (upper side); each is kept if it improves the previous one. The per-state bounds are then
 * l(q) = x<sub>l</sub>(q) + y<sub>l</sub>(q)·L and u(q) = x<sub>u</sub>(q) + y<sub>u</sub>(q)·U,
 * and their gap shrinks like y, the probability of not having left after the steps done.
 *
 * <p><b>Floating point.</b> The pairs of the upper side are rounded up and those of the lower side
 * down after every update, by the relative error of {@link IntervalSweeps#relativeError}, so the
 * inductions hold for the computed numbers; every scalar operation of the bounds rounds one ulp
 * outward ({@link Math#nextUp}, {@link Math#nextDown}).
 *
 * <p><b>Stopping rule.</b> That of {@link IntervalIteration}: after a sweep, every iterated
 * state has u − l ≤ ε, or ≤ ε·l in relative mode, for its bounds l and u (the tightest seen, kept
 * in {@code lower} and {@code upper}). The iteration cap, time limit, an interrupt and listener
 * cancellation stop the run with the best certified interval so far.
 */
final class SoundValueIteration {
    private SoundValueIteration() {
    }

    /**
     * Improves {@code lower} and {@code upper} in place on all reduced states; the states of value
     * 0 ({@link ZeroValues}) are fixed at 0 and never iterated.
     *
     * @param upper a valid upper bound (+∞ where none is known)
     */
    static IntervalIteration.Result run(ReducedSystem sys, boolean maximize, double[] lower, double[] upper,
                                        SolverOptions options, boolean relative, long startNanos) {
        int[] order = IntervalIteration.fixZeros(sys, maximize, lower, upper);
        final int to = order.length;
        final long deadline = options.deadlineNanos(startNanos);
        final double rel = IntervalSweeps.relativeError(sys.maxTerms);
        final double eps = options.epsilon();
        if (IntervalIteration.converged(lower, upper, order, 0, to, eps, relative)) {
            return new IntervalIteration.Result(Status.CONVERGED, 0, IntervalIteration.maxGap(lower, upper, order, 0, to));
        }
        double lb = Double.POSITIVE_INFINITY; // all constants are non-negative, so is x*
        double ub = 0.0;
        for (int q : order) {
            lb = Math.min(lb, lower[q]);
            ub = Math.max(ub, upper[q]);
        }
        lb = Math.max(0.0, lb);
        double[] low = new double[2 * sys.numStates]; // the states of value 0: (0, 0)
        double[] high = new double[2 * sys.numStates];
        for (int q : order) {
            low[2 * q + 1] = 1.0;
            high[2 * q + 1] = 1.0;
        }
        long iteration = 0;
        while (true) {
            Status stop = IntervalIteration.limit(options, iteration, deadline);
            if (stop != null) {
                return new IntervalIteration.Result(stop, iteration, IntervalIteration.maxGap(lower, upper, order, 0, to));
            }
            IntervalSweeps.sound(sys, maximize, low, high, order, 0, to, (iteration & 1) == 0, rel, maximize ? lb : ub);
            iteration++;
            lb = Math.max(lb, lowerScalar(low, order));
            ub = Math.min(ub, upperScalar(high, order));
            int failing = IntervalSweeps.soundBounds(low, high, lower, upper, order, 0, to, lb, ub, eps, relative);
            double gap = IntervalIteration.maxGap(lower, upper, order, 0, to);
            if (failing == 0) {
                return new IntervalIteration.Result(Status.CONVERGED, iteration, gap);
            }
            if (!options.listener().onIteration(iteration, gap, gap / 2)) {
                return new IntervalIteration.Result(Status.CANCELLED, iteration, gap);
            }
        }
    }

    /** min x/(1 − y) over the lower pairs, rounded down; 0 while some y is not below 1. */
    static double lowerScalar(double[] low, int[] order) {
        double lo = Double.POSITIVE_INFINITY;
        for (int q : order) {
            double y = low[2 * q + 1];
            if (!(y < 1.0)) {
                return 0.0;
            }
            lo = Math.min(lo, Math.nextDown(low[2 * q] / Math.nextUp(1.0 - y)));
        }
        return lo == Double.POSITIVE_INFINITY ? 0.0 : lo;
    }

    /** max x/(1 − y) over the upper pairs, rounded up; +∞ while some 1 − y is not positive. */
    static double upperScalar(double[] high, int[] order) {
        double hi = 0.0;
        for (int q : order) {
            double d = Math.nextDown(1.0 - high[2 * q + 1]);
            if (!(d > 0)) {
                return Double.POSITIVE_INFINITY;
            }
            hi = Math.max(hi, Math.nextUp(high[2 * q] / d));
        }
        return hi;
    }
}
