package org.sparsemdp.solve;

import org.sparsemdp.result.Solution;
import org.sparsemdp.graph.StronglyConnectedComponents;
import org.sparsemdp.model.Mdp;
import org.sparsemdp.model.Objective;
import org.sparsemdp.result.Accuracy;
import org.sparsemdp.result.Status;

/**
 * Topological value iteration: decomposes the state graph into strongly connected components
 * ({@link StronglyConnectedComponents}, iterative Tarjan) and solves them one at a time in
 * reverse topological order, so that every value a component reads outside itself is already
 * final (Dai, Mausam, Weld &amp; Goldsmith 2011, "Topological value iteration algorithms", JAIR
 * 42; Bertsekas 2012, <i>Dynamic Programming and Optimal Control</i> II, §2.2).
 *
 * <p><b>Per component.</b> A single state is solved exactly in one step: its subproblem is a
 * one-state MDP, whose optimal value is opt<sub>a</sub> (r(s,a) + γ Σ<sub>t≠s</sub> p(t|s,a)
 * v(t)) / (1 − γ p(s|s,a)). A larger component is iterated with the inner method (Gauss–Seidel
 * by default, or Jacobi) restricted to its states, the other values held fixed, converging to
 * the solution x̂ of the component's subproblem.
 *
 * <p><b>Error propagation and stopping rule.</b> If the values a component C reads outside
 * itself are within E<sub>out</sub> of v*, then its subproblem solution is within
 * γE<sub>out</sub> of v* on C (the subproblem operator is a γ-contraction in the outside values
 * too). The iteration of C is certified by Jacobi check sweeps restricted to C, scheduled by
 * {@link CheckSchedule}: from a check w = T x with change δ, Porteus-type bounds (see
 * {@link #lowerOffset}) give x̂ ∈ [w + lower, w + upper], so the values are set to the midpoint
 * w + (lower + upper)/2 with error e = (upper − lower)/2 ≤ γ/(1−γ)‖δ‖∞. After a failed check
 * the iteration continues from w, or, for a closed component (no mass leaves it, so T(x + c·1)
 * = T x + γc·1), from the midpoint, which removes the slowly decaying constant error mode
 * (shifting a component with exits could make the iteration diverge; and, as a safeguard, the
 * shifts stop for good at the first check whose e is not smaller than the previous one). The certified error of C is
 * E<sub>C</sub> = e + γE<sub>out</sub>, tracked per component, with E<sub>out</sub> the
 * largest E of the components C reads. With the value target η = ε·min(1, (1−γ)/(2γ)), C is
 * iterated until e ≤ η − γE<sub>out</sub>, which keeps every E<sub>C</sub> ≤ η (by induction,
 * since then η − γE<sub>out</sub> ≥ η(1−γ) &gt; 0). The reported error bound is
 * max<sub>C</sub> E<sub>C</sub> ≤ η ≤ ε; η is chosen so that the greedy policy below is
 * ε-optimal.
 *
 * <p><b>Policy.</b> Greedy for the final values (one last Jacobi pass). With ‖v − v*‖ ≤ E, the
 * greedy policy loses at most 2γE/(1−γ) (Singh &amp; Yee 1994, "An upper bound on the loss from
 * approximate optimal-value functions"), and at most span(δ)/(1−γ) with δ = T v − v
 * (Puterman 1994, Theorem 6.6.3); the smaller is reported (≤ 2γη/(1−γ) ≤ ε), and 0 when every
 * component is a single state.
 *
 * <p><b>Acyclic models.</b> When every component is a single state (finite-horizon models, for
 * example), one backward pass solves the model: the values and the policy are exact up to
 * rounding ({@link Accuracy#EXACT}), also for γ = 1. Models with γ = 1 and a cycle (including a
 * self-loop) are rejected: they need the undiscounted (stochastic shortest path) analysis.
 *
 * <p><b>Early stop.</b> {@link SolverOptions#maxIterations()} caps the number of component
 * sweeps; when the cap, the time limit, the listener (called after each component sweep, with
 * error bound NaN) or an interrupt stops the run, the values are finished with one global Jacobi
 * step and reported with its MacQueen–Porteus bounds, like {@link ValueIterationSolver}.
 * {@link Solution#iterations()} is the number of state backups divided by S, rounded up
 * (equivalent full sweeps, including the final pass).
 *
 * <p>Sequential and bit-for-bit reproducible: {@link SolverOptions#threads()} &gt; 1 is rejected
 * ({@link ThreadsRefusedException}). Memory beyond the model: 2 doubles and 3 ints per
 * state, 1 double and 1 int per component (6 ints per state during the decomposition).
 */
