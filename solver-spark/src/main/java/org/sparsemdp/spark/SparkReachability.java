package org.sparsemdp.spark;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.List;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.storage.StorageLevel;
import org.sparsemdp.model.Mdp;
import org.sparsemdp.model.Objective;
import org.sparsemdp.result.Accuracy;
import org.sparsemdp.result.Status;
import org.sparsemdp.solve.SolverOptions;
import org.sparsemdp.solve.VariantName;
import org.sparsemdp.solve.undiscounted.EndComponentQuotient;
import org.sparsemdp.solve.undiscounted.IntervalSweeps;

/**
 * Undiscounted reachability objectives on Spark, with certified bounds: Pmin/Pmax of eventually
 * reaching a target set T, and Rmin/Rmax, the expected reward (the model's choice rewards, which
 * must be finite and non-negative) collected until T is first reached — the objectives and
 * semantics of the single-machine {@link org.sparsemdp.solve.undiscounted.Reachability}
 * (PRISM's and Storm's: Rmin = +∞ outside Prob1E(T), Rmax = +∞ outside Prob1A(T)).
 *
 * <p><b>Method.</b> (1) Graph precomputation, distributed ({@link DistributedGraphAnalysis}: each
 * fixed point in rounds of one job, every block iterating to its local fixed point against the
 * broadcast set): Prob0A/Prob1E for Pmax, Prob0E/Prob1A for Pmin, Prob1A (Rmax) or Prob1E (Rmin)
 * for the states of finite reward. (2) Each block builds its part of the reduced system
 * ({@link ReducedBlock}: known values folded into per-choice constants). (3) End components:
 * for Pmax and Rmin (zero-reward choices), the maybe states must contain none, or the Bellman
 * operator has spurious fixed points and the upper bound never comes down (Haddad &amp; Monmege
 * 2018, §4). Whether there is one is decided exactly by a distributed greatest fixed point (the
 * maybe states from which some policy can stay among them forever; empty iff there is no end
 * component). If there is one and the caller gave the model held on the driver (the
 * {@code Mdp} overloads), the driver merges the maximal end components of the maybe states
 * ({@link EndComponentQuotient}: for Pmax over all choices, for Rmin over the zero-reward choices,
 * the merges of the single-machine {@code ii}), distributes the quotient and solves it by this
 * same method from step (1); every member of a merged end component gets its component's value
 * and bounds (the quotient has the same optimal values), and the run keeps the original's start
 * time for its time limit. Without the driver's model the run is refused with a message that says
 * so. Pmin and Rmax never need it (no end component survives their precomputation). (4) States of value 0 for
 * rewards ({@code ZeroValues}' fixed points, distributed) are fixed at 0. (5) Initial bounds:
 * l = 0; u = 1 for probabilities; with uniform exit rates u = +∞ (the first step bounds it); for
 * other rewards u is the step-bounded bound of Quatmann &amp; Katoen
 * (CAV 2018, Lemma 2; the single-machine {@code StepBoundedUpperBound}), computed by
 * distributed sweeps, over all choices for Rmax and over a proper attractor policy (found by
 * one more distributed fixed point) for Rmin. (6) Interval iteration (Haddad &amp; Monmege 2018;
 * Baier et al., CAV 2017): per exchange the driver broadcasts l and u; every block performs k
 * in-place fused sweeps of its maybe states ({@link ReducedSweeps#interval}, other blocks read at
 * the broadcast values) and sends back its new bounds. With uniform exit rates (every choice
 * leaves the maybe states with nearly the same probability, F<sub>max</sub> ≤ 1.1·F<sub>min</sub>,
 * as in a discounted model with a stop state) each exchange is instead a Jacobi step w = T l on
 * the blocks, and the driver derives both bounds from its δ range by the exit-rate
 * (MacQueen–Porteus) bounds — the single-machine {@code ii}'s {@code ExitRateBounds}, with the same
 * operations, so the same bounds bit for bit after as many steps.
 *
 * <p><b>Stopping rule and rounding.</b> Those of the single-machine {@code ii}: stop when every
 * maybe state has u − l ≤ ε (relative mode: ≤ ε·l), every bound rounded outward by the
 * relative error of {@link IntervalSweeps#relativeError}, so l ≤ x* ≤ u holds for the computed
 * vectors at every exchange; the iteration cap (counting exchanges), the time limit and the
 * listener stop the run earlier with a still valid interval. The result is
 * {@link Accuracy#CERTIFIED}: reported values are midpoints, the error bound is max (u − l)/2.
 * The policy is greedy for l (max) or u (min) on the maybe states, the attractor towards T on the
 * Pmax = 1 states and the first choice elsewhere; its loss is not certified
 * ({@link DistributedResult#policyBound()} is NaN), except after exit-rate steps, which certify
 * the greedy policy of the last step at no cost (as the single-machine {@code ii}): then that
 * policy is reported on the maybe states not of value 0, with its bound. After merging end
 * components the quotient's policy is mapped back ({@link EndComponentQuotient#originalPolicy}:
 * in a merged component the member owning the chosen exit takes it, the others walk to it by the
 * component's internal choices), and its loss is not certified (policy bound NaN, as the
 * single-machine {@code ii} without its policy certificate).
 *
 * <p><b>Cost.</b> Per exchange 16·S bytes broadcast to every executor and 16 bytes per maybe
 * state collected; per graph round S bytes broadcast. Driver memory: about 40 bytes per state
 * (known values, two bounds, sets, per-block state lists). Merging end components adds, on the
 * driver, the MEC decomposition and a copy of the model (the quotient, at most the model's size)
 * besides the model the driver holds anyway, and runs the graph precomputation a second time,
 * on the quotient; the interval iteration runs on the quotient only.
 */
