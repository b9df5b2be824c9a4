package org.sparsemdp.solve.undiscounted;

import org.sparsemdp.graph.StronglyConnectedComponents;
import org.sparsemdp.result.Status;
import org.sparsemdp.solve.SolverOptions;

/**
 * Topological interval iteration: {@link IntervalIteration} run one strongly connected
 * component (SCC) of a {@link ReducedSystem} at a time, in reverse topological order, so that
 * every bound a component reads outside itself is already final (Dai, Mausam, Weld &amp;
 * Goldsmith, "Topological value iteration algorithms", JAIR 42, 2011; for interval iteration
 * as in Storm's topological solvers: Hensel, Junges, Katoen, Quatmann, Volk, "The probabilistic
 * model checker Storm", STTT 24, 2022, §6).
 *
 * <p><b>Trivial components</b> (one state) are solved in one step from the final bounds of
 * their successors: l(q) = opt<sub>c</sub> (b<sub>c</sub> + Σ<sub>t≠q</sub> p<sub>c,t</sub>
 * l(t)) / (1 − p<sub>c,q</sub>) and likewise u(q) from u (a choice that stays at q with
 * probability 1 has value +∞ when its constant is positive and is skipped otherwise; for the
 * systems {@link Reachability} builds this happens only for positive-reward self-loops under
 * min). Both are the exact fixed points of the one-state system for the given outside bounds,
 * and monotone in them, so l ≤ x* ≤ u is kept.
 *
 * <p><b>Larger components</b> are iterated by {@link IntervalIteration} restricted to their
 * states. Their bounds converge to the fixed points for the outside lower and upper bounds,
 * whose gap is at most d<sub>C</sub>, the largest (normalised) gap among the outside states
 * the component reads (the component's choices mix those gaps with weights summing to at most
 * 1). A component therefore stops when each of its states meets the stopping rule of
 * {@link IntervalIteration} with ε<sub>C</sub> = (ε + d<sub>C</sub>)/2, which it reaches in
 * finite time when d<sub>C</sub> &lt; ε; by induction every component ends below ε.
 *
 * <p><b>Upper bounds.</b> No global a-priori upper bound is needed: where the caller's is +∞,
 * one-state components get a finite one from their successors, and larger components a bound of
 * their own ({@link StepBoundedUpperBound} on the component with the outside bounds folded in).
 * So a long chain of self-loops (Rmax of a huge expected time) is solved exactly in one pass.
 *
 * <p>The iteration cap, time limit and listener count and see sweeps of all components
 * together; when one stops the run, the components not yet solved keep their initial bounds,
 * so the result is still a valid (wide) interval.
 */
final class TopologicalIntervalIteration {
    private TopologicalIntervalIteration() {
    }

    /** Improves {@code lower} and {@code upper} in place, component by component. */
    static IntervalIteration.Result run(ReducedSystem sys, boolean maximize, double[] lower, double[] upper,
                                        SolverOptions options, boolean relative, long startNanos) {
        StronglyConnectedComponents scc = StronglyConnectedComponents.of(sys.numStates, sys.choiceStart,
                sys.transStart, sys.successor);
        int[] order = scc.orderArray();
        int[] component = scc.componentArray();
        double eps = options.epsilon();
        double rel = IntervalSweeps.relativeError(sys.maxTerms);
        long sweeps = 0;
        double gap = 0;
        int[] local = null;
        for (int c = 0; c < scc.count(); c++) {
            int from = scc.start(c);
            int to = scc.end(c);
            if (to - from == 1) {
                int q = order[from];
                if (!(upper[q] == 0.0 && lower[q] == 0.0)) { // not fixed at 0 by ZeroValues
                    lower[q] = Math.max(lower[q], singleton(sys, q, lower, maximize, -rel));
                    upper[q] = Math.min(upper[q], singleton(sys, q, upper, maximize, rel));
                }
                gap = Math.max(gap, upper[q] - lower[q]);
                continue;
            }
            if (local == null) {
                local = new int[sys.numStates];
            }
            localUpper(sys, maximize, lower, upper, order, from, to, rel, local, options, startNanos);
            double outside = 0;
            for (int i = from; i < to; i++) {
                int q = order[i];
                for (int k = sys.transStart[sys.choiceStart[q]]; k < sys.transStart[sys.choiceStart[q + 1]]; k++) {
                    int t = sys.successor[k];
                    if (component[t] != c) {
                        outside = Math.max(outside, IntervalIteration.normalizedGap(lower[t], upper[t], relative));
                    }
                }
            }
            IntervalIteration.Result r = IntervalIteration.run(sys, maximize, lower, upper, order, from, to,
                    (eps + Math.min(outside, eps)) / 2, relative, options, sweeps, startNanos);
            sweeps = r.iterations;
            gap = Math.max(gap, r.gap);
            if (r.status != Status.CONVERGED) {
                return new IntervalIteration.Result(r.status, sweeps, Double.POSITIVE_INFINITY);
            }
        }
        return new IntervalIteration.Result(Status.CONVERGED, sweeps, gap);
    }

