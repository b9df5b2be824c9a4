package org.sparsemdp.lp;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.sparsemdp.model.Mdp;
import org.sparsemdp.result.Accuracy;
import org.sparsemdp.result.Status;
import org.sparsemdp.solve.SolverOptions;
import org.sparsemdp.testing.SeedModels;

/** The seed lab's published LP answer, for both formulations and both backends. */
class InventoryLabLpTest {

    @ParameterizedTest
    @CsvSource({"PRIMAL, GLOP", "PRIMAL, PDLP", "DUAL, GLOP", "DUAL, PDLP"})
    void matchesThePublishedValuesAndPolicy(LpSolver.Formulation formulation, LpBackend backend) {
        Mdp mdp = SeedModels.inventory();
        double eps = 1e-7;
        LpSolver solver = new LpSolver(formulation, LpSettings.builder().backend(backend).build());
        LpResult result = solver.solveDetailed(mdp, SolverOptions.builder().epsilon(eps).build());

        assertEquals(Status.CONVERGED, result.solution().status(), result.diagnostics().summary());
        assertEquals(Accuracy.CERTIFIED, result.solution().accuracy());
        assertArrayEquals(SeedModels.INVENTORY_OPTIMAL, result.solution().values(), eps);
        for (int s = 0; s < 4; s++) {
            assertEquals(SeedModels.INVENTORY_POLICY[s], mdp.actionLabel(result.solution().policy()[s]), "state " + s);
        }
        LpDiagnostics d = result.diagnostics();
        assertEquals(backend, d.backend());
        assertEquals(LpStatus.OPTIMAL, d.lpStatus());
        assertTrue(d.primalResidual() <= 1e-6, d.summary());
        assertTrue(d.dualResidual() <= 1e-6, d.summary());
        assertTrue(d.dualityGap() <= 1e-6, d.summary());
        assertTrue(result.solution().errorBound() <= eps);
        // The true error is within the certified bound.
        for (int s = 0; s < 4; s++) {
            assertTrue(Math.abs(result.solution().value(s) - SeedModels.INVENTORY_OPTIMAL[s])
                    <= result.solution().errorBound() + 1e-12);
        }
        // Objective Σ ρ0 v with ρ0 uniform: (1290 + 1290 + 1130 + 1115) / (4·49).
        assertEquals((1290.0 + 1290 + 1130 + 1115) / (4 * 49), d.lpObjective(), 1e-6);
        if (formulation == LpSolver.Formulation.DUAL) {
            OccupancyMeasure occ = result.occupancy();
            assertNotNull(occ);
            for (int s = 0; s < 4; s++) {
                int c = mdp.findChoice(s, SeedModels.INVENTORY_POLICY[s]);
                assertEquals(1.0, occ.policy()[c], 1e-6, "state " + s);
            }
        }
    }
}