public final class SparkReachability {
    private final JavaSparkContext sc;
    private final int sweeps;

    /**
     * @param innerSweeps in-place sweeps of each block per exchange (≥ 1)
     */
    public SparkReachability(JavaSparkContext sc, int innerSweeps) {
        if (innerSweeps < 1) {
            throw new IllegalArgumentException("inner sweeps must be at least 1, got " + innerSweeps);
        }
        this.sc = sc;
        this.sweeps = innerSweeps;
    }

    /**
     * Pmin or Pmax (per {@code direction}) of eventually reaching {@code target}.
     *
     * @param relative stop when u − l ≤ ε·l instead of u − l ≤ ε
     * @throws IllegalArgumentException if the target names a state out of range, or for Pmax if
     *                                  the maybe states contain an end component (see the class comment;
     *                                  {@link #probability(DistributedModel, Mdp, BitSet, Objective,
     *                                  SolverOptions, boolean)} merges them)
     */
    public DistributedResult probability(DistributedModel model, BitSet target, Objective direction,
                                         SolverOptions options, boolean relative) {
        return probability(model, target, direction, options, relative, Merge.REFUSE, System.nanoTime());
    }

    /**
     * {@link #probability(DistributedModel, BitSet, Objective, SolverOptions, boolean)}, merging on
     * the driver the end components that Pmax finds among the maybe states (class comment, step 3).
     *
     * @param onDriver the model that {@code model} was distributed from ({@link DistributedModel#fromMdp})
     */
    public DistributedResult probability(DistributedModel model, Mdp onDriver, BitSet target, Objective direction,
                                         SolverOptions options, boolean relative) {
        return probability(model, target, direction, options, relative, Merge.of(model, onDriver),
                System.nanoTime());
    }

    private DistributedResult probability(DistributedModel model, BitSet target, Objective direction,
                                          SolverOptions options, boolean relative, Merge merge, long start) {
        int n = model.numStates();
        boolean max = direction == Objective.MAXIMIZE;
        boolean[] t = toArray(target, n);
        DistributedGraphAnalysis g = new DistributedGraphAnalysis(sc, model);
        boolean[] zero = max ? g.prob0A(t) : g.prob0E(t);
        boolean[] one = max ? g.prob1E(t) : g.prob1A(t);
        int[] knownPolicy = new int[n];
        Arrays.fill(knownPolicy, -1);
        if (max) {
            g.attract(t, one, one, knownPolicy); // Pmax = 1: walk towards T inside Prob1E(T)
        }
        double[] known = new double[n];
        for (int s = 0; s < n; s++) {
            known[s] = t[s] || one[s] ? 1.0 : zero[s] ? 0.0 : Double.NaN;
        }
        String method = VariantName.of("spark-ii-" + (max ? "pmax" : "pmin")).with(relative, "stop", "relative")
                .toString();
        DistributedResult r = solve(model, g, known, false, max, max ? ReducedBlock.ChoiceTest.STAYS : null,
                knownPolicy, options, relative, method, start, merge);
        return r != null ? r : merged(model, merge.onDriver, target, known, direction, false, options, relative, start);
    }

