package org.sparsemdp.solve;

/** Runs the {@link SolverContractTest} for Jacobi value iteration, one thread. */
class ValueIterationContractTest extends SolverContractTest {
    @Override
    protected Solver solver() {
        return new ValueIterationSolver();
    }

    @Override
    protected String registeredName() {
        return "vi";
    }
}
