package org.sparsemdp.property;

import org.sparsemdp.solve.Solver;
import org.sparsemdp.solve.Solvers;
import org.sparsemdp.solve.average.AverageReward;
import org.sparsemdp.solve.undiscounted.IterationOrder;
import org.sparsemdp.solve.undiscounted.TotalRewardSolver;

/**
 * The one entry point for {@link Query queries}: the {@link QuerySolver} that answers a query with
 * a given method. Each objective belongs to one family, and the method name chooses within it:
 *
 * <table>
 *   <caption>Objectives, their solvers and the method names they take</caption>
 *   <tr><th>objective</th><th>solver</th><th>methods</th></tr>
 *   <tr><td>unbounded P[φ U ψ], P[F ψ], P[G φ], R[F ψ], R[C], total reward until a terminal state</td>
 *       <td>{@link IntervalQuerySolver}</td><td>{@code ii} (default), {@code topological}, {@code ovi}</td></tr>
 *   <tr><td>step-bounded F&lt;=k, U&lt;=k, G&lt;=k, X, C&lt;=k, I=k</td><td>{@link BoundedQuerySolver}</td>
 *       <td>always exact backward induction (the method is not used)</td></tr>
 *   <tr><td>R[C discount=g]</td><td>{@link DiscountedQuerySolver}</td><td>any name of {@link Solvers}
 *       ({@code vi} by default and for the undiscounted-only {@code ii}, {@code ovi})</td></tr>
 *   <tr><td>R[S], R[LRA], LRA[φ]</td><td>{@link AverageQuerySolver}</td><td>{@code rvi} (default),
 *       {@code pi}; any other name: {@code rvi}</td></tr>
 * </table>
 *
 * <p>{@link QuerySolver#usesThreads()} says whether the chosen solver runs on
 * {@link org.sparsemdp.solve.SolverOptions#threads()}; only a discounted solver that uses threads
 * does, every other refuses more than one thread.
 */
public final class QuerySolvers {
    private QuerySolvers() {
    }

    /** The default method for {@code query}: {@code ii}, backward induction, {@code vi} or {@code rvi}. */
    public static QuerySolver forQuery(Query query) {
        return forQuery(query, null, false);
    }

    /** {@link #forQuery(Query, String, boolean)} with the absolute stopping criterion. */
    public static QuerySolver forQuery(Query query, String method) {
        return forQuery(query, method, false);
    }

    /**
     * The solver of {@code query} by {@code method} (null: the default; see the class comment).
     *
     * @param relative interval iteration stops at upper − lower ≤ ε·lower instead of ≤ ε
     * @throws IllegalArgumentException for a method that does not solve the query's objective
     *                                  (e.g. {@code vi} for a reachability probability)
     */
    public static QuerySolver forQuery(Query query, String method, boolean relative) {
        switch (query.kind()) {
            case DISCOUNTED_TOTAL:
                boolean undiscountedOnly = method == null || method.equals(TotalRewardSolver.NAME)
                        || method.equals(TotalRewardSolver.OPTIMISTIC_NAME);
                return new DiscountedQuerySolver(Solvers.byName(undiscountedOnly ? "vi" : method));
            case LONG_RUN_AVERAGE:
                return new AverageQuerySolver(AverageReward.PI.equals(method) ? AverageReward.PI : AverageReward.RVI);
            default:
                return isInterval(query) ? new IntervalQuerySolver(IntervalQuerySolver.order(method), relative)
                        : new BoundedQuerySolver();
        }
    }

    /**
     * The solver of {@code query} with each family's method given: {@code order} and
     * {@code relative} for the unbounded undiscounted objectives, {@code discounted} for
     * {@code C discount=g} (may be null if none is asked), relative value iteration for averages.
     */
    public static QuerySolver forQuery(Query query, IterationOrder order, boolean relative, Solver discounted) {
        return forQuery(query, order, relative, discounted, AverageReward.RVI);
    }

    private static QuerySolver forQuery(Query query, IterationOrder order, boolean relative, Solver discounted,
                                        String average) {
        switch (query.kind()) {
            case DISCOUNTED_TOTAL:
                return new DiscountedQuerySolver(discounted);
            case LONG_RUN_AVERAGE:
                return new AverageQuerySolver(average);
            default:
                return isInterval(query) ? new IntervalQuerySolver(order, relative) : new BoundedQuerySolver();
        }
    }

    private static boolean isInterval(Query query) {
        return new IntervalQuerySolver(IterationOrder.GLOBAL, false).supports(query);
    }
}