public final class TopologicalSolver implements Solver {
    /** Name on the command line. */
    public static final String NAME = "topological";

    /** The method iterating a component of more than one state. */
    public enum Inner {
        /** In-place updates in state order (the default). */
        GAUSS_SEIDEL,
        /** Jacobi updates. */
        JACOBI
    }

    private final Inner inner;

    /** Topological iteration with Gauss–Seidel inside components. */
    public TopologicalSolver() {
        this(Inner.GAUSS_SEIDEL);
    }

    /** Topological iteration with the given method inside components. */
    public TopologicalSolver(Inner inner) {
        if (inner == null) {
            throw new IllegalArgumentException("inner method must be given");
        }
        this.inner = inner;
    }

    /** The method iterating components of more than one state. */
    public Inner inner() {
        return inner;
    }

    /** {@code topological}, or {@code topological[inner=vi]} with Jacobi inside components ({@link VariantName}). */
    @Override
    public String name() {
        return VariantName.of(NAME).with(inner == Inner.JACOBI, "inner", "vi").toString();
    }

    @Override
    public Solution solve(Mdp mdp, SolverOptions options) {
        options.requireSequential(name());
        final long startNanos = System.nanoTime();
        final long deadline = options.deadlineNanos(startNanos);
        final int n = mdp.numStates();
        final double gamma = mdp.discount();
        final StronglyConnectedComponents scc = StronglyConnectedComponents.of(mdp);
        if (!mdp.isDiscounted()) {
            requireAcyclic(mdp, scc);
        }
        final int[] order = scc.orderArray();
        final int[] component = scc.componentArray();
        final int count = scc.count();
        final double valueTarget = options.epsilon() * Math.min(1.0, (1 - gamma) / (2 * gamma));
        final CheckSchedule schedule = new CheckSchedule(valueTarget);
        final RoundingBounds rounding = mdp.isDiscounted() ? RoundingBounds.of(mdp) : null;
        double norm = 0; // largest |value| a certifying computation read
        double[] v = new double[n];
        double[] out = new double[n];
        int[] policy = new int[n];
        double[] range = new double[2];
        double[] componentError = new double[count];
        double maxError = 0;
        long backups = 0;
        long sweeps = 0;
        // the cap counts equivalent full sweeps, the final global sweep included: at most this many
        // backups before it
        final long maxBackups = options.maxIterations() - 1 > Long.MAX_VALUE / Math.max(1, n) ? Long.MAX_VALUE
                : (options.maxIterations() - 1) * n;
        boolean cyclic = false;
        Status status = Status.CONVERGED;
        components:
        for (int c = 0; c < count; c++) {
            final int from = scc.start(c);
            final int to = scc.end(c);
            final double outsideError = cyclic ? outsideError(mdp, order, component, componentError, c, from, to) : 0;
            if (backups + (to - from) > maxBackups) {
                status = Status.MAX_ITERATIONS;
                break;
            }
            if (to - from == 1) {
                final int s = order[from];
                v[s] = singletonValue(mdp, s, v);
                backups++;
                componentError[c] = gamma * outsideError;
            } else {
                cyclic = true;
                final double budget = valueTarget - gamma * outsideError;
                final double insideMass = minInsideMass(mdp, order, component, c, from, to);
                final boolean closed = insideMass == 1.0;
                // β bounds for the exact row masses (RoundingBounds): low rounded down, high up
                final double betaLow = RoundingBounds.down(gamma * insideMass * (1 - 1e-13));
                final double betaHigh = rounding == null ? gamma : Math.max(gamma, rounding.betaHigh());
                schedule.reset(budget);
                boolean extrapolate = true;
                double previousError = Double.POSITIVE_INFINITY;
                double bestError = Double.POSITIVE_INFINITY;
                int stalled = 0;
                while (true) {
                    boolean check = inner == Inner.JACOBI;
                    if (!check && backups + 2L * (to - from) > maxBackups) { // room for a sweep and a check
                        status = Status.MAX_ITERATIONS;
                        break components;
                    }
                    if (!check) {
                        BellmanKernel.gaussSeidelSweep(mdp, v, order, from, to, range);
                        backups += to - from;
                        sweeps++;
                        check = schedule.sweepDone();
                    }
                    double change = Math.max(Math.abs(range[0]), Math.abs(range[1]));
                    if (check) {
                        for (int i = from; i < to; i++) {
                            norm = Math.max(norm, Math.abs(v[order[i]]));
                        }
                        BellmanKernel.jacobiSweep(mdp, v, out, policy, order, from, to, range);
                        backups += to - from;
                        sweeps++;
                        change = Math.max(Math.abs(range[0]), Math.abs(range[1]));
                        double lower = lowerOffset(range[0], betaLow, betaHigh);
                        double upper = upperOffset(range[1], betaLow, betaHigh);
                        double e = (upper - lower) / 2;
                        boolean done = e <= budget;
                        if (e < bestError * (1 - 1e-3)) {
                            bestError = e;
                            stalled = 0;
                        } else if (rounding != null && ++stalled >= 20
                                && e <= 64 * rounding.sweepError(norm) * rounding.amplification()) {
                            done = true; // stuck in rounding noise: the final certificate will say so
                        }
                        // extrapolate to the midpoint when done, or (closed components only: there
                        // a constant shift commutes with T) to remove the slow constant error mode
                        extrapolate &= e < previousError;
                        previousError = e;
                        double shift = done || (closed && extrapolate) ? (upper + lower) / 2 : 0.0;
                        for (int i = from; i < to; i++) {
                            v[order[i]] = out[order[i]] + shift;
                        }
                        if (done) {
                            componentError[c] = e + gamma * outsideError;
                            break;
                        }
                        schedule.checked(e);
                    }
                    // equivalent full sweeps, the final global sweep included
                    Status stop = backups + (to - from) > maxBackups ? Status.MAX_ITERATIONS
                            : RunLimits.reached(options, sweeps, change, Double.NaN, deadline);
                    if (stop != null) {
                        status = stop;
                        break components;
                    }
                }
            }
            maxError = Math.max(maxError, componentError[c]);
        }
        BellmanKernel.jacobiSweep(mdp, v, out, policy, 0, n, range);
        backups += n;
        long iterations = (backups + n - 1) / n;
        if (rounding == null) { // discount 1, acyclic: exact up to rounding
            return Solution.builder()
                    .method(name())
                    .status(status)
                    .accuracy(Accuracy.EXACT)
                    .values(v)
                    .policy(policy)
                    .iterations(iterations)
                    .residual(Math.max(Math.abs(range[0]), Math.abs(range[1])))
                    .errorBound(0)
                    .policyBound(0)
                    .seconds((System.nanoTime() - startNanos) / 1e9)
                    .build();
        }
        if (status != Status.CONVERGED) {
            return SpanBounds.finish(mdp, rounding, name(), status, v, out, policy, iterations, startNanos);
        }
        return certify(mdp, rounding, options.epsilon(), v, out, policy, maxError, norm, iterations, startNanos);
    }

