package org.sparsemdp.spark;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.apache.spark.api.java.JavaSparkContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.sparsemdp.model.Mdp;
import org.sparsemdp.model.Objective;
import org.sparsemdp.result.Status;
import org.sparsemdp.result.Solution;
import org.sparsemdp.solve.SolverOptions;
import org.sparsemdp.solve.ValueIterationSolver;
import org.sparsemdp.testing.DenseOracle;
import org.sparsemdp.testing.RandomMdps;
import org.sparsemdp.testing.SeedModels;

/**
 * The distributed solvers in local mode (two cores) against the published inventory values, the
 * dense oracle and the single-machine value iteration.
 */
class SparkValueIterationTest {
    private static final SparkValueIteration.Method JACOBI = SparkValueIteration.Method.JACOBI;
    private static final SparkValueIteration.Method BLOCK_GS = SparkValueIteration.Method.BLOCK_GAUSS_SEIDEL;
    private static JavaSparkContext sc;

    @BeforeAll
    static void start() {
        sc = LocalSpark.start("SparkValueIterationTest");
    }

    @AfterAll
    static void stop() {
        sc.stop();
    }

    @Test
    void inventoryModelHasItsPublishedValuesAndPolicy() {
        Mdp mdp = SeedModels.inventory();
        SolverOptions options = SolverOptions.builder().epsilon(1e-7).build();
        for (SparkValueIteration.Method method : SparkValueIteration.Method.values()) {
            for (int parts : new int[] {1, 3}) {
                Solution s = new SparkSolver(sc, method, parts, 3).solve(mdp, options);
                String what = method + " with " + parts + " partitions";
                assertEquals(Status.CONVERGED, s.status(), what);
                assertTrue(s.errorBound() <= 1e-7 * 0.8 / 2, what + ": " + s.errorBound());
                assertArrayEquals(SeedModels.INVENTORY_OPTIMAL, s.values(), s.errorBound() + 1e-12, what);
                for (int st = 0; st < 4; st++) {
                    assertEquals(SeedModels.INVENTORY_POLICY[st], mdp.actionLabel(s.policy()[st]), what + " state " + st);
                    assertTrue(s.lower()[st] <= SeedModels.INVENTORY_OPTIMAL[st] + 1e-12
                            && SeedModels.INVENTORY_OPTIMAL[st] <= s.upper()[st] + 1e-12, what + " bounds " + st);
                }
            }
        }
    }

    /**
     * Jacobi over blocks is value iteration: the same iterates, the same floating-point-sound
     * certificate, the same stopping rule, so the same answer bit for bit.
     */
    @Test
    void jacobiEqualsSingleMachineValueIterationOnRandomModels() {
        SolverOptions options = SolverOptions.builder().epsilon(1e-4).build();
        int[] partitions = {2, 5};
        for (int i = 0; i < 2; i++) {
            Objective objective = Objective.values()[i];
            int parts = partitions[i];
            Mdp mdp = RandomMdps.random(100 + i, 40, 3, 4, 0.7, objective, 0.1);
            Solution vi = new ValueIterationSolver().solve(mdp, options);
            Solution spark = new SparkSolver(sc, JACOBI, parts, 1).solve(mdp, options);
            String what = objective + ", " + parts + " partitions";
            assertEquals(Status.CONVERGED, spark.status(), what);
            assertEquals(vi.iterations(), spark.iterations(), what);
            assertEquals(vi.errorBound(), spark.errorBound(), what);
            assertEquals(vi.policyBound(), spark.policyBound(), what);
            assertEquals(vi.residual(), spark.residual(), what);
            assertArrayEquals(vi.values(), spark.values(), what);
            assertArrayEquals(vi.policy(), spark.policy(), what);
            assertEquals(vi.accuracy(), spark.accuracy(), what);
            assertCertified(mdp, spark, what);
        }
    }

