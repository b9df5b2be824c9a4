package org.sparsemdp.property;

import org.sparsemdp.io.LoadedModel;
import org.sparsemdp.solve.Solver;
import org.sparsemdp.solve.SolverOptions;
import org.sparsemdp.solve.undiscounted.IterationOrder;

/**
 * Evaluates {@link Query queries} with fixed options and methods: for each query the
 * {@link QuerySolver} of {@link QuerySolvers#forQuery(Query, IterationOrder, boolean, Solver)}
 * ({@link IntervalQuerySolver} for the unbounded undiscounted objectives, {@link BoundedQuerySolver}
 * for step-bounded ones, {@link DiscountedQuerySolver} for {@code C discount=g},
 * {@link AverageQuerySolver} for long-run averages), run with the options given here.
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
    /** Step-bounded runs keep the per-step policy if steps × states is at most this ({@link BoundedQuerySolver}). */
    public static final long MAX_KEPT_POLICY_ENTRIES = BoundedQuerySolver.MAX_KEPT_POLICY_ENTRIES;

    private final SolverOptions options;
    private final boolean relative;
    private final IterationOrder order;
    private final Solver discountedSolver;

    /**
     * @param options          epsilon, limits and listener of every run
     * @param relative         interval iteration stops at upper − lower ≤ ε·lower instead of ≤ ε
     * @param order            global or topological interval iteration, or optimistic value iteration
     * @param discountedSolver the solver for {@code C discount=g} (e.g. value iteration); may be
     *                         null if no such query is evaluated
     */
    public QueryEvaluator(SolverOptions options, boolean relative, IterationOrder order, Solver discountedSolver) {
        this.options = options;
        this.relative = relative;
        this.order = order;
        this.discountedSolver = discountedSolver;
    }

    /** The options every query is solved with. */
    public SolverOptions options() {
        return options;
    }

    /** The solver that answers {@code query}, with this evaluator's methods. */
    public QuerySolver solverFor(Query query) {
        return QuerySolvers.forQuery(query, order, relative, discountedSolver);
    }

    /**
     * Evaluates {@code query} on {@code model}: {@code solverFor(query).solve(model, query, options())}.
     *
     * @throws MissingRewardsException       for a reward objective on a model without rewards
     * @throws IllegalArgumentException      for rewards of both signs where one sign is needed
     */
    public QueryResult evaluate(LoadedModel model, Query query) {
        return solverFor(query).solve(model, query, options);
    }
}