    /**
     * The certificate of a completed topological solve, in floating point: the component bound
     * maxError plus the accumulated rounding ({@link RoundingBounds#chainError}), or the
     * MacQueen–Porteus bound of the final global check w = T v ({@link SpanBounds}), whichever
     * is smaller (with the values it refers to: v, or the midpoints of the check). The policy
     * (greedy for v) gets the smaller of the check's bound and 2(γE + η)/(1−γ) (Singh &amp; Yee
     * 1994, with E the component bound and η the rounding of the greedy sweep).
     * {@link Status#PRECISION_LIMIT} if the bound exceeds ε.
     */
    private Solution certify(Mdp mdp, RoundingBounds rounding, double epsilon, double[] v, double[] out,
                             int[] policy, double maxError, double norm, long iterations, long startNanos) {
        final int n = mdp.numStates();
        final double gamma = mdp.discount();
        double residual = 0;
        for (int s = 0; s < n; s++) {
            norm = Math.max(norm, Math.abs(v[s]));
            residual = Math.max(residual, Math.abs(out[s] - v[s]));
        }
        double componentBound = RoundingBounds.up(maxError + rounding.chainError(norm));
        double eta = rounding.sweepError(norm);
        double greedyLoss = RoundingBounds.up(2 * (gamma * componentBound + eta) * rounding.amplification());
        double[] check = new double[SpanBounds.SIZE];
        SpanBounds.measure(mdp, rounding, v, out, check);
        double policyBound = Math.min(greedyLoss, check[SpanBounds.POLICY]);
        double valueBound = Math.min(componentBound, check[SpanBounds.VALUE]);
        Status status = valueBound <= epsilon && policyBound <= epsilon ? Status.CONVERGED : Status.PRECISION_LIMIT;
        if (check[SpanBounds.VALUE] < componentBound) {
            Solution s = SpanBounds.finish(mdp, rounding, name(), status, v, out, policy, iterations, startNanos);
            return Solution.builder().method(name()).status(s.status()).accuracy(s.accuracy()).values(s.values())
                    .policy(policy).iterations(iterations).residual(residual).errorBound(s.errorBound())
                    .policyBound(policyBound).seconds(s.seconds()).build();
        }
        boolean finite = true;
        for (int s = 0; s < n; s++) {
            finite &= v[s] - v[s] == 0;
            if (rounding.isZero(s)) {
                v[s] = 0.0;
            }
        }
        if (!finite) {
            status = Status.PRECISION_LIMIT;
        }
        return Solution.builder()
                .method(name())
                .status(status)
                .accuracy(finite ? Accuracy.CERTIFIED : Accuracy.ESTIMATED)
                .values(v)
                .policy(policy)
                .iterations(iterations)
                .residual(residual)
                .errorBound(finite ? componentBound : Double.POSITIVE_INFINITY)
                .policyBound(finite ? policyBound : Double.POSITIVE_INFINITY)
                .seconds((System.nanoTime() - startNanos) / 1e9)
                .build();
    }

