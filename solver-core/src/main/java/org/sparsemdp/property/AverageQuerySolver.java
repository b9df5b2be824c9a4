package org.sparsemdp.property;

import org.sparsemdp.io.LoadedModel;
import org.sparsemdp.model.Mdp;
import org.sparsemdp.solve.SolverOptions;
import org.sparsemdp.solve.average.AverageReward;

/**
 * The long-run average objectives {@code R=? [ S ]}, {@code R=? [ LRA ]} and {@code LRA=? [ φ ]}
 * with PRISM's and Storm's semantics (a terminal state loops forever on its state reward), by
 * {@link AverageReward}: relative value iteration ({@code rvi}, default; Puterman 1994, §8.5) or
 * policy iteration ({@code pi}, §8.6.1) on the maximal end components, with certified gain brackets;
 * stopping rule: bracket width ≤ 2ε. Sequential.
 */
public final class AverageQuerySolver implements QuerySolver {
    private final String method;

    /** Relative value iteration. */
    public AverageQuerySolver() {
        this(AverageReward.RVI);
    }

    /**
     * @param method {@link AverageReward#RVI} or {@link AverageReward#PI}
     * @throws IllegalArgumentException for another method
     */
    public AverageQuerySolver(String method) {
        if (!AverageReward.RVI.equals(method) && !AverageReward.PI.equals(method)) {
            throw new IllegalArgumentException("average reward method must be '" + AverageReward.RVI + "' or '"
                    + AverageReward.PI + "', not '" + method + "'");
        }
        this.method = method;
    }

    /** {@code rvi} or {@code pi}. */
    @Override
    public String name() {
        return method;
    }

    @Override
    public boolean supports(Query query) {
        return query.kind() == Query.Kind.LONG_RUN_AVERAGE;
    }

    @Override
    public QueryResult solve(LoadedModel model, Query query, SolverOptions options) {
        QueryRewards.requireSupported(this, query);
        model = QueryRewards.undiscounted(model);
        Mdp mdp = model.mdp();
        if (query.target() != null) {
            double[][] r = LongRunAverageQuery.indicatorRewards(mdp, query.target());
            return new QueryResult(query, LongRunAverageQuery.solve(mdp, r[0], r[1], query.direction(), options,
                    method), null, null, null);
        }
        double[] r = QueryRewards.rewards(model, query);
        String structure = QueryRewards.structureName(model, query);
        double[] terminal = new double[mdp.numStates()];
        if (model.rewardStructureNames().contains(structure)) {
            double[] state = model.rewardStructure(structure).stateRewardArray();
            if (state != null) {
                for (int s = 0; s < terminal.length; s++) {
                    terminal[s] = mdp.isTerminal(s) ? state[s] : 0.0;
                }
            }
        }
        return new QueryResult(query, LongRunAverageQuery.solve(mdp, r, terminal, query.direction(), options, method),
                null, structure, null);
    }
}
