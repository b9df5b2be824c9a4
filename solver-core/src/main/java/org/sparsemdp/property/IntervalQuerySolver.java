package org.sparsemdp.property;

import java.util.BitSet;
import org.sparsemdp.io.LoadedModel;
import org.sparsemdp.model.Mdp;
import org.sparsemdp.model.Objective;
import org.sparsemdp.result.Solution;
import org.sparsemdp.solve.SolverOptions;
import org.sparsemdp.solve.VariantName;
import org.sparsemdp.solve.undiscounted.CumulativeReward;
import org.sparsemdp.solve.undiscounted.IterationOrder;
import org.sparsemdp.solve.undiscounted.Reachability;
import org.sparsemdp.solve.undiscounted.TotalRewardSolver;

/**
 * The unbounded undiscounted objectives by the certified methods of
 * {@code org.sparsemdp.solve.undiscounted}, after graph analysis (Prob0/Prob1) and end-component
 * merging: interval iteration (Haddad &amp; Monmege 2018; Baier et al., CAV 2017) in the given
 * {@link IterationOrder} — {@code ii} global, {@code topological} one strongly connected component
 * at a time — or optimistic value iteration ({@code ovi}; Hartmanns &amp; Kaminski, CAV 2020).
 *
 * <ul>
 *   <li>P[φ U ψ], P[F ψ]: {@link Reachability#probability} on a copy of the model where the states
 *       of ¬φ ∧ ¬ψ are terminal; P[G φ] = 1 − P<sub>opposite</sub>[F ¬φ];</li>
 *   <li>R[F ψ]: {@link Reachability#reward} (∞ where ψ is missed: Rmin under no policy, Rmax under
 *       some); R[C]: {@link CumulativeReward#solve}; the total reward until a terminal state:
 *       {@link TotalRewardSolver}. Rewards must have one sign: if all are ≤ 0 the problem is solved
 *       for the negated rewards in the opposite direction and the values negated back.</li>
 * </ul>
 *
 * <p>Stopping rule: upper − lower ≤ ε in every state, or ≤ ε·lower with {@code relative}; the
 * values are the midpoints, {@code lower()}/{@code upper()} the certified bounds, accuracy
 * {@code CERTIFIED}, the policy bound certified by a solve of the policy's chain. Sequential.
 */
public final class IntervalQuerySolver implements QuerySolver {
    private final IterationOrder order;
    private final boolean relative;

    /**
     * @param order    global or topological interval iteration, or optimistic value iteration
     * @param relative stop at upper − lower ≤ ε·lower instead of ≤ ε
     */
    public IntervalQuerySolver(IterationOrder order, boolean relative) {
        if (order == null) {
            throw new IllegalArgumentException("iteration order must be given");
        }
        this.order = order;
        this.relative = relative;
    }

    /**
     * The iteration order of a method name ({@link IterationOrder#ofMethod}): {@code ii} (or null)
     * global, {@code topological}, {@code ovi} optimistic, {@code svi} sound, {@code ssp-pi} policy
     * iteration.
     *
     * @throws IllegalArgumentException for any other name
     */
    public static IterationOrder order(String method) {
        return IterationOrder.ofMethod(method);
    }

    /** The method name of the order ({@link IterationOrder#methodName()}), with {@code [stop=relative]} for the relative criterion. */
    @Override
    public String name() {
        return VariantName.of(order.methodName()).with(relative, "stop", "relative").toString();
    }

    @Override
    public boolean supports(Query query) {
        switch (query.kind()) {
            case REACH_PROBABILITY:
            case SAFETY_PROBABILITY:
            case TOTAL_REWARD:
                return !query.isStepBounded();
            case REACH_REWARD:
            case TOTAL_UNTIL_TERMINAL:
                return true;
            default:
                return false;
        }
    }

    @Override
    public QueryResult solve(LoadedModel model, Query query, SolverOptions options) {
        QueryRewards.requireSupported(this, query);
        model = QueryRewards.undiscounted(model);
        Mdp mdp = model.mdp();
        switch (query.kind()) {
            case REACH_PROBABILITY:
                return new QueryResult(query, untilProbability(mdp, query.safe(), query.target(), query.direction(),
                        options), null, null, null);
            case SAFETY_PROBABILITY: {
                QueryResult r = solve(model, QueryRewards.unsafeReach(query, mdp.numStates()), options);
                return new QueryResult(query, QueryRewards.complement(r.solution()), r.horizon(), null, null);
            }
            default:
                return reward(model, query, options);
        }
    }

    private QueryResult reward(LoadedModel model, Query query, SolverOptions options) {
        Mdp mdp = model.mdp();
        double[] r = QueryRewards.rewards(model, query);
        String structure = QueryRewards.structureName(model, query);
        Objective dir = query.direction();
        boolean negated = QueryRewards.requireOneSign(r, query);
        double[] nonNegative = negated ? QueryRewards.negate(r) : r;
        Objective d = negated ? dir.opposite() : dir;
        Solution s;
        BitSet target = query.kind() == Query.Kind.REACH_REWARD ? query.target() : QueryRewards.terminalStates(mdp);
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
            s = QueryRewards.negated(s);
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
    private Solution untilProbability(Mdp mdp, BitSet safe, BitSet target, Objective dir, SolverOptions options) {
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
        return s.toBuilder().policy(restricted.originalPolicy(s.policy())).build();
    }
}
