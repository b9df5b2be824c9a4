package org.sparsemdp.property;

import java.util.Arrays;
import java.util.BitSet;
import java.util.List;
import org.sparsemdp.io.LoadedModel;
import org.sparsemdp.model.Mdp;
import org.sparsemdp.model.Objective;
import org.sparsemdp.result.Accuracy;
import org.sparsemdp.result.Solution;
import org.sparsemdp.solve.Solver;
import org.sparsemdp.solve.SolverOptions;
import org.sparsemdp.solve.horizon.BackwardInduction;
import org.sparsemdp.solve.horizon.HorizonResult;
import org.sparsemdp.solve.undiscounted.CumulativeReward;
import org.sparsemdp.solve.undiscounted.IterationOrder;
import org.sparsemdp.solve.undiscounted.Reachability;
import org.sparsemdp.solve.undiscounted.TotalRewardSolver;

/**
 * Evaluates {@link Query queries} on a {@link LoadedModel} by dispatching to the solvers:
 *
 * <ul>
 *   <li>unbounded P[φ U ψ]: {@link Reachability#probability} on a copy of the model where the
 *       states of ¬φ ∧ ¬ψ are terminal; P[G φ] = 1 − P<sub>opposite</sub>[F ¬φ];</li>
 *   <li>R[F ψ]: {@link Reachability#reward}; R[C]: {@link CumulativeReward#solve}; the total
 *       reward until a terminal state: {@link TotalRewardSolver}. Rewards must have one sign: if
 *       all are ≤ 0 the problem is solved for the negated rewards in the opposite direction and
 *       the values negated back. These are interval iteration with certified bounds (stopping
 *       rule: upper − lower ≤ ε, or ≤ ε·lower with {@code relative});</li>
 *   <li>R[C discount=g]: the given discounted {@link Solver} on the model with discount g;</li>
 *   <li>step-bounded objectives (F&lt;=k, U&lt;=k, G&lt;=k, X, C&lt;=k, I=k): exact backward
 *       induction over k steps ({@link BackwardInduction}; Puterman 1994, §4.5), accuracy
 *       {@link Accuracy#EXACT};</li>
 *   <li>the long-run average R[S], R[LRA], LRA[φ]: {@link org.sparsemdp.solve.average.AverageReward}
 *       (certified gain brackets, stopping rule: bracket width ≤ 2ε) with PRISM's self-loops on
 *       terminal states ({@link LongRunAverageQuery}).</li>
 * </ul>
 *
 * <p>The model's own discount is ignored: every objective is undiscounted except
 * {@code C discount=g}, which brings its discount.
 *
 * <p>Threads: {@code C discount=g} runs the given discounted solver with the options' threads
 * (honoured or refused by that solver); every other objective is computed sequentially and
 * rejects {@link SolverOptions#threads()} &gt; 1 ({@link org.sparsemdp.solve.ThreadsRefusedException}).
 *
 * <p>A reward objective on a model without reward structure and with all rewards zero throws
 * {@link MissingRewardsException}; a model without reward structures but with non-zero rewards
 * (native formats carry their rewards in the model) uses those. With reward structures, the
 * default is the model's current rewards (the first structure unless another was selected).
 */
public final class QueryEvaluator {
    /** Step-bounded runs keep the per-step policy if steps × states is at most this. */
    public static final long MAX_KEPT_POLICY_ENTRIES = 20_000_000L;

    private final SolverOptions options;
    private final boolean relative;
    private final IterationOrder order;
    private final Solver discountedSolver;

    /**
     * @param options          epsilon, limits and listener of every run
     * @param relative         interval iteration stops at upper − lower ≤ ε·lower instead of ≤ ε
     * @param order            global or topological interval iteration
     * @param discountedSolver the solver for {@code C discount=g} (e.g. value iteration)
     */
    public QueryEvaluator(SolverOptions options, boolean relative, IterationOrder order, Solver discountedSolver) {
        this.options = options;
        this.relative = relative;
        this.order = order;
        this.discountedSolver = discountedSolver;
    }