    /**
     * Rmin or Rmax (per {@code direction}) of the model's choice rewards collected until
     * {@code target} is first reached.
     *
     * @throws IllegalArgumentException if a reward is negative or not finite (naming the choice),
     *                                  the target names a state out of range, or for Rmin if the
     *                                  maybe states contain an end component of zero-reward choices
     *                                  ({@link #reward(DistributedModel, Mdp, BitSet, Objective,
     *                                  SolverOptions, boolean)} merges them)
     */
    public DistributedResult reward(DistributedModel model, BitSet target, Objective direction, SolverOptions options,
                                    boolean relative) {
        return reward(model, target, direction, options, relative, Merge.REFUSE, System.nanoTime());
    }

    /**
     * {@link #reward(DistributedModel, BitSet, Objective, SolverOptions, boolean)}, merging on the
     * driver the end components of zero-reward choices that Rmin finds among the maybe states
     * (class comment, step 3).
     *
     * @param onDriver the model that {@code model} was distributed from ({@link DistributedModel#fromMdp})
     */
    public DistributedResult reward(DistributedModel model, Mdp onDriver, BitSet target, Objective direction,
                                    SolverOptions options, boolean relative) {
        return reward(model, target, direction, options, relative, Merge.of(model, onDriver), System.nanoTime());
    }

    private DistributedResult reward(DistributedModel model, BitSet target, Objective direction,
                                     SolverOptions options, boolean relative, Merge merge, long start) {
        requireNonNegativeRewards(model);
        int n = model.numStates();
        boolean max = direction == Objective.MAXIMIZE;
        boolean[] t = toArray(target, n);
        DistributedGraphAnalysis g = new DistributedGraphAnalysis(sc, model);
        boolean[] finite = max ? g.prob1A(t) : g.prob1E(t);
        double[] known = new double[n];
        for (int s = 0; s < n; s++) {
            known[s] = t[s] ? 0.0 : finite[s] ? Double.NaN : Double.POSITIVE_INFINITY;
        }
        int[] knownPolicy = new int[n];
        Arrays.fill(knownPolicy, -1);
        String method = VariantName.of("spark-ii-" + (max ? "rmax" : "rmin")).with(relative, "stop", "relative")
                .toString();
        DistributedResult r = solve(model, g, known, true, max,
                max ? null : ReducedBlock.ChoiceTest.STAYS_ZERO_CONSTANT, knownPolicy, options, relative, method, start,
                merge);
        return r != null ? r : merged(model, merge.onDriver, target, known, direction, true, options, relative, start);
    }

    /**
     * What to do with an end component among the maybe states: refuse ({@code onDriver} null),
     * report one left in a quotient as a bug ({@code quotient}), or merge on the driver; a
     * quotient's rounding analysis uses at least {@code minTerms} terms (the original's).
     */
    private record Merge(Mdp onDriver, boolean quotient, int minTerms) {
        static final Merge REFUSE = new Merge(null, false, 1);

        static Merge of(DistributedModel model, Mdp onDriver) {
            java.util.Objects.requireNonNull(onDriver, "the driver's model");
            if (onDriver.numStates() != model.numStates() || onDriver.numTransitions() != model.numTransitions()) {
                throw new IllegalArgumentException("the driver's model (" + onDriver.numStates() + " states, "
                        + onDriver.numTransitions() + " transitions) is not the distributed one ("
                        + model.numStates() + " states, " + model.numTransitions() + " transitions)");
            }
            return new Merge(onDriver, false, 1);
        }
    }

