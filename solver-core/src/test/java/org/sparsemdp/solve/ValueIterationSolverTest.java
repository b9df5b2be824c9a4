package org.sparsemdp.solve;

import org.sparsemdp.result.Solution;
import org.sparsemdp.result.Status;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.sparsemdp.model.Mdp;
import org.sparsemdp.model.Objective;
import org.sparsemdp.testing.DenseOracle;
import org.sparsemdp.testing.RandomMdps;
import org.sparsemdp.testing.SeedModels;

class ValueIterationSolverTest {
    private final Solver solver = new ValueIterationSolver();

    @Test
    void inventoryLabOptimalValuesAndPolicy() {
        Mdp mdp = SeedModels.inventory();
        Solution sol = solver.solve(mdp, SolverOptions.builder().epsilon(1e-9).build());
        assertEquals(Status.CONVERGED, sol.status());
        assertTrue(sol.errorBound() <= 1e-9);
        assertArrayEquals(SeedModels.INVENTORY_OPTIMAL, sol.values(), 1e-9);
        for (int s = 0; s < 4; s++) {
            assertEquals(SeedModels.INVENTORY_POLICY[s], mdp.actionLabel(sol.policy()[s]));
        }
    }

    @Test
    void forestExample() {
        Mdp mdp = SeedModels.forest(3, 4, 2, 0.1, 0.9);
        Solution sol = solver.solve(mdp, SolverOptions.defaults());
        assertArrayEquals(SeedModels.FOREST_OPTIMAL, sol.values(), 1e-6);
        for (int s = 0; s < 3; s++) {
            assertEquals("wait", mdp.actionLabel(sol.policy()[s]));
        }
    }

    @ParameterizedTest
    @ValueSource(doubles = {0.5, 0.9, 0.99})
    void certifiedBoundContainsTheExactOptimumOnRandomModels(double gamma) {
        for (long seed = 1; seed <= 40; seed++) {
            Objective objective = seed % 2 == 0 ? Objective.MINIMIZE : Objective.MAXIMIZE;
            Mdp mdp = RandomMdps.random(seed, 2 + (int) (seed % 30), 4, 5, gamma, objective, 0.1);
            double[] exact = DenseOracle.optimalValues(mdp);
            Solution sol = solver.solve(mdp, SolverOptions.builder().epsilon(1e-4).build());
            assertEquals(Status.CONVERGED, sol.status());
            assertTrue(sol.errorBound() <= 1e-4);
            for (int s = 0; s < mdp.numStates(); s++) {
                assertTrue(Math.abs(sol.value(s) - exact[s]) <= sol.errorBound() + rounding(exact[s]),
                        "seed " + seed + " state " + s + ": |" + sol.value(s) + " - " + exact[s] + "| > "
                                + sol.errorBound());
            }
            // The greedy policy is within policyBound of optimal.
            double[] policyValues = DenseOracle.evaluate(mdp, sol.policy());
            for (int s = 0; s < mdp.numStates(); s++) {
                assertTrue(Math.abs(policyValues[s] - exact[s]) <= sol.policyBound() + rounding(exact[s]),
                        "seed " + seed);
            }
            assertTrue(sol.policyBound() <= 1e-4);
        }
    }

    /** Allowance for floating-point rounding in the oracle's dense solve and in the sweeps. */
    static double rounding(double exact) {
        return 1e-10 * Math.max(1.0, Math.abs(exact));
    }

    @Test
    void boundIsTrueEvenWhenStoppedEarly() {
        Mdp mdp = RandomMdps.random(7, 30, 3, 4, 0.99, Objective.MINIMIZE);
        double[] exact = DenseOracle.optimalValues(mdp);
        Solution sol = solver.solve(mdp, SolverOptions.builder().maxIterations(5).build());
        assertEquals(Status.MAX_ITERATIONS, sol.status());
        assertEquals(5, sol.iterations());
        for (int s = 0; s < mdp.numStates(); s++) {
            assertTrue(Math.abs(sol.value(s) - exact[s]) <= sol.errorBound() + rounding(exact[s]));
        }
    }

    @Test
    void listenerCanCancel() {
        Mdp mdp = RandomMdps.random(3, 50, 3, 4, 0.999, Objective.MAXIMIZE);
        Solution sol = solver.solve(mdp, SolverOptions.builder()
                .listener((iteration, residual, bound) -> iteration < 3).build());
        assertEquals(Status.CANCELLED, sol.status());
        assertEquals(3, sol.iterations());
        assertEquals(mdp.numStates(), sol.values().length);
    }

    @Test
    void timeLimitStopsTheRun() {
        Mdp mdp = RandomMdps.random(3, 50, 3, 4, 0.999999, Objective.MAXIMIZE);
        Solution sol = solver.solve(mdp, SolverOptions.builder().epsilon(1e-12)
                .timeLimit(Duration.ofMillis(50)).build());
        assertEquals(Status.TIME_LIMIT, sol.status());
    }

    @Test
    void sequentialRunsAreBitForBitReproducible() {
        Mdp mdp = RandomMdps.random(11, 200, 4, 6, 0.95, Objective.MINIMIZE);
        Solution a = solver.solve(mdp, SolverOptions.defaults());
        Solution b = solver.solve(mdp, SolverOptions.defaults());
        assertArrayEquals(a.values(), b.values(), 0.0);
        assertArrayEquals(a.policy(), b.policy());
    }

    @Test
    void undiscountedModelsAreRejectedWithAClearMessage() {
        Mdp mdp = SeedModels.inventory().withDiscount(1.0);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> solver.solve(mdp, SolverOptions.defaults()));
        assertTrue(e.getMessage().contains("discount"), e.getMessage());
    }
}
