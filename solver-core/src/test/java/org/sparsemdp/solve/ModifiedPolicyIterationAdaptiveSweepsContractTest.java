package org.sparsemdp.solve;

/** Runs the {@link SolverContractTest} for adaptive modified policy iteration by sweeps only. */
class ModifiedPolicyIterationAdaptiveSweepsContractTest extends SolverContractTest {
    @Override
    protected Solver solver() {
        return ModifiedPolicyIterationSolver.adaptive(ModifiedPolicyIterationSolver.DEFAULT_RATIO,
                ModifiedPolicyIterationSolver.DEFAULT_MAX_SWEEPS);
    }

    @Override
    protected String registeredName() {
        return "mpi";
    }

    @Override
    protected String variantName() {
        return "mpi[krylovAfter=Infinity]";
    }
}