    /**
     * Step (3) when the maybe states (those of unknown value in {@code known}) hold an end
     * component: solves the {@link EndComponentQuotient} of {@code mdp} (Pmax, or Rmin for
     * {@code rewards}) on Spark and maps the answer back to the states of {@code model}.
     */
    private DistributedResult merged(DistributedModel model, Mdp mdp, BitSet target, double[] known,
                                     Objective direction, boolean rewards, SolverOptions options, boolean relative,
                                     long start) {
        int n = model.numStates();
        BitSet maybe = new BitSet(n);
        for (int s = 0; s < n; s++) {
            maybe.set(s, Double.isNaN(known[s]));
        }
        EndComponentQuotient ec = rewards ? EndComponentQuotient.forMinReward(mdp, maybe)
                : EndComponentQuotient.forMaxProbability(mdp, maybe);
        Mdp q = ec.quotient();
        Merge inner = new Merge(q, true, ec.maxTransitionsPerChoice());
        BitSet qTarget = ec.mapStates(target);
        int m = q.numStates();
        double[] qValues = new double[m];
        double[] qLower = new double[m];
        double[] qUpper = new double[m];
        int[] qPolicy = new int[m];
        DistributedResult qr;
        try (DistributedModel qm = DistributedModel.fromMdp(sc, q, model.numPartitions())) {
            qr = rewards ? reward(qm, qTarget, direction, options, relative, inner, start)
                    : probability(qm, qTarget, direction, options, relative, inner, start);
            try (DistributedResult closing = qr) {
                for (BlockSolution b : closing.blocks().collect()) {
                    int lo = b.lo();
                    System.arraycopy(b.values(), 0, qValues, lo, b.values().length);
                    System.arraycopy(b.lower(), 0, qLower, lo, b.lower().length);
                    System.arraycopy(b.upper(), 0, qUpper, lo, b.upper().length);
                    System.arraycopy(b.policy(), 0, qPolicy, lo, b.policy().length);
                }
            }
        }
        int[] policy = ec.originalPolicy(qPolicy);
        int[] bounds = model.bounds();
        List<BlockSolution> parts = new ArrayList<>(bounds.length - 1);
        for (int b = 0; b + 1 < bounds.length; b++) {
            int lo = bounds[b];
            int width = bounds[b + 1] - lo;
            double[] v = new double[width];
            double[] l = new double[width];
            double[] u = new double[width];
            for (int i = 0; i < width; i++) {
                int s = ec.stateOf(lo + i);
                v[i] = qValues[s];
                l[i] = qLower[s];
                u[i] = qUpper[s];
            }
            parts.add(new BlockSolution(lo, v, l, u, Arrays.copyOfRange(policy, lo, lo + width)));
        }
        JavaRDD<BlockSolution> answer = sc.parallelize(parts, parts.size()).persist(StorageLevel.MEMORY_ONLY());
        answer.count();
        return new DistributedResult(qr.method(), qr.status(), qr.accuracy(), n, qr.iterations(), qr.residual(),
                qr.errorBound(), Double.NaN, (System.nanoTime() - start) / 1e9, qr.stats(), answer, null, null);
    }

    /**
     * Steps (2) to (6) of the class comment and the result; null if the maybe states hold an end
     * component that the caller is to merge ({@code merge}).
     */
    private DistributedResult solve(DistributedModel model, DistributedGraphAnalysis g, double[] known,
                                    boolean rewards, boolean max, ReducedBlock.ChoiceTest endComponentTest,
                                    int[] knownPolicy, SolverOptions options, boolean relative, String method,
                                    long start, Merge merge) {
        final int n = model.numStates();
        Broadcast<double[]> knownBc = sc.broadcast(known);
        JavaRDD<ReducedBlock> reduced = model.blocks().map(b -> ReducedBlock.of(b, knownBc.value(), rewards))
                .persist(StorageLevel.MEMORY_ONLY());
        try {
            List<int[]> statesOfBlock = reduced.map(r -> r.states).collect();
            int maxTerms = reduced.map(r -> r.maxTerms).reduce(Math::max);
            final double rel = IntervalSweeps.relativeError(Math.max(maxTerms, merge.minTerms()));
            boolean[] maybe = new boolean[n];
            int maybeCount = 0;
            for (int[] states : statesOfBlock) {
                for (int s : states) {
                    maybe[s] = true;
                    maybeCount++;
                }
            }
            if (endComponentTest != null
                    && !requireNoEndComponent(reduced, maybe, endComponentTest, g.counter(), method, merge)) {
                return null; // merged by the caller
            }
            double[] lower = new double[n];
            double[] upper = new double[n];
            for (int s = 0; s < n; s++) {
                lower[s] = upper[s] = Double.isNaN(known[s]) ? 0.0 : known[s];
            }
            long deadline = options.deadlineNanos(start);
            double[] factors = ReducedBounds.exitRateFactors(reduced);
            if (rewards && factors != null) { // the exit-rate bounds need no a-priori upper bound
                boolean[] zero = zeroValues(reduced, maybe, max, g.counter());
                for (int s = 0; s < n; s++) {
                    if (maybe[s]) {
                        upper[s] = zero[s] ? 0.0 : Double.POSITIVE_INFINITY;
                    }
                }
            } else if (rewards) {
                boolean[] zero = zeroValues(reduced, maybe, max, g.counter());
                int[] proper = max ? null : attractor(reduced, maybe, g.counter());
                double[] bound = ReducedBounds.stepBound(sc, reduced, statesOfBlock, proper, n, rel, sweeps, options,
                        deadline);
                for (int s = 0; s < n; s++) {
                    if (maybe[s]) {
                        upper[s] = zero[s] ? 0.0 : bound[s];
                    }
                }
            } else {
                for (int s = 0; s < n; s++) {
                    if (maybe[s]) {
                        upper[s] = 1.0;
                    }
                }
            }
            return iterate(model, reduced, statesOfBlock, maybe, known, lower, upper, max, rel, factors,
                    knownPolicy, options, relative, method, start, deadline);
        } finally {
            reduced.unpersist(false);
            knownBc.destroy(); // only now: the tasks of every job on the reduced blocks carry their lineage
        }
    }

