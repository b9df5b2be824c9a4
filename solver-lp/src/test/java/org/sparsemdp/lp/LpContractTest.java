package org.sparsemdp.lp;

import org.sparsemdp.solve.Solver;
import org.sparsemdp.solve.SolverContractTest;

/** The shared solver contract (solver-core's test-jar) for the primal LP with default settings. */
class LpContractTest extends SolverContractTest {
    @Override
    protected Solver solver() {
        return LpSolvers.byName(LpSolver.NAME, LpSettings.defaults());
    }

    @Override
    protected String registeredName() {
        return LpSolver.NAME;
    }

    @Override
    protected boolean stopsEarly() {
        return false;
    }
}