    /**
     * Porteus-type bounds for a component whose choices keep between βlow/γ and 1 of their mass
     * inside it (Porteus 1975, "Bounds and transformations for discounted finite Markov decision
     * chains", Oper. Res. 23): for a Jacobi step w = T x with change δ, the component's fixed
     * point x̂ satisfies w + lower ≤ x̂ ≤ w + upper with
     * lower = min over β ∈ {βlow, γ} of β/(1−β)·min δ and upper = max over the same of
     * β/(1−β)·max δ. (If min δ ≥ 0, z = w + βlow/(1−βlow)·min δ satisfies T z ≥ z, because a
     * non-negative shift c raises every Q-value by at least βlow·c; the other cases are alike.)
     * For a closed component βlow = γ and these are the MacQueen–Porteus bounds.
     */
    private static double lowerOffset(double minDelta, double betaLow, double betaHigh) {
        return Math.min(betaLow / (1 - betaLow) * minDelta, betaHigh / (1 - betaHigh) * minDelta);
    }

    /** The upper offset, see {@link #lowerOffset}. */
    private static double upperOffset(double maxDelta, double betaLow, double betaHigh) {
        return Math.max(betaLow / (1 - betaLow) * maxDelta, betaHigh / (1 - betaHigh) * maxDelta);
    }

