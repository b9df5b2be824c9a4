package org.sparsemdp.solve;

/** Runs the {@link SolverContractTest} for SOR with the default relaxation factor. */
class SorContractTest extends SolverContractTest {
    @Override
    protected Solver solver() {
        return new SorSolver();
    }

    @Override
    protected String registeredName() {
        return "sor";
    }
}
