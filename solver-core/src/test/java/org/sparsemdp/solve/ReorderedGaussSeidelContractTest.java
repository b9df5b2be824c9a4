package org.sparsemdp.solve;

import org.sparsemdp.graph.StateOrdering;

/** Runs the {@link SolverContractTest} for Gauss–Seidel on the reverse Cuthill–McKee renumbering. */
class ReorderedGaussSeidelContractTest extends SolverContractTest {
    @Override
    protected Solver solver() {
        return new ReorderingSolver(new GaussSeidelSolver(), StateOrdering.RCM);
    }

    @Override
    protected String registeredName() {
        return "gs";
    }

    @Override
    protected String variantName() {
        return "gs[reorder=rcm]";
    }
}