    /**
     * The smallest probability with which a choice of a state of component c stays in c; exactly
     * 1 if and only if no transition leaves c (a closed component).
     */
    private static double minInsideMass(Mdp mdp, int[] order, int[] component, int c, int from, int to) {
        final int[] choiceStart = mdp.choiceStartArray();
        final int[] transStart = mdp.transitionStartArray();
        final int[] successor = mdp.successorArray();
        final double[] probability = mdp.probabilityArray();
        double min = 1.0;
        for (int i = from; i < to; i++) {
            final int s = order[i];
            for (int a = choiceStart[s], aEnd = choiceStart[s + 1]; a < aEnd; a++) {
                double inside = 0.0;
                boolean leaves = false;
                for (int k = transStart[a], kEnd = transStart[a + 1]; k < kEnd; k++) {
                    if (component[successor[k]] == c) {
                        inside += probability[k];
                    } else {
                        leaves = true;
                    }
                }
                if (leaves) {
                    min = Math.min(min, inside);
                }
            }
        }
        return Math.min(1.0, min);
    }

    /** The largest certified error among the components that component c's states reach. */
    private static double outsideError(Mdp mdp, int[] order, int[] component, double[] componentError, int c,
                                       int from, int to) {
        final int[] choiceStart = mdp.choiceStartArray();
        final int[] transStart = mdp.transitionStartArray();
        final int[] successor = mdp.successorArray();
        double max = 0;
        for (int i = from; i < to; i++) {
            final int s = order[i];
            for (int k = transStart[choiceStart[s]], end = transStart[choiceStart[s + 1]]; k < end; k++) {
                final int other = component[successor[k]];
                if (other != c && componentError[other] > max) {
                    max = componentError[other];
                }
            }
        }
        return max;
    }

    /**
     * The exact optimal value of state s given the values of all its other successors: the
     * optimum over its choices of (r + γ Σ_{t≠s} p_t v_t) / (1 − γ p_s); 0 for a terminal state.
     */
    static double singletonValue(Mdp mdp, int s, double[] v) {
        final int[] choiceStart = mdp.choiceStartArray();
        final int[] transStart = mdp.transitionStartArray();
        final int[] successor = mdp.successorArray();
        final double[] probability = mdp.probabilityArray();
        final double[] reward = mdp.rewardArray();
        final double gamma = mdp.discount();
        final boolean minimize = mdp.objective() == Objective.MINIMIZE;
        final int cEnd = choiceStart[s + 1];
        int c = choiceStart[s];
        if (c == cEnd) {
            return 0.0;
        }
        double best = minimize ? Double.POSITIVE_INFINITY : Double.NEGATIVE_INFINITY;
        for (; c < cEnd; c++) {
            double self = 0.0;
            double rest = 0.0;
            for (int k = transStart[c], kEnd = transStart[c + 1]; k < kEnd; k++) {
                final int t = successor[k];
                if (t == s) {
                    self += probability[k];
                } else {
                    rest += probability[k] * v[t];
                }
            }
            double q = (reward[c] + gamma * rest) / (1.0 - gamma * self);
            if (minimize ? q < best : q > best) {
                best = q;
            }
        }
        return best;
    }

    /** Rejects γ = 1 models with a cycle, naming a state on it. */
    private static void requireAcyclic(Mdp mdp, StronglyConnectedComponents scc) {
        for (int c = 0; c < scc.count(); c++) {
            if (scc.size(c) > 1) {
                int s = scc.orderArray()[scc.start(c)];
                throw new IllegalArgumentException("method '" + NAME + "' solves models with discount 1 only when"
                        + " they are acyclic, but state " + s + " lies on a cycle of " + scc.size(c) + " states;"
                        + " give a discount < 1 or use a method for undiscounted models");
            }
        }
        for (int s = 0; s < mdp.numStates(); s++) {
            for (int c = mdp.choiceStart(s); c < mdp.choiceEnd(s); c++) {
                for (int k = mdp.transitionStart(c); k < mdp.transitionEnd(c); k++) {
                    if (mdp.successor(k) == s) {
                        throw new IllegalArgumentException("method '" + NAME + "' solves models with discount 1"
                                + " only when they are acyclic, but state " + s + " has a self-loop (model"
                                + " absorbing states as terminal states without choices); give a discount < 1"
                                + " or use a method for undiscounted models");
                    }
                }
            }
        }
    }
}