    /**
     * Evaluates {@code query} on {@code model}.
     *
     * @throws MissingRewardsException       for a reward objective on a model without rewards
     * @throws IllegalArgumentException      for rewards of both signs where one sign is needed
     */
    public QueryResult evaluate(LoadedModel model, Query query) {
        if (model.mdp().isDiscounted()) { // the objectives are undiscounted; C discount=g sets its own
            model = model.withMdp(model.mdp().withDiscount(1.0));
        }
        Mdp mdp = model.mdp();
        Objective dir = query.direction();
        int n = mdp.numStates();
        switch (query.kind()) {
            case REACH_PROBABILITY:
                if (query.isStepBounded()) {
                    BitSet target = query.target();
                    BitSet frozen = (BitSet) target.clone();
                    if (query.safe() != null) {
                        BitSet fail = query.safe();
                        fail.or(target);
                        fail.flip(0, n);
                        frozen.or(fail);
                    }
                    return bounded(query, mdp, null, indicator(target, n), frozen, null);
                }
                return new QueryResult(query, untilProbability(mdp, query.safe(), query.target(), dir), null, null, null);
            case SAFETY_PROBABILITY: {
                BitSet bad = query.safe();
                bad.flip(0, n);
                Query reach = Query.reachProbability(null, bad, query.steps(), dir.opposite());
                QueryResult r = evaluate(model, reach);
                return new QueryResult(query, complement(r.solution()), r.horizon(), null, null);
            }
            case NEXT_PROBABILITY:
                return bounded(query, mdp, null, indicator(query.target(), n), null, null);
            case REACH_REWARD:
            case TOTAL_REWARD:
            case TOTAL_UNTIL_TERMINAL:
            case DISCOUNTED_TOTAL:
            case INSTANTANEOUS:
                return rewardObjective(model, query);
            case LONG_RUN_AVERAGE:
                return longRunAverage(model, query);
            default:
                throw new UnsupportedOperationException("objective " + query.kind() + " is not supported");
        }
    }

    private QueryResult longRunAverage(LoadedModel model, Query query) {
        Mdp mdp = model.mdp();
        if (query.target() != null) {
            double[][] r = LongRunAverageQuery.indicatorRewards(mdp, query.target());
            return new QueryResult(query, LongRunAverageQuery.solve(mdp, r[0], r[1], query.direction(), options), null,
                    null, null);
        }
        double[] r = rewards(model, query);
        String structure = structureName(model, query);
        double[] terminal = new double[mdp.numStates()];
        if (model.rewardStructureNames().contains(structure)) {
            double[] state = model.rewardStructure(structure).stateRewardArray();
            if (state != null) {
                for (int s = 0; s < terminal.length; s++) {
                    terminal[s] = mdp.isTerminal(s) ? state[s] : 0.0;
                }
            }
        }
        return new QueryResult(query, LongRunAverageQuery.solve(mdp, r, terminal, query.direction(), options), null,
                structure, null);
    }

    private QueryResult rewardObjective(LoadedModel model, Query query) {
        Mdp mdp = model.mdp();
        double[] r = rewards(model, query);
        String structure = structureName(model, query);
        Objective dir = query.direction();
        switch (query.kind()) {
            case DISCOUNTED_TOTAL: {
                Mdp m = mdp.withRewards(r).withDiscount(query.discount()).withObjective(dir);
                return new QueryResult(query, discountedSolver.solve(m, options), null, structure, null);
            }
            case INSTANTANEOUS:
                return bounded(query, mdp, null, stateRewards(mdp, r, structure), null, structure);
            case TOTAL_REWARD:
                if (query.isStepBounded()) {
                    return bounded(query, mdp, r, new double[mdp.numStates()], null, structure);
                }
                break;
            default:
                break;
        }
        boolean negated = requireOneSign(r, query);
        double[] nonNegative = negated ? negate(r) : r;
        Objective d = negated ? dir.opposite() : dir;
        Solution s;
        BitSet target = query.kind() == Query.Kind.REACH_REWARD ? query.target() : terminalStates(mdp);
        if (query.kind() == Query.Kind.TOTAL_REWARD) {
            s = CumulativeReward.solve(mdp, nonNegative, d, options, relative, order);
        } else if (query.kind() == Query.Kind.TOTAL_UNTIL_TERMINAL) {
            s = new TotalRewardSolver(relative, order).solve(mdp.withRewards(r).withDiscount(1.0).withObjective(dir),
                    options);
            negated = false; // the solver negates back itself
        } else {
            s = Reachability.reward(mdp, nonNegative, target, d, options, relative, order);
        }
        if (negated) {
            s = negated(s);
        }
        String reason = InfinityExplanation.explain(mdp, nonNegative, query, target, provenInfinite(s));
        return new QueryResult(query, s, null, structure, reason);
    }

