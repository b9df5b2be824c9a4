package org.sparsemdp.solve.undiscounted;

import java.util.Arrays;
import java.util.BitSet;
import org.sparsemdp.model.Mdp;
import org.sparsemdp.model.Objective;
import org.sparsemdp.solve.Accuracy;
import org.sparsemdp.solve.Solution;
import org.sparsemdp.solve.SolverOptions;

/**
 * Undiscounted reachability objectives with certified bounds: optimal probabilities Pmin/Pmax of
 * eventually reaching a target set T, and optimal expected rewards Rmin/Rmax accumulated until T
 * is first reached (the reward of the choices taken before T; nothing is collected in T).
 *
 * <p><b>Semantics</b> (as PRISM and Storm; Forejt, Kwiatkowska, Norman, Parker, "Automated
 * verification techniques for probabilistic systems", SFM 2011, §4.2): rewards must be
 * non-negative, and a policy that misses T with positive probability has infinite expected
 * reward, so
 * <ul>
 *   <li>Rmin(s) = +∞ iff Pmax(s, F T) &lt; 1, i.e. s ∉ {@link GraphAnalysis#prob1E Prob1E(T)}
 *       (no policy reaches T almost surely; only choices staying in Prob1E(T) are considered
 *       elsewhere);</li>
 *   <li>Rmax(s) = +∞ iff Pmin(s, F T) &lt; 1, i.e. s ∉ {@link GraphAnalysis#prob1A Prob1A(T)}
 *       (some policy misses T with positive probability). Inside Prob1A(T) \ T there is no end
 *       component, so no positive-reward cycle can be repeated forever.</li>
 * </ul>
 *
 * <p><b>Method.</b> Graph precomputation fixes the states of value 0, 1 or ∞ (Prob0A/Prob1E for
 * Pmax, Prob0E/Prob1A for Pmin, the sets above for rewards). For Pmax the maximal end components
 * of the remaining states are merged, and for Rmin those of their zero-reward choices, since
 * there the Bellman operator has spurious fixed points and plain value iteration converges to
 * wrong values (Haddad &amp; Monmege 2018, §4; Baier et al., CAV 2017, §4). Then
 * {@link IntervalIteration} runs from l = 0 and u = 1 (probabilities) or u = the a-priori bound
 * of {@link StepBoundedUpperBound} (rewards: over all policies for Rmax; for Rmin over the
 * proper "attractor" policy that in each state takes a choice moving one breadth-first layer
 * closer to T). The reported values are the midpoints (l + u)/2; {@link Solution#errorBound()}
 * is max (u − l)/2 over finite values; {@link Solution#lower()} and {@link Solution#upper()} are
 * the per-state bounds; accuracy {@link Accuracy#CERTIFIED}.
 *
 * <p><b>Policy.</b> {@link Solution#policy()} is greedy for the midpoint values (in merged end
 * components it names a member's best exit choice, other members their first choice); it is
 * informative only and {@link Solution#policyBound()} is NaN.
 */
public final class Reachability {
    private Reachability() {
    }

    /** Pmin or Pmax (per {@code direction}) of eventually reaching {@code target}, global sweeps. */
    public static Solution probability(Mdp mdp, BitSet target, Objective direction, SolverOptions options,
                                       boolean relative) {
        return probability(mdp, target, direction, options, relative, IterationOrder.GLOBAL);
    }

    /** Pmin or Pmax (per {@code direction}) of eventually reaching {@code target}. */
    public static Solution probability(Mdp mdp, BitSet target, Objective direction, SolverOptions options,
                                       boolean relative, IterationOrder order) {
        long start = System.nanoTime();
        int n = mdp.numStates();
        GraphAnalysis g = new GraphAnalysis(mdp);
        boolean max = direction == Objective.MAXIMIZE;
        BitSet t = clip(target, n);
        BitSet zero = max ? g.prob0A(t) : g.prob0E(t);
        BitSet one = max ? g.prob1E(t) : g.prob1A(t);
        one.or(t);
        double[] known = new double[n];
        for (int s = one.nextSetBit(0); s >= 0; s = one.nextSetBit(s + 1)) {
            known[s] = 1.0;
        }
        BitSet maybe = new BitSet(n);
        maybe.set(0, n);
        maybe.andNot(zero);
        maybe.andNot(one);
        EndComponents mecs = max ? EndComponents.maximal(mdp, maybe, null) : null;
        ReducedSystem sys = ReducedSystem.build(mdp, maybe, known, null, mecs, null);
        double[] lower = new double[sys.numStates];
        double[] upper = new double[sys.numStates];
        Arrays.fill(upper, 1.0);
        IntervalIteration.Result r = iterate(order, sys, max, lower, upper, options, relative, start);
        return finish(mdp, sys, max, known, maybe, null, lower, upper, r, start, name(order, max ? "pmax" : "pmin"));
    }