    /**
     * The interval iteration of step (6) and the result: fused in-place sweeps, or with
     * {@code factors} (uniform exit rates) Jacobi steps from l with both bounds from the exit-rate
     * (MacQueen–Porteus) bounds of each step, as the single-machine {@code ii} does there.
     */
    private DistributedResult iterate(DistributedModel model, JavaRDD<ReducedBlock> reduced,
                                      List<int[]> statesOfBlock, boolean[] maybe, double[] known,
                                      double[] lower, double[] upper, boolean max, double rel, double[] factors,
                                      int[] knownPolicy, SolverOptions options, boolean relative, String method,
                                      long start, long deadline) {
        boolean[] zero = new boolean[maybe.length];
        boolean anyZero = false;
        for (int s = 0; s < maybe.length; s++) {
            zero[s] = maybe[s] && upper[s] == 0.0;
            anyZero |= zero[s];
        }
        final Broadcast<boolean[]> zeroBc = factors == null ? null : sc.broadcast(zero);
        final int[] stepPolicy = factors == null ? null : new int[maybe.length]; // the last exit-rate step's choices
        final double[] policyGap = {Double.NaN};
        final int k = sweeps;
        final double eps = options.epsilon();
        final long loopStart = System.nanoTime();
        long exchanges = 0;
        long collected = 0;
        double gap = maxGap(lower, upper, maybe);
        Status status = failing(lower, upper, maybe, eps, relative) == 0 ? Status.CONVERGED : null;
        while (status == null) {
            if (exchanges >= options.maxIterations()) {
                status = Status.MAX_ITERATIONS;
                break;
            }
            if (System.nanoTime() - deadline > 0) {
                status = Status.TIME_LIMIT;
                break;
            }
            int failing = 0;
            collected = 0;
            if (factors != null) {
                Broadcast<double[]> lb = sc.broadcast(lower);
                List<ReducedSweeps.Jacobi> steps = reduced
                        .map(r -> ReducedSweeps.jacobi(r, lb.value(), zeroBc.value(), max, rel)).collect();
                lb.destroy();
                lower = lower.clone(); // the broadcast array may be shared with local-mode executors
                upper = upper.clone();
                collected = ReducedBounds.exitRateStep(steps, statesOfBlock, zero, anyZero, factors, rel, lower, upper,
                        stepPolicy, policyGap);
                failing = failing(lower, upper, maybe, eps, relative);
            } else {
                Broadcast<double[]> lb = sc.broadcast(lower);
                Broadcast<double[]> ub = sc.broadcast(upper);
                final boolean forward = (exchanges & 1) == 0;
                List<ReducedSweeps.Interval> updates = reduced
                        .map(r -> ReducedSweeps.interval(r, lb.value(), ub.value(), max, k, forward, rel, eps,
                                relative))
                        .collect();
                lb.destroy();
                ub.destroy();
                lower = lower.clone(); // the broadcast arrays may be shared with local-mode executors
                upper = upper.clone();
                for (int b = 0; b < updates.size(); b++) {
                    ReducedSweeps.Interval up = updates.get(b);
                    int[] states = statesOfBlock.get(b);
                    for (int p = 0; p < states.length; p++) {
                        lower[states[p]] = up.lower()[p];
                        upper[states[p]] = up.upper()[p];
                    }
                    failing += up.failing();
                    collected += up.bytes();
                }
            }
            exchanges++;
            gap = maxGap(lower, upper, maybe);
            if (failing == 0) {
                status = Status.CONVERGED;
            } else if (!options.listener().onIteration(exchanges, gap, gap / 2)
                    || Thread.currentThread().isInterrupted()) {
                status = Status.CANCELLED;
            }
        }
        if (zeroBc != null) {
            zeroBc.destroy();
        }
        final long finishStart = System.nanoTime();
        Broadcast<double[]> greedyOn = sc.broadcast(max ? lower : upper);
        Broadcast<int[]> knownBc = sc.broadcast(knownPolicy);
        List<int[]> policies = reduced.map(r -> ReducedSweeps.greedy(r, greedyOn.value(), max, knownBc.value()))
                .collect();
        greedyOn.destroy();
        knownBc.destroy();
        double policyBound = Double.NaN;
        if (stepPolicy != null && exchanges > 0) {
            // the exit-rate steps certify the greedy policy of the last step (see ReducedBounds.exitRateStep)
            policyBound = policyGap[0];
            for (int b = 0; b < policies.size(); b++) {
                int lo = model.bounds()[b];
                for (int s : statesOfBlock.get(b)) {
                    if (!zero[s]) {
                        policies.get(b)[s - lo] = stepPolicy[s];
                    }
                }
            }
        }
        int[] bounds = model.bounds();
        List<BlockSolution> parts = new ArrayList<>(policies.size());
        double errorBound = 0;
        for (int b = 0; b < policies.size(); b++) {
            int lo = bounds[b];
            int width = bounds[b + 1] - lo;
            double[] v = new double[width];
            double[] l = Arrays.copyOfRange(lower, lo, lo + width);
            double[] u = Arrays.copyOfRange(upper, lo, lo + width);
            for (int i = 0; i < width; i++) {
                int s = lo + i;
                if (maybe[s]) {
                    v[i] = l[i] + (u[i] - l[i]) / 2;
                    errorBound = Math.max(errorBound, (u[i] - l[i]) / 2);
                } else {
                    v[i] = known[s];
                }
            }
            parts.add(new BlockSolution(lo, v, l, u, policies.get(b)));
        }
        JavaRDD<BlockSolution> answer = sc.parallelize(parts, parts.size()).persist(StorageLevel.MEMORY_ONLY());
        answer.count();
        long end = System.nanoTime();
        ExchangeStats stats = new ExchangeStats(exchanges, factors != null ? 1 : k,
                (factors != null ? 8L : 16L) * model.numStates(), collected,
                (finishStart - loopStart) / 1e9, (end - finishStart) / 1e9);
        return new DistributedResult(method, status, Accuracy.CERTIFIED, model.numStates(), exchanges, gap,
                errorBound, policyBound, (end - start) / 1e9, stats, answer, null, null);
    }

