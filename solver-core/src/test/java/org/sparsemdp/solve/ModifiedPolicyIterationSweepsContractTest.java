package org.sparsemdp.solve;

/** Runs the {@link SolverContractTest} for modified policy iteration with 5 sweeps per step. */
class ModifiedPolicyIterationSweepsContractTest extends SolverContractTest {
    @Override
    protected Solver solver() {
        return new ModifiedPolicyIterationSolver(5);
    }

    @Override
    protected String registeredName() {
        return "mpi";
    }

    @Override
    protected String variantName() {
        return "mpi[sweeps=5]";
    }
}