    /**
     * Rmin or Rmax (per {@code direction}) of the reward {@code reward} (one non-negative value
     * per choice) accumulated until {@code target} is first reached, global sweeps.
     *
     * @throws IllegalArgumentException if a reward is negative or not finite
     */
    public static Solution reward(Mdp mdp, double[] reward, BitSet target, Objective direction, SolverOptions options,
                                  boolean relative) {
        return reward(mdp, reward, target, direction, options, relative, IterationOrder.GLOBAL);
    }

    /**
     * Rmin or Rmax (per {@code direction}) of the reward {@code reward} (one non-negative value
     * per choice) accumulated until {@code target} is first reached.
     *
     * @throws IllegalArgumentException if a reward is negative or not finite
     */
    public static Solution reward(Mdp mdp, double[] reward, BitSet target, Objective direction, SolverOptions options,
                                  boolean relative, IterationOrder order) {
        return reward(mdp, reward, target, direction, options, relative, order, "r");
    }

    /** {@link #reward} whose method name is "ii-" (or "tii-") + {@code kind} + "min"/"max". */
    static Solution reward(Mdp mdp, double[] reward, BitSet target, Objective direction, SolverOptions options,
                           boolean relative, IterationOrder order, String kind) {
        long start = System.nanoTime();
        int n = mdp.numStates();
        requireNonNegative(mdp, reward, "reachability");
        GraphAnalysis g = new GraphAnalysis(mdp);
        boolean max = direction == Objective.MAXIMIZE;
        BitSet t = clip(target, n);
        BitSet finite = max ? g.prob1A(t) : g.prob1E(t);
        finite.or(t);
        double[] known = new double[n];
        BitSet maybe = (BitSet) finite.clone();
        maybe.andNot(t);
        for (int s = 0; s < n; s++) {
            if (!finite.get(s)) {
                known[s] = Double.POSITIVE_INFINITY;
            }
        }
        BitSet allowed = null;
        EndComponents mecs = null;
        if (!max) {
            // Only choices that keep Pmax = 1; merge the end components of zero-reward choices.
            int[] cs = mdp.choiceStartArray();
            int[] ts = mdp.transitionStartArray();
            int[] succ = mdp.successorArray();
            allowed = new BitSet(mdp.numChoices());
            BitSet zeroReward = new BitSet(mdp.numChoices());
            for (int s = maybe.nextSetBit(0); s >= 0; s = maybe.nextSetBit(s + 1)) {
                for (int c = cs[s]; c < cs[s + 1]; c++) {
                    boolean ok = true;
                    for (int k = ts[c]; k < ts[c + 1] && ok; k++) {
                        ok = finite.get(succ[k]);
                    }
                    if (ok) {
                        allowed.set(c);
                        if (reward[c] == 0.0) {
                            zeroReward.set(c);
                        }
                    }
                }
            }
            mecs = EndComponents.maximal(mdp, maybe, zeroReward);
        }
        ReducedSystem sys = ReducedSystem.build(mdp, maybe, known, allowed, mecs, reward);
        double[] lower = new double[sys.numStates];
        int[] policy = max ? null : attractor(sys);
        double[] upper = StepBoundedUpperBound.compute(sys, policy, Math.max(options.maxIterations(), 1));
        IntervalIteration.Result r = iterate(order, sys, max, lower, upper, options, relative, start);
        return finish(mdp, sys, max, known, maybe, allowed, lower, upper, r, start,
                name(order, kind + (max ? "max" : "min")));
    }

    /** Checks that there is one finite non-negative reward per choice. */
    static void requireNonNegative(Mdp mdp, double[] reward, String what) {
        if (reward.length != mdp.numChoices()) {
            throw new IllegalArgumentException("expected " + mdp.numChoices() + " rewards, got " + reward.length);
        }
        for (int c = 0; c < reward.length; c++) {
            if (!(reward[c] >= 0 && reward[c] < Double.POSITIVE_INFINITY)) {
                throw new IllegalArgumentException(what + " rewards must be finite and non-negative; choice " + c
                        + " of state " + mdp.stateOfChoice(c) + " has " + reward[c]);
            }
        }
    }

    /** Runs interval iteration in the given order. */
    static IntervalIteration.Result iterate(IterationOrder order, ReducedSystem sys, boolean max, double[] lower,
                                            double[] upper, SolverOptions options, boolean relative, long start) {
        return order == IterationOrder.TOPOLOGICAL
                ? TopologicalIntervalIteration.run(sys, max, lower, upper, options, relative, start)
                : IntervalIteration.run(sys, max, lower, upper, options, relative, start);
    }