    /**
     * Whether the maybe states contain no end component of the choices {@code test} accepts: the
     * greatest set of maybe states each with such a choice whose successors all lie in the set is
     * empty iff there is none. If there is one, returns false when {@code merge} can merge it and
     * refuses the model otherwise.
     */
    private boolean requireNoEndComponent(JavaRDD<ReducedBlock> reduced, boolean[] maybe, ReducedBlock.ChoiceTest test,
                                          GraphRounds.Counter counter, String method, Merge merge) {
        boolean[] stay = GraphRounds.fixpoint(sc, reduced, maybe, false, (r, set) -> r.shrink(set, r.choices(test)),
                null, counter);
        int count = 0;
        int first = -1;
        for (int s = 0; s < stay.length; s++) {
            if (stay[s]) {
                count++;
                first = first < 0 ? s : first;
            }
        }
        if (count > 0 && merge.quotient()) {
            throw new IllegalStateException(method + ": " + count + " states (the first is quotient state " + first
                    + ") still form end components after merging the maximal ones; a bug");
        }
        if (count > 0 && merge.onDriver() != null) {
            return false;
        }
        if (count > 0) {
            throw new IllegalArgumentException(method + ": " + count + " states of unknown value (the first is state "
                    + first + ") can stay among themselves forever"
                    + (test == ReducedBlock.ChoiceTest.STAYS_ZERO_CONSTANT ? " by zero-reward choices" : "")
                    + " (end components); interval iteration needs them merged, which needs the model on the driver"
                    + " (SparkReachability's overloads taking the Mdp; sparsemdp solve --engine spark does so)");
        }
        return true;
    }

