package org.sparsemdp.property;

import org.sparsemdp.result.Solution;
import org.sparsemdp.solve.horizon.HorizonResult;

/**
 * The answer to a {@link Query}: the {@link Solution} (values of every state, bounds, a
 * stationary policy), the per-step policy of step-bounded objectives, and, when some value is
 * infinite, a one-line explanation with what to ask instead.
 */
public final class QueryResult {
    private final Query query;
    private final Solution solution;
    private final HorizonResult horizon;
    private final String rewardStructure;
    private final String infinityReason;

    QueryResult(Query query, Solution solution, HorizonResult horizon, String rewardStructure, String infinityReason) {
        this.query = query;
        this.solution = solution;
        this.horizon = horizon;
        this.rewardStructure = rewardStructure;
        this.infinityReason = infinityReason;
    }

    /** The query answered. */
    public Query query() {
        return query;
    }

    /**
     * The values, bounds and policy. For step-bounded objectives the policy is the choice of the
     * first step (steps-to-go = the bound); see {@link #horizon()} for the whole per-step policy.
     */
    public Solution solution() {
        return solution;
    }

    /** The backward-induction result of a step-bounded objective (null otherwise). */
    public HorizonResult horizon() {
        return horizon;
    }

    /** The reward structure used (its name, or "(model rewards)"), null for probabilities. */
    public String rewardStructure() {
        return rewardStructure;
    }

    /** Why some values are infinite and what to ask instead (one line), or null if all are finite. */
    public String infinityReason() {
        return infinityReason;
    }
}