    /**
     * The values where both bounds are infinite (the graph analysis proved the value infinite), 0
     * elsewhere: a run stopped by its time or iteration limit may leave an upper bound at +∞
     * (optimistic value iteration before its first certified guess), which is no reason to
     * explain an infinite value.
     */
    private static double[] provenInfinite(Solution s) {
        double[] v = new double[s.values().length];
        for (int i = 0; i < v.length; i++) {
            v[i] = Double.isInfinite(s.lower()[i]) && Double.isInfinite(s.upper()[i]) ? s.values()[i] : 0.0;
        }
        return v;
    }

    /** Pmin/Pmax of safe U target (safe null: F target). */
    private Solution untilProbability(Mdp mdp, BitSet safe, BitSet target, Objective dir) {
        if (safe == null) {
            return Reachability.probability(mdp, target, dir, options, relative, order);
        }
        int n = mdp.numStates();
        BitSet stop = (BitSet) safe.clone();
        stop.or(target);
        stop.flip(0, n);
        if (stop.isEmpty()) {
            return Reachability.probability(mdp, target, dir, options, relative, order);
        }
        TerminalRestriction restricted = TerminalRestriction.of(mdp, stop);
        Solution s = Reachability.probability(restricted.mdp, target, dir, options, relative, order);
        return copy(s).policy(restricted.originalPolicy(s.policy())).build();
    }

    private QueryResult bounded(Query query, Mdp mdp, double[] reward, double[] initial, BitSet frozen,
                                String structure) {
        options.requireSequential(BackwardInduction.NAME);
        int steps = query.steps();
        boolean keep = (long) steps * mdp.numStates() <= MAX_KEPT_POLICY_ENTRIES;
        HorizonResult h = BackwardInduction.run(mdp, reward, initial, frozen, 1.0, query.direction(), steps, keep,
                org.sparsemdp.solve.RunLimits.of(options));
        boolean complete = h.steps() == steps; // a run limit leaves the values of fewer steps, with no bound
        int[] policy = new int[mdp.numStates()];
        Arrays.fill(policy, -1);
        if (keep && complete && steps > 0) {
            for (int s = 0; s < policy.length; s++) {
                policy[s] = h.choice(steps, s);
            }
        }
        double[] v = h.values();
        Solution.Builder b = Solution.builder().method("bi-" + steps).status(h.status()).values(v).policy(policy)
                .iterations(h.iterations()).seconds(h.seconds());
        Solution s = complete
                ? b.accuracy(Accuracy.EXACT).bounds(v.clone(), v.clone()).residual(0.0).errorBound(0.0)
                        .policyBound(keep ? 0.0 : Double.NaN).build()
                : b.accuracy(Accuracy.ESTIMATED).residual(Double.NaN).errorBound(Double.POSITIVE_INFINITY)
                        .policyBound(Double.NaN).build();
        return new QueryResult(query, s, keep && complete ? h : null, structure, null);
    }

    /** The reward array of the query's structure. */
    static double[] rewards(LoadedModel model, Query query) {
        if (query.rewardStructure() != null) {
            return model.rewards(query.rewardStructure());
        }
        double[] r = model.mdp().rewardArray().clone();
        if (model.rewardStructureNames().isEmpty()) {
            boolean any = false;
            for (double x : r) {
                any |= x != 0.0;
            }
            if (!any) {
                throw new MissingRewardsException("the reward objective " + describe(query));
            }
        }
        return r;
    }

    private static String structureName(LoadedModel model, Query query) {
        if (query.rewardStructure() != null) {
            String rs = query.rewardStructure();
            List<String> names = model.rewardStructureNames();
            if (rs.matches("[0-9]+") && !names.contains(rs)) {
                int i = Integer.parseInt(rs);
                return i >= 1 && i <= names.size() ? names.get(i - 1) : rs;
            }
            return rs;
        }
        double[] current = model.mdp().rewardArray();
        for (String name : model.rewardStructureNames()) {
            if (Arrays.equals(current, model.rewards(name))) {
                return name;
            }
        }
        return "(model rewards)";
    }

