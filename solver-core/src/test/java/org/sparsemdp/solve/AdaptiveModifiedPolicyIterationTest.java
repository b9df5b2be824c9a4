package org.sparsemdp.solve;

import org.sparsemdp.result.Solution;
import org.sparsemdp.result.Accuracy;
import org.sparsemdp.result.Status;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.sparsemdp.generate.GarnetGenerator;
import org.sparsemdp.generate.GridLayout;
import org.sparsemdp.generate.GridWorldGenerator;
import org.sparsemdp.model.Mdp;
import org.sparsemdp.model.Objective;
import org.sparsemdp.testing.DenseOracle;
import org.sparsemdp.testing.RandomMdps;

/**
 * Modified policy iteration with adaptive partial evaluation by sweeps: the copied policy rows
 * sweep exactly as the model's, the results agree with value and policy iteration within the
 * certified bounds, a long chain converges (its bound grows for hundreds of steps first), and
 * the work stays below value iteration's on a random model.
 */
class AdaptiveModifiedPolicyIterationTest {

    @Test
    void theDefaultIsAdaptive() {
        assertSame(ModifiedPolicyIterationSolver.Mode.ADAPTIVE, new ModifiedPolicyIterationSolver().mode());
        assertSame(ModifiedPolicyIterationSolver.Mode.ADAPTIVE, Solvers.byName("mpi") instanceof ModifiedPolicyIterationSolver m
                ? m.mode() : null);
    }

    @Test
    void policyMatrixSweepsExactlyAsThePolicySweepOfTheModel() {
        for (long seed = 0; seed < 10; seed++) {
            Mdp mdp = RandomMdps.random(seed, 300, 4, 9, 0.95, Objective.MAXIMIZE, 0.1);
            SplittableRandom rnd = new SplittableRandom(seed);
            int n = mdp.numStates();
            PolicyMatrix matrix = new PolicyMatrix(mdp);
            for (int round = 0; round < 3; round++) { // rebuilt for new policies in the same arrays
                int[] policy = new int[n];
                double[] v = new double[n];
                for (int s = 0; s < n; s++) {
                    int choices = mdp.choiceStart(s + 1) - mdp.choiceStart(s);
                    policy[s] = choices == 0 ? -1 : mdp.choiceStart(s) + rnd.nextInt(choices);
                    v[s] = choices == 0 ? 0 : 100 * rnd.nextDouble() - 50;
                }
                matrix.build(policy);
                double[] expected = new double[n];
                BellmanKernel.policySweep(mdp, policy, v, expected);
                double[] out = new double[n];
                double[] range = new double[2];
                matrix.sweep(v, out, range);
                assertArrayEquals(expected, out, 0.0, "seed " + seed);
                double lo = Double.POSITIVE_INFINITY;
                double hi = Double.NEGATIVE_INFINITY;
                for (int s = 0; s < n; s++) {
                    lo = Math.min(lo, expected[s] - v[s]);
                    hi = Math.max(hi, expected[s] - v[s]);
                }
                assertEquals(lo, range[0], 0.0);
                assertEquals(hi, range[1], 0.0);
            }
        }
    }

    @Test
    void policyMatrixRebuiltForAFewChangedStatesEqualsAFreshCopy() {
        // build() rewrites only what changed: in place when the changed rows keep their lengths (every
        // row of a Garnet model), else from the first length change on; after many small changes the
        // sweep must equal the model's policy sweep
        for (Mdp mdp : new Mdp[] {RandomMdps.random(5, 400, 4, 9, 0.95, Objective.MAXIMIZE, 0.1),
                GarnetGenerator.generate(400, 4, 6, 0.95, 5)}) {
            rebuildAfterSmallChanges(mdp);
        }
    }

    private static void rebuildAfterSmallChanges(Mdp mdp) {
        SplittableRandom rnd = new SplittableRandom(5);
        int n = mdp.numStates();
        int[] policy = new int[n];
        for (int s = 0; s < n; s++) {
            policy[s] = mdp.choiceStart(s + 1) == mdp.choiceStart(s) ? -1 : mdp.choiceStart(s);
        }
        PolicyMatrix matrix = new PolicyMatrix(mdp);
        double[] v = new double[n];
        for (int s = 0; s < n; s++) {
            v[s] = 100 * rnd.nextDouble() - 50;
        }
        for (int round = 0; round < 50; round++) {
            for (int change = 0; change < 1 + round % 7; change++) {
                int s = rnd.nextInt(n);
                int choices = mdp.choiceStart(s + 1) - mdp.choiceStart(s);
                if (choices > 0) {
                    policy[s] = mdp.choiceStart(s) + rnd.nextInt(choices);
                }
            }
            matrix.build(policy);
            double[] expected = new double[n];
            BellmanKernel.policySweep(mdp, policy, v, expected);
            double[] out = new double[n];
            matrix.sweep(v, out, new double[2]);
            assertArrayEquals(expected, out, 0.0, "round " + round);
            long transitions = 0;
            for (int s = 0; s < n; s++) {
                transitions += policy[s] < 0 ? 0 : mdp.transitionStart(policy[s] + 1) - mdp.transitionStart(policy[s]);
            }
            assertEquals(transitions, matrix.transitions(), "round " + round);
        }
    }

