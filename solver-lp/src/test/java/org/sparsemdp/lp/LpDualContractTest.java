package org.sparsemdp.lp;

import org.sparsemdp.solve.Solver;
import org.sparsemdp.solve.SolverContractTest;

/** The shared solver contract (solver-core's test-jar) for the dual (occupancy) LP. */
class LpDualContractTest extends SolverContractTest {
    @Override
    protected Solver solver() {
        return LpSolvers.byName(LpSolver.DUAL_NAME, LpSettings.defaults());
    }

    @Override
    protected String registeredName() {
        return LpSolver.DUAL_NAME;
    }

    @Override
    protected boolean stopsEarly() {
        return false;
    }
}
