package org.sparsemdp.solve;

/**
 * Runs the {@link SolverContractTest} for adaptive modified policy iteration that turns to Krylov
 * evaluations after two full sweeps of work, so that both kinds of evaluation meet in one run.
 */
class ModifiedPolicyIterationEarlyKrylovContractTest extends SolverContractTest {
    @Override
    protected Solver solver() {
        return ModifiedPolicyIterationSolver.adaptive(0.3, 1000, PolicyIterationSolver.defaultEvaluator(),
                ModifiedPolicyIterationSolver.DEFAULT_LOOSENESS, 2);
    }

    @Override
    protected String registeredName() {
        return "mpi";
    }

    @Override
    protected String variantName() {
        return "mpi[ratio=0.3,maxSweeps=1000,krylovAfter=2.0]";
    }
}