    /**
     * The maybe states of value exactly 0 (the single-machine {@code ZeroValues}): for max those
     * that cannot reach a choice with a positive constant (complement of a least fixed point),
     * for min those with a zero-constant choice into such states (greatest fixed point).
     */
    private boolean[] zeroValues(JavaRDD<ReducedBlock> reduced, boolean[] maybe, boolean max,
                                 GraphRounds.Counter counter) {
        if (max) {
            boolean[] positive = GraphRounds.fixpoint(sc, reduced, new boolean[maybe.length], true,
                    (r, set) -> r.grow(set, BlockGraph.Rule.EXISTS, r.choices(ReducedBlock.ChoiceTest.POSITIVE_CONSTANT),
                            false), null, counter);
            boolean[] zero = new boolean[maybe.length];
            for (int s = 0; s < zero.length; s++) {
                zero[s] = maybe[s] && !positive[s];
            }
            return zero;
        }
        return GraphRounds.fixpoint(sc, reduced, maybe, false,
                (r, set) -> r.shrink(set, r.choices(ReducedBlock.ChoiceTest.ZERO_CONSTANT)), null, counter);
    }

    /**
     * A proper policy of the reduced system (per maybe state a reduced choice index of its
     * block): backwards from the choices that may leave, each state takes a choice with a
     * successor attracted before it.
     */
    private int[] attractor(JavaRDD<ReducedBlock> reduced, boolean[] maybe, GraphRounds.Counter counter) {
        int[] policy = new int[maybe.length];
        Arrays.fill(policy, -1);
        boolean[] reached = GraphRounds.fixpoint(sc, reduced, new boolean[maybe.length], true,
                (r, set) -> r.grow(set, BlockGraph.Rule.EXISTS, r.choices(ReducedBlock.ChoiceTest.EXITS), true),
                policy, counter);
        for (int s = 0; s < maybe.length; s++) {
            if (maybe[s] && !reached[s]) {
                throw new IllegalStateException("state " + s + " cannot reach the target; graph precomputation bug");
            }
        }
        return policy;
    }

    /** Checks on the executors that every reward is finite and non-negative, naming the first bad choice. */
    private static void requireNonNegativeRewards(DistributedModel model) {
        List<long[]> bad = model.blocks().map(b -> {
            double[] r = b.rewardArray();
            for (int c = 0; c < r.length; c++) {
                if (!(r[c] >= 0 && r[c] < Double.POSITIVE_INFINITY)) {
                    int i = 0;
                    while (b.choiceStartArray()[i + 1] <= c) {
                        i++;
                    }
                    return new long[] {b.firstChoice() + c, b.lo() + i, Double.doubleToRawLongBits(r[c])};
                }
            }
            return new long[0];
        }).filter(a -> a.length > 0).collect();
        if (!bad.isEmpty()) {
            long[] f = bad.get(0);
            throw new IllegalArgumentException("reachability rewards must be finite and non-negative; choice " + f[0]
                    + " of state " + f[1] + " has " + Double.longBitsToDouble(f[2]));
        }
    }

    private static boolean[] toArray(BitSet target, int n) {
        if (target.length() > n) {
            throw new IllegalArgumentException("target names state " + (target.length() - 1) + ", out of range 0.."
                    + (n - 1));
        }
        boolean[] t = new boolean[n];
        for (int s = target.nextSetBit(0); s >= 0; s = target.nextSetBit(s + 1)) {
            t[s] = true;
        }
        return t;
    }

    private static double maxGap(double[] lower, double[] upper, boolean[] maybe) {
        double g = 0;
        for (int s = 0; s < maybe.length; s++) {
            if (maybe[s]) {
                g = Math.max(g, upper[s] - lower[s]);
            }
        }
        return g;
    }

    private static int failing(double[] lower, double[] upper, boolean[] maybe, double eps, boolean relative) {
        int f = 0;
        for (int s = 0; s < maybe.length; s++) {
            if (maybe[s] && !(upper[s] - lower[s] <= (relative ? eps * lower[s] : eps))) {
                f++;
            }
        }
        return f;
    }
}
