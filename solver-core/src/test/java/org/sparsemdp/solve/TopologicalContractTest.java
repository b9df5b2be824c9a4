package org.sparsemdp.solve;

/** Runs the {@link SolverContractTest} for topological iteration with Gauss–Seidel inside components. */
class TopologicalContractTest extends SolverContractTest {
    @Override
    protected Solver solver() {
        return new TopologicalSolver();
    }

    @Override
    protected String registeredName() {
        return "topological";
    }
}
