package org.sparsemdp.solve;

/** Runs the {@link SolverContractTest} for Jacobi value iteration with 2 threads. */
class ParallelValueIterationContractTest extends SolverContractTest {
    @Override
    protected Solver solver() {
        return new ValueIterationSolver();
    }

    @Override
    protected String registeredName() {
        return "vi";
    }

    @Override
    protected int threads() {
        return 2;
    }
}
