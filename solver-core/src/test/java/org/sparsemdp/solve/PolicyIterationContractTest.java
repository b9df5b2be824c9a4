package org.sparsemdp.solve;

/** Runs the {@link SolverContractTest} for policy iteration (default BiCGstab evaluation). */
class PolicyIterationContractTest extends SolverContractTest {
    @Override
    protected Solver solver() {
        return new PolicyIterationSolver();
    }

    @Override
    protected String registeredName() {
        return "pi";
    }
}
