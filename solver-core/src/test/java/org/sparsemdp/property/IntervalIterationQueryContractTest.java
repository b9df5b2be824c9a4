package org.sparsemdp.property;

import org.sparsemdp.solve.undiscounted.IterationOrder;

/** The query-solver contract for {@code ii}. */
class IntervalIterationQueryContractTest extends QuerySolverContractTest {
    @Override
    protected QuerySolver solver() {
        return new IntervalQuerySolver(IterationOrder.GLOBAL, false);
    }

    @Override
    protected String registeredName() {
        return "ii";
    }
}
