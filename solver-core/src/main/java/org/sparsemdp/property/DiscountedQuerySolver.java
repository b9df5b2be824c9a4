package org.sparsemdp.property;

import org.sparsemdp.io.LoadedModel;
import org.sparsemdp.model.Mdp;
import org.sparsemdp.solve.Solver;
import org.sparsemdp.solve.SolverOptions;

/**
 * The discounted total reward {@code R=? [ C discount=g ]} (Storm) by a discounted
 * {@link Solver} (value iteration by default) on the model with the query's rewards, discount g
 * and direction: that solver's algorithm, stopping rule and certificate. Threads: those of the
 * solver ({@link #usesThreads()} is its {@link Solver#usesThreads()}).
 */
public final class DiscountedQuerySolver implements QuerySolver {
    private final Solver solver;

    /** Solves with {@code solver}, e.g. {@code Solvers.byName("vi")}. */
    public DiscountedQuerySolver(Solver solver) {
        if (solver == null) {
            throw new IllegalArgumentException("a discounted solver must be given");
        }
        this.solver = solver;
    }

    /** The discounted solver's {@link Solver#name()}. */
    @Override
    public String name() {
        return solver.name();
    }

    @Override
    public boolean usesThreads() {
        return solver.usesThreads();
    }

    @Override
    public boolean supports(Query query) {
        return query.kind() == Query.Kind.DISCOUNTED_TOTAL;
    }

    @Override
    public QueryResult solve(LoadedModel model, Query query, SolverOptions options) {
        QueryRewards.requireSupported(this, query);
        double[] r = QueryRewards.rewards(model, query);
        String structure = QueryRewards.structureName(model, query);
        Mdp m = model.mdp().withRewards(r).withDiscount(query.discount()).withObjective(query.direction());
        return new QueryResult(query, solver.solve(m, options), null, structure, null);
    }
}
