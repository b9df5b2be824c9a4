package org.sparsemdp.lp;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.sparsemdp.model.Mdp;
import org.sparsemdp.model.Objective;
import org.sparsemdp.solve.SolverOptions;
import org.sparsemdp.testing.DenseOracle;
import org.sparsemdp.testing.RandomMdps;

/**
 * The dual LP's occupancy measures: they satisfy the flow equations, and equal the occupancy of
 * the oracle's optimal policy, η = (I − γ P_πᵀ)⁻¹ ρ0, computed here by a dense solve.
 */
class OccupancyMeasureTest {

    @ParameterizedTest
    @CsvSource({"21, GLOP, MINIMIZE, 0.9", "22, PDLP, MAXIMIZE, 0.9", "23, GLOP, MAXIMIZE, 0.97",
        "24, PDLP, MINIMIZE, 0.7"})
    void occupancyIsTheOptimalPolicysDiscountedVisitCount(long seed, LpBackend backend, Objective objective,
                                                          double gamma) {
        int n = 30;
        Mdp mdp = RandomMdps.random(seed, n, 3, 4, gamma, objective, 0.1);
        double[] rho = new double[n];
        for (int s = 0; s < n; s++) {
            rho[s] = 1.0 + (s % 3); // not uniform, to exercise the weights
        }
        LpSolver solver = new LpSolver(LpSolver.Formulation.DUAL,
                LpSettings.builder().backend(backend).initialDistribution(rho).build());
        LpResult result = solver.solveDetailed(mdp, SolverOptions.builder().epsilon(1e-7).build());
        double[] x = result.occupancy().occupancy();

        // Flow equations, recomputed here: Σ_a x(s',a) − γ Σ_{s,a} p(s'|s,a) x(s,a) = ρ0(s').
        double[] inflow = new double[n];
        for (int c = 0; c < mdp.numChoices(); c++) {
            for (int k = mdp.transitionStart(c); k < mdp.transitionEnd(c); k++) {
                inflow[mdp.successor(k)] += gamma * mdp.probability(k) * x[c];
            }
        }
        for (int s = 0; s < n; s++) {
            if (!mdp.isTerminal(s)) {
                double out = 0;
                for (int c = mdp.choiceStart(s); c < mdp.choiceEnd(s); c++) {
                    out += x[c];
                }
                assertEquals(rho[s], out - inflow[s], 1e-6, "flow at state " + s);
            }
        }

        // Dense η for the oracle's optimal policy: (I − γ P_πᵀ) η = ρ0.
        int[] pi = DenseOracle.optimalPolicy(mdp);
        double[][] a = new double[n][n + 1];
        for (int s = 0; s < n; s++) {
            a[s][s] += 1.0;
            a[s][n] = rho[s];
        }
        for (int s = 0; s < n; s++) {
            if (pi[s] < 0) {
                continue;
            }
            for (int k = mdp.transitionStart(pi[s]); k < mdp.transitionEnd(pi[s]); k++) {
                a[mdp.successor(k)][s] -= gamma * mdp.probability(k);
            }
        }
        double[] eta = DenseOracle.solve(a);
        double scale = 1.0 / (1 - gamma);
        for (int s = 0; s < n; s++) {
            for (int c = mdp.choiceStart(s); c < mdp.choiceEnd(s); c++) {
                double expected = c == pi[s] ? eta[s] : 0.0;
                assertEquals(expected, x[c], 1e-6 * scale, "occupancy of choice " + c + " of state " + s);
                assertEquals(c == pi[s] ? 1.0 : 0.0, result.occupancy().policy()[c], 1e-6,
                        "policy at choice " + c + " of state " + s);
            }
        }
    }
}
