package org.sparsemdp.property;

import org.sparsemdp.solve.undiscounted.IterationOrder;

/** The query-solver contract for {@code topological}. */
class TopologicalIntervalIterationQueryContractTest extends QuerySolverContractTest {
    @Override
    protected QuerySolver solver() {
        return new IntervalQuerySolver(IterationOrder.TOPOLOGICAL, false);
    }

    @Override
    protected String registeredName() {
        return "topological";
    }
}
