package org.sparsemdp.solve.average;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.sparsemdp.generate.GarnetGenerator;
import org.sparsemdp.model.Mdp;
import org.sparsemdp.model.Objective;
import org.sparsemdp.result.Status;
import org.sparsemdp.solve.SolverOptions;

/**
 * The 10^5-state Garnet of {@code sparsemdp generate garnet --states 100000 --actions 4
 * --branching 8 --seed 1}, whose optimal gain MDPSolver (github areenberg/MDPSolver) reports in
 * [0.81326903, 0.81326909]: an outside cross-check of both methods.
 */
class GarnetGainCrossCheckTest {
    private static final double MDPSOLVER_LOWER = 0.81326903;
    private static final double MDPSOLVER_UPPER = 0.81326909;

    @Test
    void bracketOverlapsMdpSolversInterval() {
        Mdp mdp = GarnetGenerator.generate(100_000, 4, 8, 0.99, 1);
        for (String method : new String[] {AverageReward.RVI, AverageReward.PI}) {
            AverageResult r = AverageReward.solve(mdp, null, Objective.MAXIMIZE,
                    SolverOptions.builder().epsilon(1e-8).build(), method);
            assertEquals(Status.CONVERGED, r.status(), method);
            assertTrue(r.isConstant(), method);
            double lo = r.gainLower()[0];
            double hi = r.gainUpper()[0];
            assertTrue(hi - lo <= 2e-8, method + " width " + (hi - lo));
            assertTrue(lo <= MDPSOLVER_UPPER && MDPSOLVER_LOWER <= hi,
                    method + ": [" + lo + ", " + hi + "] misses MDPSolver's interval");
        }
    }
}