    /**
     * Where a state of the component {@code order[from..to-1]} has no finite upper bound yet
     * (the caller passed +∞: no global a-priori bound), the bound of
     * {@link StepBoundedUpperBound} for the component alone, the outside states' final upper
     * bounds folded into its constants ({@link ReducedSystem#restrict}); for min over the
     * component's attractor policy ({@link Reachability#attractor}). A global a-priori bound
     * would need as many sweeps as the slowest part of the model takes to be left (on a long
     * chain of self-loops, the expected time to its end); per component it costs only that
     * component's own.
     */
    private static void localUpper(ReducedSystem sys, boolean maximize, double[] lower, double[] upper, int[] order,
                                   int from, int to, double rel, int[] local, SolverOptions options, long startNanos) {
        boolean unbounded = false;
        for (int i = from; i < to && !unbounded; i++) {
            unbounded = upper[order[i]] == Double.POSITIVE_INFINITY;
        }
        if (!unbounded) {
            return;
        }
        ReducedSystem sub = sys.restrict(order, from, to, upper, rel, local);
        double[] b = StepBoundedUpperBound.compute(sub, maximize ? null : Reachability.attractor(sub),
                Math.max(options.maxIterations(), 1), options.deadlineNanos(startNanos));
        for (int i = from; i < to; i++) {
            int q = order[i];
            upper[q] = Math.min(upper[q], b[i - from]);
        }
    }

    /**
     * The one-state fixed point of reduced state q for the successor bounds x, rounded outward:
     * down for {@code rel} &lt; 0 (a lower bound), up for {@code rel} &gt; 0. The numerator and
     * the staying probability are sums of non-negative terms with relative error at most |rel|
     * ({@link IntervalSweeps}); the denominator 1 − self is taken from the rounded-outward self
     * probability and every further operation rounds by one ulp outward, except that a single
     * self-loop probability of at least 1/2 is exact and so is 1 − self (Sterbenz's lemma).
     */
    private static double singleton(ReducedSystem sys, int q, double[] x, boolean maximize, double rel) {
        boolean up = rel > 0;
        double best = maximize ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY;
        for (int c = sys.choiceStart[q]; c < sys.choiceStart[q + 1]; c++) {
            double self = 0;
            int selfTerms = 0;
            double rest = sys.constant[c];
            for (int k = sys.transStart[c]; k < sys.transStart[c + 1]; k++) {
                int t = sys.successor[k];
                if (t == q) {
                    self += sys.probability[k];
                    selfTerms++;
                } else {
                    rest += sys.probability[k] * x[t];
                }
            }
            double v;
            if (self < 1) {
                double r = rest + rest * rel; // outward: up for an upper bound, down for a lower one
                // upper bound: self rounded up (smaller denominator); lower bound: self rounded down
                double d;
                if (selfTerms == 1 && self >= 0.5) {
                    // one stored probability, no sum: 1 − self is exact (Sterbenz), no rounding to
                    // widen (on a chain of 10^6 self-loops of 0.999 the widening added up to 2e-6)
                    d = 1.0 - self;
                } else {
                    double s = Math.min(1.0, self + self * rel);
                    d = up ? Math.nextDown(1.0 - Math.nextUp(s)) : Math.nextUp(1.0 - Math.nextDown(s));
                }
                v = d <= 0 ? (up ? Double.POSITIVE_INFINITY : 0.0) : (up ? Math.nextUp(r / d) : Math.nextDown(r / d));
            } else if (rest > 0) {
                v = Double.POSITIVE_INFINITY;
            } else {
                continue;
            }
            best = maximize ? Math.max(best, v) : Math.min(best, v);
        }
        return best;
    }
}
