package org.sparsemdp.solve;

/** Runs the {@link SolverContractTest} for SOR with under-relaxation (ω = 0.7). */
class UnderRelaxedSorContractTest extends SolverContractTest {
    @Override
    protected Solver solver() {
        return new SorSolver(0.7);
    }

    @Override
    protected String registeredName() {
        return "sor";
    }

    @Override
    protected String variantName() {
        return "sor[omega=0.7]";
    }
}
