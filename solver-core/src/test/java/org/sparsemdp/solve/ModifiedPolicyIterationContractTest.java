package org.sparsemdp.solve;

/** Runs the {@link SolverContractTest} for modified policy iteration in its default configuration (adaptive sweeps, then Krylov). */
class ModifiedPolicyIterationContractTest extends SolverContractTest {
    @Override
    protected Solver solver() {
        return new ModifiedPolicyIterationSolver();
    }

    @Override
    protected String registeredName() {
        return "mpi";
    }
}
