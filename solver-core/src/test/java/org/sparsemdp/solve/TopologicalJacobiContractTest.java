package org.sparsemdp.solve;

/** Runs the {@link SolverContractTest} for topological iteration with Jacobi inside components. */
class TopologicalJacobiContractTest extends SolverContractTest {
    @Override
    protected Solver solver() {
        return new TopologicalSolver(TopologicalSolver.Inner.JACOBI);
    }

    @Override
    protected String registeredName() {
        return "topological";
    }

    @Override
    protected String variantName() {
        return "topological[inner=vi]";
    }
}
