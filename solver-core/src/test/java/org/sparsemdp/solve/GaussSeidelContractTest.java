package org.sparsemdp.solve;

/** Runs the {@link SolverContractTest} for sequential Gauss–Seidel. */
class GaussSeidelContractTest extends SolverContractTest {
    @Override
    protected Solver solver() {
        return new GaussSeidelSolver();
    }

    @Override
    protected String registeredName() {
        return "gs";
    }
}
