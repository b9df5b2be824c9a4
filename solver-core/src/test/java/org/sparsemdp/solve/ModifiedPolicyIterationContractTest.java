package org.sparsemdp.solve;

/** Runs the {@link SolverContractTest} for modified policy iteration (Krylov partial evaluation). */
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
