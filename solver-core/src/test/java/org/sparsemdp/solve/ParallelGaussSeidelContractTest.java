package org.sparsemdp.solve;

/** Runs the {@link SolverContractTest} for deterministic block Gauss–Seidel with 3 threads. */
class ParallelGaussSeidelContractTest extends SolverContractTest {
    @Override
    protected Solver solver() {
        return new GaussSeidelSolver();
    }

    @Override
    protected String registeredName() {
        return "gs";
    }

    @Override
    protected int threads() {
        return 3;
    }
}