    @Test
    void agreesWithValueAndPolicyIterationOnGarnetAndGridModels() {
        Mdp[] models = {
            GarnetGenerator.generate(3000, 4, 8, 0.99, 11),
            GarnetGenerator.generate(3000, 3, 5, 0.999, 12).withObjective(Objective.MINIMIZE),
            GridWorldGenerator.withDefaults(GridLayout.random(40, 40, 0.1, 0.02, 13)).generate(),
            GridWorldGenerator.withDefaults(GridLayout.random(40, 40, 0.1, 0.02, 14)).generate().withDiscount(0.999),
        };
        Solver[] mpis = {new ModifiedPolicyIterationSolver(), ModifiedPolicyIterationSolver.adaptive(0.1, 100_000)};
        for (int i = 0; i < models.length; i++) {
            Mdp mdp = models[i];
            Solution vi = new ValueIterationSolver().solve(mdp, SolverOptions.builder().epsilon(1e-8).build());
            Solution pi = new PolicyIterationSolver().solve(mdp, SolverOptions.builder().epsilon(1e-8).build());
            for (Solver mpi : mpis) {
                Solution sol = mpi.solve(mdp, SolverOptions.defaults());
                assertEquals(Status.CONVERGED, sol.status(), "model " + i);
                assertEquals(Accuracy.CERTIFIED, sol.accuracy());
                assertTrue(sol.errorBound() <= 1e-6 && sol.policyBound() <= 1e-6, "model " + i);
                for (int s = 0; s < mdp.numStates(); s++) {
                    assertTrue(Math.abs(sol.value(s) - vi.value(s)) <= sol.errorBound() + vi.errorBound() + 1e-12,
                            "model " + i + " vs vi, state " + s);
                    assertTrue(Math.abs(sol.value(s) - pi.value(s)) <= sol.errorBound() + pi.errorBound() + 1e-12,
                            "model " + i + " vs pi, state " + s);
                }
            }
        }
    }

    /** A corridor: the 50-check no-progress rule used to end this run with PRECISION_LIMIT and bound 648. */
    @Test
    void aLongChainConvergesAndMatchesTheDenseOracle() {
        Mdp mdp = GridWorldGenerator.withDefaults(GridLayout.parse("S" + ".".repeat(398) + "G")).generate()
                .withDiscount(0.999);
        double[] exact = DenseOracle.optimalValues(mdp);
        Solver[] mpis = {new ModifiedPolicyIterationSolver(), ModifiedPolicyIterationSolver.adaptive(0.1, 100_000)};
        for (Solver mpi : mpis) {
            Solution sol = mpi.solve(mdp, SolverOptions.defaults());
            assertEquals(Status.CONVERGED, sol.status());
            assertTrue(sol.errorBound() <= 1e-6);
            SolverContractTest.assertWithinBound(mdp, exact, sol, "chain");
        }
    }

    /**
     * Work in transitions: each improvement step is a full Bellman sweep, each evaluation sweep
     * one pass over the policy's rows (1/4 of them here); value iteration does full sweeps only.
     */
    @Test
    void doesLessWorkThanValueIterationOnAGarnetModel() {
        Mdp mdp = GarnetGenerator.generate(20_000, 4, 8, 0.99, 3);
        Solution vi = new ValueIterationSolver().solve(mdp, SolverOptions.defaults());
        // improvement steps are reported with a bound, evaluation sweeps with NaN; the listener is
        // not told of the last, converged improvement step
        long[] steps = {1};
        Solution mpi = ModifiedPolicyIterationSolver.adaptive(0.1, 100_000).solve(mdp,
                SolverOptions.builder().listener((iteration, residual, bound) -> {
                    steps[0] += Double.isNaN(bound) ? 0 : 1;
                    return true;
                }).build());
        assertEquals(Status.CONVERGED, mpi.status());
        double work = steps[0] + (mpi.iterations() - steps[0]) / 4.0;
        assertTrue(work < vi.iterations(), work + " full sweeps' worth of work against " + vi.iterations());
    }

    /**
     * An open 60 × 60 grid, step cost 1, γ = 0.9999: the first greedy policy never reaches the goal.
     * Policy iteration and Krylov-only MPI stop here with PRECISION_LIMIT and bounds of 10⁵–10⁷
     * (measured; the tie tolerance and ill-conditioned loose evaluations); adaptive MPI converges.
     */
    @Test
    void anOpenGridNearDiscountOneConvergesAndAgreesWithValueIteration() {
        StringBuilder map = new StringBuilder();
        for (int row = 0; row < 60; row++) {
            String line = ".".repeat(60);
            if (row == 0) {
                line = "S" + line.substring(1);
            }
            if (row == 59) {
                line = line.substring(0, 59) + "G";
            }
            map.append(line).append('\n');
        }
        Mdp mdp = new GridWorldGenerator(GridLayout.parse(map.toString()), GridWorldGenerator.DEFAULT_SLIP, 1.0,
                GridWorldGenerator.DEFAULT_GOAL_REWARD, GridWorldGenerator.DEFAULT_TRAP_REWARD, 0.9999).generate();
        Solution vi = new ValueIterationSolver().solve(mdp, SolverOptions.defaults());
        Solution mpi = new ModifiedPolicyIterationSolver().solve(mdp, SolverOptions.defaults());
        assertEquals(Status.CONVERGED, vi.status());
        assertEquals(Status.CONVERGED, mpi.status());
        for (int s = 0; s < mdp.numStates(); s++) {
            assertTrue(Math.abs(mpi.value(s) - vi.value(s)) <= mpi.errorBound() + vi.errorBound() + 1e-9,
                    "state " + s + ": " + mpi.value(s) + " vs " + vi.value(s));
        }
    }
}
