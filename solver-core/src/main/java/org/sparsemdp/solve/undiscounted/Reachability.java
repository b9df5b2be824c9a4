package org.sparsemdp.solve.undiscounted;

import java.util.Arrays;
import java.util.BitSet;
import org.sparsemdp.graph.StronglyConnectedComponents;
import org.sparsemdp.model.Mdp;
import org.sparsemdp.model.Objective;
import org.sparsemdp.result.Accuracy;
import org.sparsemdp.result.Solution;
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
 * the per-state bounds; accuracy {@link Accuracy#CERTIFIED}. The {@link IterationOrder} picks
 * the method: global sweeps (which switch to topological order where no strongly connected
 * component holds half of the states, see {@link #effective}), topological order (no global
 * a-priori bound: per component), {@link OptimisticValueIteration}, {@link SoundValueIteration}
 * (no a-priori bound at all) or {@link SspPolicyIteration} (Krylov policy evaluation, certified by
 * check sweeps).
 *
 * <p><b>Policy.</b> On the reduced states the policy is greedy for the lower bound l (max) or the
 * upper bound u (min). For max, l is a sub-solution (T l ≥ l: it starts at 0 and only rises to
 * Bellman values), and in the quotient every policy π leaves almost surely, so the greedy policy
 * is worth at least l (T<sub>π</sub> l = T l ≥ l, hence v<sup>π</sup> = lim T<sub>π</sub><sup>k</sup> l
 * ≥ l). In a merged end component the member owning the best exit takes it and the other
 * members walk to it by the component's internal choices ({@link GraphAnalysis#attract}), the
 * standard fix for Pmax, where a greedy choice may stay in the component forever. Known states:
 * Pmax = 1 states use the attractor strategy towards T inside Prob1E(T); Pmin = 0 states a
 * choice that stays in Prob0E(T); the others their first choice (all choices are optimal there).
 * {@link Solution#policyBound()} is then certified by {@link PolicyCertificate}, which solves the
 * policy's Markov chain by the same method (about twice the run time in total), except where the
 * run certifies its policy itself: with uniform exit rates ({@link ExitRateBounds}) the greedy
 * policy of the last Jacobi step has its value in the same interval as the optimum, so the
 * policy bound is that interval's width, at no extra cost.
 *
 * <p>Sequential: {@link SolverOptions#threads()} &gt; 1 is rejected
 * ({@link org.sparsemdp.solve.ThreadsRefusedException}).
 */
public final class Reachability {
    private Reachability() {
    }

    /** Pmin or Pmax (per {@code direction}) of eventually reaching {@code target}, global sweeps. */
    public static Solution probability(Mdp mdp, BitSet target, Objective direction, SolverOptions options,
                                       boolean relative) {
        return probability(mdp, target, direction, options, relative, IterationOrder.GLOBAL);
    }

    /**
     * Pmin or Pmax (per {@code direction}) of eventually reaching {@code target}, with a policy
     * certified by {@link PolicyCertificate}.
     */
    public static Solution probability(Mdp mdp, BitSet target, Objective direction, SolverOptions options,
                                       boolean relative, IterationOrder order) {
        return probability(mdp, target, direction, options, relative, order, true);
    }

    /**
     * {@link #probability(Mdp, BitSet, Objective, SolverOptions, boolean, IterationOrder)}, with the
     * policy certificate only if {@code certifyPolicy} (otherwise {@link Solution#policyBound()} is
     * NaN unless the run bounds its policy itself: the policy is greedy but its loss not bounded;
     * the certificate costs a second solve on the policy's Markov chain).
     */
    public static Solution probability(Mdp mdp, BitSet target, Objective direction, SolverOptions options,
                                       boolean relative, IterationOrder order, boolean certifyPolicy) {
        options.requireSequential(order.methodName());
        Solution s = probabilityBounds(mdp, target, direction, options, relative, order);
        if (!certifyPolicy || !Double.isNaN(s.policyBound())) {
            return s;
        }
        SolverOptions rest = PolicyCertificate.remaining(options, s);
        return PolicyCertificate.certify(mdp, mdp.rewardArray(), s, direction == Objective.MAXIMIZE,
                chain -> probabilityBounds(chain, target, direction, rest, relative, IterationOrder.GLOBAL));
    }

    /** {@link #probability} without the policy certificate (policy bound NaN). */
    static Solution probabilityBounds(Mdp mdp, BitSet target, Objective direction, SolverOptions options,
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
        int[] policy = firstChoices(mdp);
        if (max) {
            BitSet region = (BitSet) one.clone();
            region.andNot(t);
            g.attract((BitSet) t.clone(), region, choicesInside(mdp, region, one), policy);
        } else {
            avoid(mdp, g, zero, zero, policy);
        }
        EndComponents mecs = max ? EndComponents.maximal(mdp, maybe, null) : null;
        ReducedSystem sys = ReducedSystem.build(mdp, maybe, known, null, mecs, null);
        double[] lower = new double[sys.numStates];
        double[] upper = new double[sys.numStates];
        Arrays.fill(upper, 1.0);
        IntervalIteration.Result r = iterate(effective(order, sys), sys, max, lower, upper, options, relative, start);
        return finish(mdp, g, sys, mecs, max, known, lower, upper, r, start, name(order, max ? "pmax" : "pmin", relative),
                policy);
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
        return reward(mdp, reward, target, direction, options, relative, order, true);
    }

    /**
     * {@link #reward(Mdp, double[], BitSet, Objective, SolverOptions, boolean, IterationOrder)},
     * with the policy certificate only if {@code certifyPolicy} (otherwise
     * {@link Solution#policyBound()} is NaN unless the run bounds its policy itself).
     *
     * @throws IllegalArgumentException if a reward is negative or not finite
     */
    public static Solution reward(Mdp mdp, double[] reward, BitSet target, Objective direction, SolverOptions options,
                                  boolean relative, IterationOrder order, boolean certifyPolicy) {
        options.requireSequential(order.methodName());
        Solution s = rewardBounds(mdp, reward, target, direction, options, relative, order, "r");
        if (!certifyPolicy || !Double.isNaN(s.policyBound())) {
            return s;
        }
        SolverOptions rest = PolicyCertificate.remaining(options, s);
        return PolicyCertificate.certify(mdp, reward, s, direction == Objective.MAXIMIZE,
                chain -> rewardBounds(chain, chain.rewardArray(), target, direction, rest, relative,
                        IterationOrder.GLOBAL, "r"));
    }

    /**
     * {@link #reward} without the policy certificate (policy bound NaN), whose method name is
     * "ii-" (or "tii-") + {@code kind} + "min"/"max".
     */
    static Solution rewardBounds(Mdp mdp, double[] reward, BitSet target, Objective direction, SolverOptions options,
                                 boolean relative, IterationOrder order, String kind) {
        long start = System.nanoTime();
        int n = mdp.numStates();
        requireNonNegative(mdp, reward, "reachability");
        GraphAnalysis g = new GraphAnalysis(mdp);
        boolean max = direction == Objective.MAXIMIZE;
        BitSet t = clip(target, n);
        RewardSystem rs = RewardSystem.of(mdp, g, reward, t, max);
        BitSet finite = rs.finite;
        double[] known = rs.known;
        EndComponents mecs = rs.mecs;
        ReducedSystem sys = rs.sys;
        double[] lower = new double[sys.numStates];
        IterationOrder run = rewardOrder(order, sys);
        int[] proper = max || run != IterationOrder.GLOBAL || IntervalIteration.usesExitRate(sys) ? null
                : attractor(sys);
        double[] upper = initialUpper(sys, proper, run, options, start);
        IntervalIteration.Result r = iterate(run, sys, max, lower, upper, options, relative, start);
        int[] policy = firstChoices(mdp);
        if (max) {
            // Rmax = ∞ outside Prob1A(T): miss T with positive probability.
            BitSet infinite = (BitSet) finite.clone();
            infinite.flip(0, n);
            if (!infinite.isEmpty()) {
                avoid(mdp, g, g.prob0E(t), infinite, policy);
            }
        }
        return finish(mdp, g, sys, mecs, max, known, lower, upper, r, start, name(order, kind + (max ? "max" : "min"), relative),
                policy);
    }

    /**
     * The equation system of Rmin/Rmax until a target: the states of finite value (Prob1A(T) for
     * max, Prob1E(T) for min) outside T are reduced; for min only the choices staying among them
     * are allowed and the end components of their zero-reward choices merged.
     */
    static final class RewardSystem {
        final BitSet finite;
        final double[] known;
        final EndComponents mecs;
        final ReducedSystem sys;

        private RewardSystem(BitSet finite, double[] known, EndComponents mecs, ReducedSystem sys) {
            this.finite = finite;
            this.known = known;
            this.mecs = mecs;
            this.sys = sys;
        }

        static RewardSystem of(Mdp mdp, GraphAnalysis g, double[] reward, BitSet t, boolean max) {
            int n = mdp.numStates();
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
            return new RewardSystem(finite, known, mecs, ReducedSystem.build(mdp, maybe, known, allowed, mecs, reward));
        }
    }

    /**
     * A policy avoiding the target with positive probability on {@code region}: in
     * {@code zero} = Prob0E(T) a choice that stays in it (so T is avoided almost surely), and
     * elsewhere in the region the attractor towards {@code zero}.
     */
    private static void avoid(Mdp mdp, GraphAnalysis g, BitSet zero, BitSet region, int[] policy) {
        BitSet stay = choicesInside(mdp, zero, zero);
        int[] cs = mdp.choiceStartArray();
        for (int s = zero.nextSetBit(0); s >= 0; s = zero.nextSetBit(s + 1)) {
            for (int c = cs[s]; c < cs[s + 1]; c++) {
                if (stay.get(c)) {
                    policy[s] = c;
                    break;
                }
            }
        }
        BitSet all = new BitSet(mdp.numChoices());
        all.set(0, mdp.numChoices());
        g.attract((BitSet) zero.clone(), region, all, policy);
    }

    /** Per state its first choice, −1 for terminal states. */
    static int[] firstChoices(Mdp mdp) {
        int[] cs = mdp.choiceStartArray();
        int[] policy = new int[mdp.numStates()];
        for (int s = 0; s < policy.length; s++) {
            policy[s] = cs[s] < cs[s + 1] ? cs[s] : -1;
        }
        return policy;
    }

    /** The choices of states in {@code states} whose successors all lie in {@code inside}. */
    static BitSet choicesInside(Mdp mdp, BitSet states, BitSet inside) {
        int[] cs = mdp.choiceStartArray();
        int[] ts = mdp.transitionStartArray();
        int[] succ = mdp.successorArray();
        BitSet ok = new BitSet(mdp.numChoices());
        for (int s = states.nextSetBit(0); s >= 0; s = states.nextSetBit(s + 1)) {
            for (int c = cs[s]; c < cs[s + 1]; c++) {
                boolean in = true;
                for (int k = ts[c]; k < ts[c + 1] && in; k++) {
                    in = inside.get(succ[k]);
                }
                if (in) {
                    ok.set(c);
                }
            }
        }
        return ok;
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

    /**
     * The a-priori upper bound on rewards: {@link StepBoundedUpperBound} ({@code proper}: its
     * policy, null: all), or +∞ where {@link IntervalIteration#usesExitRate} makes it unneeded.
     */
    static double[] initialUpper(ReducedSystem sys, int[] proper, IterationOrder order, SolverOptions options,
                                 long start) {
        if (order != IterationOrder.GLOBAL || IntervalIteration.usesExitRate(sys)) {
            double[] upper = new double[sys.numStates];
            Arrays.fill(upper, Double.POSITIVE_INFINITY);
            return upper;
        }
        return StepBoundedUpperBound.compute(sys, proper, Math.max(options.maxIterations(), 1),
                options.deadlineNanos(start));
    }

    /**
     * The method that {@code order} stands for on {@code sys}: {@link IterationOrder#GLOBAL}
     * (the default {@code ii}, whose method name stays "ii-") becomes
     * {@link IterationOrder#TOPOLOGICAL} where the strongly connected components pay, that
     * is where no component holds more than half of the states (the systems without uniform exit
     * rates only, where global sweeps would be interval iteration's: on a chain of self-loops
     * that needs about as many sweeps as the expected time to the end, topological order one
     * pass); any other order stays.
     */
    static IterationOrder effective(IterationOrder order, ReducedSystem sys) {
        if (order != IterationOrder.GLOBAL || sys.numStates < 2 || IntervalIteration.usesExitRate(sys)) {
            return order;
        }
        StronglyConnectedComponents scc = StronglyConnectedComponents.of(sys.numStates, sys.choiceStart,
                sys.transStart, sys.successor);
        for (int c = 0; c < scc.count(); c++) {
            if (2 * scc.size(c) > sys.numStates) {
                return order;
            }
        }
        return IterationOrder.TOPOLOGICAL;
    }

    /**
     * The method that {@code order} stands for on the system of a reward objective: that of
     * {@link #effective}, except that {@link IterationOrder#GLOBAL} on a system with neither
     * uniform exit rates nor strongly connected components that pay becomes
     * {@link IterationOrder#OPTIMISTIC}: there global interval iteration would first need the
     * a-priori upper bound of {@link StepBoundedUpperBound}, which on a 300×300 grid world did not
     * finish in 200 s, while optimistic value iteration needs none (BENCHMARKS.md, issue 21, round
     * 3). The method name stays {@code ii-}.
     */
    static IterationOrder rewardOrder(IterationOrder order, ReducedSystem sys) {
        IterationOrder run = effective(order, sys);
        return run == IterationOrder.GLOBAL && order == IterationOrder.GLOBAL && !IntervalIteration.usesExitRate(sys)
                ? IterationOrder.OPTIMISTIC : run;
    }

    /** Runs interval iteration in the given order. */
    static IntervalIteration.Result iterate(IterationOrder order, ReducedSystem sys, boolean max, double[] lower,
                                            double[] upper, SolverOptions options, boolean relative, long start) {
        if (order == IterationOrder.TOPOLOGICAL) {
            IntervalIteration.fixZeros(sys, max, lower, upper);
            return TopologicalIntervalIteration.run(sys, max, lower, upper, options, relative, start);
        }
        if (order == IterationOrder.OPTIMISTIC) {
            return OptimisticValueIteration.run(sys, max, lower, upper, options, relative, start);
        }
        if (order == IterationOrder.SOUND) {
            return SoundValueIteration.run(sys, max, lower, upper, options, relative, start);
        }
        if (order == IterationOrder.POLICY) {
            return SspPolicyIteration.run(sys, max, lower, upper, options, relative, start);
        }
        return IntervalIteration.run(sys, max, lower, upper, options, relative, start);
    }

    /**
     * The method name: "ii-", or "tii-" (topological), "ovi-" (optimistic), "svi-" (sound) or "ssp-pi-" (policy iteration) followed by
     * {@code objective}, with {@code [stop=relative]} for the relative stopping criterion
     * ({@link org.sparsemdp.solve.VariantName}).
     */
    static String name(IterationOrder order, String objective, boolean relative) {
        String prefix = order == IterationOrder.TOPOLOGICAL ? "tii-" : order == IterationOrder.OPTIMISTIC ? "ovi-"
                : order == IterationOrder.SOUND ? "svi-" : order == IterationOrder.POLICY ? "ssp-pi-" : "ii-";
        return org.sparsemdp.solve.VariantName.of(prefix + objective).with(relative, "stop", "relative").toString();
    }

    /**
     * A proper policy of the reduced system: breadth-first backwards from the choices that leave
     * it with positive probability, each state takes a choice with a successor one layer closer.
     */
    static int[] attractor(ReducedSystem sys) {
        int n = sys.numStates;
        ReducedSystem.Incoming in = sys.incoming();
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
            for (int i = in.start()[t]; i < in.start()[t + 1]; i++) {
                int c = in.choice()[i];
                int q = in.owner()[c];
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

    /**
     * The solution from the final bounds: values are midpoints; {@code policy} (already set on
     * the known states) gets the greedy choices of the reduced states and, in merged end
     * components, the walk to the best exit (see the class comment). The policy bound is NaN
     * here; the public entry points certify it with {@link PolicyCertificate}.
     */
    static Solution finish(Mdp mdp, GraphAnalysis g, ReducedSystem sys, EndComponents merged, boolean max,
                           double[] known, double[] lower, double[] upper, IntervalIteration.Result r, long start,
                           String method, int[] policy) {
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
        greedy(mdp, g, sys, merged, max, max ? lower : upper, policy);
        double policyBound = Double.NaN;
        if (r.policy != null && (merged == null || merged.count() == 0)) {
            // The run's own policy certificate (exit-rate bounds): its greedy choices on the
            // iterated states; on the states of value 0 a choice keeping the value 0.
            boolean[] zero = ZeroValues.of(sys, max);
            for (int q = 0; q < sys.numStates; q++) {
                int c = zero[q] ? zeroChoice(sys, zero, q) : r.policy[q];
                int orig = sys.originalChoice[c];
                policy[mdp.stateOfChoice(orig)] = orig;
            }
            policyBound = r.policyBound;
        }
        return Solution.builder().method(method).status(r.status).accuracy(Accuracy.CERTIFIED).values(mid)
                .bounds(lo, hi).policy(policy).iterations(r.iterations).residual(r.gap).errorBound(bound)
                .policyBound(policyBound).seconds((System.nanoTime() - start) / 1e9).build();
    }

    /**
     * A choice of reduced state q (value 0) with constant 0 whose successors all have value 0: it
     * keeps the value 0 (for max every choice of such a state qualifies).
     */
    private static int zeroChoice(ReducedSystem sys, boolean[] zero, int q) {
        for (int c = sys.choiceStart[q]; c < sys.choiceStart[q + 1]; c++) {
            boolean ok = sys.constant[c] == 0.0;
            for (int k = sys.transStart[c]; k < sys.transStart[c + 1] && ok; k++) {
                ok = zero[sys.successor[k]];
            }
            if (ok) {
                return c;
            }
        }
        throw new IllegalStateException("reduced state " + q + " of value 0 has no choice keeping it");
    }

    /** Greedy choices of the reduced states for {@code x}, expanded into merged end components. */
    private static void greedy(Mdp mdp, GraphAnalysis g, ReducedSystem sys, EndComponents merged, boolean max,
                               double[] x, int[] policy) {
        BitSet exits = new BitSet(mdp.numStates());
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
            int orig = sys.originalChoice[best];
            int s = mdp.stateOfChoice(orig);
            policy[s] = orig;
            exits.set(s);
        }
        if (merged != null && merged.count() > 0) {
            BitSet region = new BitSet(mdp.numStates());
            for (int s = 0; s < mdp.numStates(); s++) {
                if (merged.componentOf(s) >= 0) {
                    region.set(s);
                }
            }
            g.attract(exits, region, merged.internalChoices(), policy);
        }
    }
}