    @Test
    void blockGaussSeidelAgreesWithValueIterationWithinTheBounds() {
        SolverOptions options = SolverOptions.builder().epsilon(1e-5).build();
        int[] partitions = {1, 3, 7};
        for (int i = 0; i < 3; i++) {
            Objective objective = Objective.values()[i % 2];
            int parts = partitions[i];
            Mdp mdp = RandomMdps.random(200 + i, 50, 3, 5, 0.85, objective, 0.1);
            Solution vi = new ValueIterationSolver().solve(mdp, options);
            Solution spark = new SparkSolver(sc, BLOCK_GS, parts, 3).solve(mdp, options);
            String what = objective + ", " + parts + " partitions";
            assertEquals(Status.CONVERGED, spark.status(), what);
            assertTrue(spark.errorBound() <= 1e-5 * 0.85 / 2, what);
            assertArrayEquals(vi.values(), spark.values(), vi.errorBound() + spark.errorBound() + 1e-12, what);
            assertCertified(mdp, spark, what);
        }
    }

    @Test
    void aRunStoppedByTheIterationCapStillReportsTrueBounds() {
        Mdp mdp = RandomMdps.random(7, 30, 3, 4, 0.95, Objective.MAXIMIZE, 0.0);
        SolverOptions options = SolverOptions.builder().epsilon(1e-9).maxIterations(4).build();
        for (SparkValueIteration.Method method : SparkValueIteration.Method.values()) {
            Solution s = new SparkSolver(sc, method, 3, 2).solve(mdp, options);
            assertEquals(Status.MAX_ITERATIONS, s.status(), method.toString());
            assertEquals(4, s.iterations(), method.toString());
            assertTrue(s.errorBound() > 1e-3, "far from converged after 4 exchanges: " + s.errorBound());
            assertCertified(mdp, s, method + " stopped");
        }
    }

    @Test
    void theListenerSeesEveryExchangeAndCanCancel() {
        Mdp mdp = RandomMdps.random(8, 30, 3, 4, 0.95, Objective.MINIMIZE, 0.0);
        long[] calls = new long[1];
        double[] lastBound = new double[1];
        SolverOptions options = SolverOptions.builder().epsilon(1e-9).listener((it, residual, bound) -> {
            calls[0] = it;
            lastBound[0] = bound;
            return it < 2;
        }).build();
        Solution s = new SparkSolver(sc, BLOCK_GS, 2, 2).solve(mdp, options);
        assertEquals(Status.CANCELLED, s.status());
        assertEquals(2, calls[0]);
        assertEquals(lastBound[0], s.errorBound(), 0.0); // the bound shown is the bound reported
        assertCertified(mdp, s, "cancelled");
    }

    @Test
    void undiscountedModelsAreRejected() {
        Mdp mdp = SeedModels.inventory().withDiscount(1.0);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new SparkSolver(sc, JACOBI, 2, 1).solve(mdp, SolverOptions.defaults()));
        assertTrue(e.getMessage().contains("discount"), e.getMessage());
    }

    /**
     * The optimal values (dense oracle) lie within the reported per-state bounds and within the
     * error bound of the values, and the reported policy's values within the policy bound.
     */
    private static void assertCertified(Mdp mdp, Solution s, String what) {
        double[] optimal = DenseOracle.optimalValues(mdp);
        double[] policyValues = DenseOracle.evaluate(mdp, s.policy());
        double slack = 1e-9;
        for (int st = 0; st < mdp.numStates(); st++) {
            assertTrue(s.lower()[st] <= optimal[st] + slack && optimal[st] <= s.upper()[st] + slack,
                    what + ": state " + st + " optimal " + optimal[st] + " not in [" + s.lower()[st] + ", "
                            + s.upper()[st] + "]");
            assertEquals(optimal[st], s.values()[st], s.errorBound() + slack, what + ": value of state " + st);
            assertEquals(optimal[st], policyValues[st], s.policyBound() + slack, what + ": policy at state " + st);
        }
    }
}