    private static String describe(Query query) {
        switch (query.kind()) {
            case REACH_REWARD:
                return "R[F target]";
            case TOTAL_REWARD:
                return query.isStepBounded() ? "R[C<=" + query.steps() + "]" : "R[C]";
            case INSTANTANEOUS:
                return "R[I=" + query.steps() + "]";
            case DISCOUNTED_TOTAL:
                return "R[C discount=" + query.discount() + "]";
            default:
                return "the total reward until a terminal state";
        }
    }

    /**
     * The state reward of each state for {@code I=k}: the reward of its choices, which must agree
     * (the per-choice rewards fold state and transition rewards together); 0 for terminal states.
     */
    private static double[] stateRewards(Mdp mdp, double[] r, String structure) {
        int n = mdp.numStates();
        double[] out = new double[n];
        int[] cs = mdp.choiceStartArray();
        for (int s = 0; s < n; s++) {
            if (cs[s] == cs[s + 1]) {
                continue;
            }
            out[s] = r[cs[s]];
            for (int c = cs[s] + 1; c < cs[s + 1]; c++) {
                if (r[c] != out[s]) {
                    throw new IllegalArgumentException("R[I=k] reads state rewards, but reward structure " + structure
                            + " gives state " + s + " different rewards per choice (" + out[s] + " and " + r[c]
                            + "): it has transition or action rewards");
                }
            }
        }
        return out;
    }

    /** Whether the rewards must be negated (all ≤ 0); throws for mixed signs. */
    private static boolean requireOneSign(double[] r, Query query) {
        boolean pos = false;
        boolean neg = false;
        for (double x : r) {
            pos |= x > 0;
            neg |= x < 0;
        }
        if (pos && neg) {
            throw new IllegalArgumentException(describe(query) + " needs rewards of one sign, but the rewards are"
                    + " both positive and negative (the total could oscillate); ask R=? [ C<=k ], R=? [ C discount=g ]"
                    + " or give --discount G < 1");
        }
        return neg;
    }

    private static BitSet terminalStates(Mdp mdp) {
        BitSet b = new BitSet(mdp.numStates());
        for (int s = 0; s < mdp.numStates(); s++) {
            if (mdp.isTerminal(s)) {
                b.set(s);
            }
        }
        return b;
    }

    private static double[] indicator(BitSet set, int n) {
        double[] v = new double[n];
        for (int s = set.nextSetBit(0); s >= 0 && s < n; s = set.nextSetBit(s + 1)) {
            v[s] = 1.0;
        }
        return v;
    }

    private static double[] negate(double[] v) {
        if (v == null) {
            return null;
        }
        double[] out = new double[v.length];
        for (int i = 0; i < v.length; i++) {
            out[i] = v[i] == 0.0 ? 0.0 : -v[i];
        }
        return out;
    }

    private static double[] oneMinus(double[] v) {
        if (v == null) {
            return null;
        }
        double[] out = new double[v.length];
        for (int i = 0; i < v.length; i++) {
            out[i] = 1.0 - v[i];
        }
        return out;
    }

    /** 1 − the probabilities of {@code s} (bounds swapped): P[G φ] from P[F ¬φ]. */
    private static Solution complement(Solution s) {
        return copy(s).method(s.method() + "-complement").values(oneMinus(s.values()))
                .bounds(oneMinus(s.upper()), oneMinus(s.lower())).build();
    }

    /** The values of {@code s} negated (bounds swapped). */
    private static Solution negated(Solution s) {
        return copy(s).method(s.method() + "-negated").values(negate(s.values()))
                .bounds(negate(s.upper()), negate(s.lower())).build();
    }

    private static Solution.Builder copy(Solution s) {
        return Solution.builder().method(s.method()).status(s.status()).accuracy(s.accuracy()).values(s.values())
                .bounds(s.lower(), s.upper()).policy(s.policy()).iterations(s.iterations()).residual(s.residual())
                .errorBound(s.errorBound()).policyBound(s.policyBound()).seconds(s.seconds());
    }
}
