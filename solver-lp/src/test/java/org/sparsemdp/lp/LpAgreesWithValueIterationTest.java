package org.sparsemdp.lp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.sparsemdp.model.Mdp;
import org.sparsemdp.model.Objective;
import org.sparsemdp.result.Status;
import org.sparsemdp.solve.PolicyIterationSolver;
import org.sparsemdp.result.Solution;
import org.sparsemdp.solve.SolverOptions;
import org.sparsemdp.solve.ValueIterationSolver;
import org.sparsemdp.testing.RandomMdps;

/**
 * LP answers agree with value iteration and policy iteration (independent methods with their own
 * certified span bounds) on larger random models, up to 10^4 states, within the sum of the
 * certified bounds, with the automatic backend choice (GLOP below the threshold, PDLP above).
 */
class LpAgreesWithValueIterationTest {

    @ParameterizedTest
    @CsvSource({"31, 1500, PRIMAL, MINIMIZE, 0.9, 1e-5", "32, 1500, DUAL, MAXIMIZE, 0.9, 1e-5",
        "33, 3000, DUAL, MINIMIZE, 0.9, 1e-4", "34, 10000, PRIMAL, MAXIMIZE, 0.8, 1e-3"})
    void agreeWithinCertifiedBounds(long seed, int states, LpSolver.Formulation formulation, Objective objective,
                                    double gamma, double eps) {
        Mdp mdp = RandomMdps.random(seed, states, 2, 3, gamma, objective, 0.02);
        SolverOptions options = SolverOptions.builder().epsilon(eps).build();
        Solution vi = new ValueIterationSolver().solve(mdp, options);
        Solution pi = new PolicyIterationSolver().solve(mdp, options);
        LpResult lp = new LpSolver(formulation, LpSettings.defaults()).solveDetailed(mdp, options);
        assertEquals(LpSettings.defaults().backendFor(mdp), lp.diagnostics().backend());
        assertEquals(Status.CONVERGED, vi.status());
        assertEquals(Status.CONVERGED, pi.status());
        assertEquals(Status.CONVERGED, lp.solution().status(), lp.diagnostics().summary());
        double tolerance = vi.errorBound() + lp.solution().errorBound();
        double worst = 0;
        for (int s = 0; s < states; s++) {
            worst = Math.max(worst, Math.abs(vi.value(s) - lp.solution().value(s)));
        }
        assertTrue(worst <= tolerance + 1e-9, "max difference " + worst + " exceeds " + tolerance);
        double tolerancePi = pi.errorBound() + lp.solution().errorBound();
        double worstPi = 0;
        for (int s = 0; s < states; s++) {
            worstPi = Math.max(worstPi, Math.abs(pi.value(s) - lp.solution().value(s)));
        }
        assertTrue(worstPi <= tolerancePi + 1e-9, "max difference to pi " + worstPi + " exceeds " + tolerancePi);
    }
}