    /** The method name: "ii-" or, topological, "tii-" followed by {@code objective}. */
    static String name(IterationOrder order, String objective) {
        return (order == IterationOrder.TOPOLOGICAL ? "tii-" : "ii-") + objective;
    }

    /**
     * A proper policy of the reduced system: breadth-first backwards from the choices that leave
     * it with positive probability, each state takes a choice with a successor one layer closer.
     */
    static int[] attractor(ReducedSystem sys) {
        int n = sys.numStates;
        int m = sys.choiceStart[n];
        int[] owner = new int[m];
        for (int q = 0; q < n; q++) {
            for (int c = sys.choiceStart[q]; c < sys.choiceStart[q + 1]; c++) {
                owner[c] = q;
            }
        }
        int[] predStart = new int[n + 1];
        for (int k = 0; k < sys.successor.length; k++) {
            predStart[sys.successor[k] + 1]++;
        }
        for (int q = 0; q < n; q++) {
            predStart[q + 1] += predStart[q];
        }
        int[] pred = new int[predStart[n]];
        int[] next = Arrays.copyOf(predStart, n);
        for (int c = 0; c < m; c++) {
            for (int k = sys.transStart[c]; k < sys.transStart[c + 1]; k++) {
                pred[next[sys.successor[k]]++] = c;
            }
        }
        int[] policy = new int[n];
        Arrays.fill(policy, -1);
        int[] queue = new int[n];
        int tail = 0;
        for (int q = 0; q < n; q++) {
            for (int c = sys.choiceStart[q]; c < sys.choiceStart[q + 1]; c++) {
                if (sys.exit[c] > 0) {
                    policy[q] = c;
                    queue[tail++] = q;
                    break;
                }
            }
        }
        for (int head = 0; head < tail; head++) {
            int t = queue[head];
            for (int i = predStart[t]; i < predStart[t + 1]; i++) {
                int c = pred[i];
                int q = owner[c];
                if (policy[q] < 0) {
                    policy[q] = c;
                    queue[tail++] = q;
                }
            }
        }
        if (tail != n) {
            throw new IllegalStateException("some reduced states cannot reach the target; graph precomputation bug");
        }
        return policy;
    }

    private static BitSet clip(BitSet target, int n) {
        BitSet t = (BitSet) target.clone();
        if (t.length() > n) {
            throw new IllegalArgumentException("target names state " + (t.length() - 1) + ", out of range 0.." + (n - 1));
        }
        return t;
    }

    static Solution finish(Mdp mdp, ReducedSystem sys, boolean max, double[] known, BitSet maybe,
                                   BitSet allowed, double[] lower, double[] upper, IntervalIteration.Result r,
                                   long start, String method) {
        int n = mdp.numStates();
        double[] lo = new double[n];
        double[] hi = new double[n];
        double[] mid = new double[n];
        double bound = 0;
        for (int s = 0; s < n; s++) {
            int q = sys.reducedOf[s];
            if (q < 0) {
                lo[s] = hi[s] = mid[s] = known[s];
            } else {
                lo[s] = lower[q];
                hi[s] = upper[q];
                mid[s] = lower[q] + (upper[q] - lower[q]) / 2;
                bound = Math.max(bound, (upper[q] - lower[q]) / 2);
            }
        }
        int[] policy = greedyPolicy(mdp, sys, max, mid, allowed);
        return Solution.builder().method(method).status(r.status).accuracy(Accuracy.CERTIFIED).values(mid)
                .bounds(lo, hi).policy(policy).iterations(r.iterations).residual(r.gap).errorBound(bound)
                .policyBound(Double.NaN).seconds((System.nanoTime() - start) / 1e9).build();
    }

    private static int[] greedyPolicy(Mdp mdp, ReducedSystem sys, boolean max, double[] mid, BitSet allowed) {
        int n = mdp.numStates();
        int[] cs = mdp.choiceStartArray();
        int[] policy = new int[n];
        for (int s = 0; s < n; s++) {
            policy[s] = cs[s] < cs[s + 1] ? cs[s] : -1;
        }
        double[] x = new double[sys.numStates];
        for (int s = 0; s < n; s++) {
            if (sys.reducedOf[s] >= 0) {
                x[sys.reducedOf[s]] = mid[s];
            }
        }
        for (int q = 0; q < sys.numStates; q++) {
            int best = -1;
            double bestV = 0;
            for (int c = sys.choiceStart[q]; c < sys.choiceStart[q + 1]; c++) {
                double v = sys.value(c, x);
                if (best < 0 || (max ? v > bestV : v < bestV)) {
                    best = c;
                    bestV = v;
                }
            }
            if (best >= 0) {
                int orig = sys.originalChoice[best];
                policy[mdp.stateOfChoice(orig)] = orig;
            }
        }
        return policy;
    }
}
