package org.sparsemdp.property;

import java.util.Arrays;
import java.util.BitSet;
import org.sparsemdp.io.LoadedModel;
import org.sparsemdp.model.Mdp;
import org.sparsemdp.result.Certificate;
import org.sparsemdp.result.Solution;
import org.sparsemdp.solve.RunLimits;
import org.sparsemdp.solve.SolverOptions;
import org.sparsemdp.solve.horizon.BackwardInduction;
import org.sparsemdp.solve.horizon.HorizonResult;

/**
 * The step-bounded objectives F&lt;=k, φ U&lt;=k ψ, G&lt;=k φ, X ψ, C&lt;=k and I=k by exact
 * backward induction over k steps ({@link BackwardInduction}; Puterman 1994, §4.5): F≤k with the
 * target's indicator as initial values and the target frozen, φ U≤k ψ with ψ ∪ (¬φ ∧ ¬ψ) frozen,
 * G≤k φ = 1 − P<sub>opposite</sub>[F≤k ¬φ], X ψ as one step, C≤k from 0 with the choice rewards,
 * I=k from the state rewards without choice rewards.
 *
 * <p>No stopping rule: k steps, accuracy {@code EXACT} (error bound 0; policy bound 0 when the
 * per-step policy is kept: steps × states at most {@link #MAX_KEPT_POLICY_ENTRIES}). A run cut short
 * by its time or iteration limit has the values of fewer steps and no bound
 * ({@link Certificate#none()}). Sequential.
 */
public final class BoundedQuerySolver implements QuerySolver {
    /** Step-bounded runs keep the per-step policy if steps × states is at most this. */
    public static final long MAX_KEPT_POLICY_ENTRIES = 20_000_000L;

    /** {@link BackwardInduction#NAME}. */
    @Override
    public String name() {
        return BackwardInduction.NAME;
    }

    @Override
    public boolean supports(Query query) {
        switch (query.kind()) {
            case REACH_PROBABILITY:
            case SAFETY_PROBABILITY:
            case TOTAL_REWARD:
                return query.isStepBounded();
            case NEXT_PROBABILITY:
            case INSTANTANEOUS:
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
        int n = mdp.numStates();
        switch (query.kind()) {
            case REACH_PROBABILITY: {
                BitSet target = query.target();
                BitSet frozen = (BitSet) target.clone();
                if (query.safe() != null) {
                    BitSet fail = query.safe();
                    fail.or(target);
                    fail.flip(0, n);
                    frozen.or(fail);
                }
                return run(query, mdp, null, QueryRewards.indicator(target, n), frozen, null, options);
            }
            case SAFETY_PROBABILITY: {
                QueryResult r = solve(model, QueryRewards.unsafeReach(query, n), options);
                return new QueryResult(query, QueryRewards.complement(r.solution()), r.horizon(), null, null);
            }
            case NEXT_PROBABILITY:
                return run(query, mdp, null, QueryRewards.indicator(query.target(), n), null, null, options);
            default: {
                double[] r = QueryRewards.rewards(model, query);
                String structure = QueryRewards.structureName(model, query);
                return query.kind() == Query.Kind.INSTANTANEOUS
                        ? run(query, mdp, null, stateRewards(mdp, r, structure), null, structure, options)
                        : run(query, mdp, r, new double[n], null, structure, options);
            }
        }
    }

    private static QueryResult run(Query query, Mdp mdp, double[] reward, double[] initial, BitSet frozen,
                                   String structure, SolverOptions options) {
        options.requireSequential(BackwardInduction.NAME);
        int steps = query.steps();
        boolean keep = (long) steps * mdp.numStates() <= MAX_KEPT_POLICY_ENTRIES;
        HorizonResult h = BackwardInduction.run(mdp, reward, initial, frozen, 1.0, query.direction(), steps, keep,
                RunLimits.of(options));
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
                ? b.certificate(Certificate.exact(keep)).bounds(v.clone(), v.clone()).residual(0.0).build()
                : b.certificate(Certificate.none()).residual(Double.NaN).build();
        return new QueryResult(query, s, keep && complete ? h : null, structure, null);
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
}
