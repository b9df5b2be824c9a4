package org.sparsemdp.solve;

/** Runs the {@link SolverContractTest} for the asynchronous (chaotic) parallel Gauss–Seidel with 3 threads. */
class AsynchronousGaussSeidelContractTest extends SolverContractTest {
    @Override
    protected Solver solver() {
        return ParallelGaussSeidelSolver.asynchronous();
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
