package org.sparsemdp.solve;

/** Runs the {@link SolverContractTest} for policy iteration with GMRES and ILU(0). */
class PolicyIterationGmresIluContractTest extends SolverContractTest {
    @Override
    protected Solver solver() {
        return new PolicyIterationSolver(org.sparsemdp.evaluate.PolicyEvaluator.builder().method(org.sparsemdp.evaluate.KrylovMethod.GMRES).preconditioning(org.sparsemdp.evaluate.Preconditioning.ILU0).build(), 0.01);
    }

    @Override
    protected String registeredName() {
        return "pi";
    }

    @Override
    protected String variantName() {
        return "pi[krylov=gmres,fraction=0.01]";
    }
}
