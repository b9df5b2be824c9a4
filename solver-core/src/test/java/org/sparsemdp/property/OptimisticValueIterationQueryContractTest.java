package org.sparsemdp.property;

import org.sparsemdp.solve.undiscounted.IterationOrder;

/** The query-solver contract for {@code ovi}. */
class OptimisticValueIterationQueryContractTest extends QuerySolverContractTest {
    @Override
    protected QuerySolver solver() {
        return new IntervalQuerySolver(IterationOrder.OPTIMISTIC, false);
    }

    @Override
    protected String registeredName() {
        return "ovi";
    }
}
