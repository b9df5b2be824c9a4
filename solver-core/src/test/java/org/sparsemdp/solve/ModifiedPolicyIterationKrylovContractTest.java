package org.sparsemdp.solve;

/** Runs the {@link SolverContractTest} for modified policy iteration with Krylov partial evaluation. */
class ModifiedPolicyIterationKrylovContractTest extends SolverContractTest {
    @Override
    protected Solver solver() {
        return new ModifiedPolicyIterationSolver(PolicyIterationSolver.defaultEvaluator(),
                ModifiedPolicyIterationSolver.DEFAULT_LOOSENESS);
    }

    @Override
    protected String registeredName() {
        return "mpi";
    }

    @Override
    protected String variantName() {
        return "mpi[eval=krylov]";
    }
}
