package org.sparsemdp.solve;

import org.sparsemdp.graph.StateOrdering;

/** Runs the {@link SolverContractTest} for the topological method on the breadth-first renumbering. */
class ReorderedTopologicalContractTest extends SolverContractTest {
    @Override
    protected Solver solver() {
        return new ReorderingSolver(new TopologicalSolver(), StateOrdering.BFS);
    }

    @Override
    protected String registeredName() {
        return "topological";
    }

    @Override
    protected String variantName() {
        return "topological[reorder=bfs]";
    }
}
