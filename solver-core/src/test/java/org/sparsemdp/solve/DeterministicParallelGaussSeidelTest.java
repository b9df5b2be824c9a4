package org.sparsemdp.solve;

import org.sparsemdp.result.Solution;
import org.sparsemdp.result.Status;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.sparsemdp.generate.GarnetGenerator;
import org.sparsemdp.generate.GridLayout;
import org.sparsemdp.generate.GridWorldGenerator;
import org.sparsemdp.model.Mdp;
import org.sparsemdp.model.Objective;
import org.sparsemdp.testing.RandomMdps;

/**
 * The deterministic block schedule of {@code gs --threads T}: the sweep is the block
 * Gauss–Seidel/Jacobi hybrid (each block from the values at the start of the sweep, in place
 * within itself), runs are reproducible, and the sweep count stays near the sequential one.
 */
class DeterministicParallelGaussSeidelTest {

    @Test
    void aBlockSweepEqualsEachBlockSweptAloneFromTheStartValues() {
        Mdp mdp = RandomMdps.random(5, 900, 4, 8, 0.97, Objective.MAXIMIZE, 0.05);
        int n = mdp.numStates();
        double[] start = new double[n];
        for (int s = 0; s < n; s++) {
            start[s] = mdp.choiceStart(s) == mdp.choiceStart(s + 1) ? 0 : Math.cos(3 * s);
        }
        for (int threads = 1; threads <= 4; threads++) {
            try (ParallelSweeps sweeps = new ParallelSweeps(mdp, threads, null)) {
                // reference: the phased schedule run one block after the other (parts (b, j) of
                // equal state counts; in phase j each block refreshes the others' parts j − 1 from the
                // shared vector, sweeps its part j on its private copy and publishes it)
                int phases = ParallelSweeps.DEFAULT_PHASES;
                double[] expected = start.clone();
                double[][] own = new double[threads][];
                for (int b = 0; b < threads; b++) {
                    own[b] = start.clone();
                }
                double lo = Double.POSITIVE_INFINITY;
                double hi = Double.NEGATIVE_INFINITY;
                double[] r = new double[2];
                for (int j = 0; j < phases; j++) {
                    for (int b = 0; b < threads; b++) {
                        for (int c = 0; c < threads && j > 0; c++) {
                            int from = part(sweeps, c, j - 1, phases);
                            System.arraycopy(expected, from, own[b], from, part(sweeps, c, j, phases) - from);
                        }
                        int from = part(sweeps, b, j, phases);
                        int to = part(sweeps, b, j + 1, phases);
                        if (from < to) {
                            BellmanKernel.gaussSeidelSweep(mdp, own[b], from, to, r);
                            System.arraycopy(own[b], from, expected, from, to - from);
                            lo = Math.min(lo, r[0]);
                            hi = Math.max(hi, r[1]);
                        }
                    }
                }
                if (threads == 1) { // one block: the plain sequential sweep
                    double[] sequential = start.clone();
                    BellmanKernel.gaussSeidelSweep(mdp, sequential, 0, n, r);
                    assertArrayEquals(sequential, expected, 0.0);
                }
                for (int rep = 0; rep < 3; rep++) { // and again, with the private vectors reused
                    double[] v = start.clone();
                    double[] range = new double[2];
                    sweeps.blockGaussSeidelSweep(v, range);
                    assertArrayEquals(expected, v, 0.0, threads + " threads");
                    assertEquals(lo, range[0], 0.0);
                    assertEquals(hi, range[1], 0.0);
                }
            }
        }
    }

    private static int part(ParallelSweeps sweeps, int b, int j, int phases) {
        int from = sweeps.blockStart(b);
        return from + (int) ((long) (sweeps.blockStart(b + 1) - from) * j / phases);
    }

    @Test
    void twoRunsWithTwoThreadsGiveTheSameValuesAndSweepCount() {
        Mdp mdp = GarnetGenerator.generate(20_000, 4, 8, 0.99, 7);
        SolverOptions options = SolverOptions.builder().threads(2).build();
        Solution first = new GaussSeidelSolver().solve(mdp, options);
        for (int rep = 0; rep < 3; rep++) {
            Solution again = new GaussSeidelSolver().solve(mdp, options);
            assertEquals(Status.CONVERGED, again.status());
            assertEquals(first.iterations(), again.iterations());
            assertArrayEquals(first.values(), again.values(), 0.0);
            assertArrayEquals(first.policy(), again.policy());
            assertEquals(first.errorBound(), again.errorBound(), 0.0);
        }
    }

    @Test
    void twoThreadsNeedAtMostAQuarterMoreSweepsThanOneOnRandomAndGridModels() {
        Mdp[] models = {
            GarnetGenerator.generate(20_000, 4, 8, 0.99, 1),
            GarnetGenerator.generate(20_000, 4, 8, 0.99, 2),
            GarnetGenerator.generate(10_000, 2, 4, 0.999, 3),
            GridWorldGenerator.withDefaults(GridLayout.random(120, 120, 0.1, 0.02, 4)).generate(),
            GridWorldGenerator.withDefaults(GridLayout.random(100, 100, 0.1, 0.02, 5)).generate().withDiscount(0.999),
        };
        for (int i = 0; i < models.length; i++) {
            Mdp mdp = models[i];
            Solution one = new GaussSeidelSolver().solve(mdp, SolverOptions.defaults());
            Solution two = new GaussSeidelSolver().solve(mdp, SolverOptions.builder().threads(2).build());
            Solution vi = new ValueIterationSolver().solve(mdp, SolverOptions.defaults());
            assertEquals(Status.CONVERGED, two.status(), "model " + i);
            assertTrue(two.iterations() <= 1.25 * one.iterations(),
                    "model " + i + ": " + two.iterations() + " sweeps with 2 threads, " + one.iterations() + " with 1");
            for (int s = 0; s < mdp.numStates(); s++) { // both certified: the intervals must overlap
                assertTrue(Math.abs(two.value(s) - vi.value(s)) <= two.errorBound() + vi.errorBound() + 1e-12,
                        "model " + i + ", state " + s);
            }
        }
    }
}
