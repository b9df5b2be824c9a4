package org.sparsemdp.spark;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.TreeSet;
import org.apache.spark.api.java.JavaSparkContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.sparsemdp.generate.BandedGenerator;
import org.sparsemdp.generate.SeededGarnetGenerator;
import org.sparsemdp.io.partitioned.ModelBlock;
import org.sparsemdp.model.Mdp;
import org.sparsemdp.result.Solution;
import org.sparsemdp.solve.SolverOptions;

/**
 * The halo exchange ({@link ValueExchange}) against the broadcast: the same iterates, so the same
 * values, bounds, policies, statuses and exchange counts bit for bit, for both methods and several
 * cuts, on a banded model (small halos) and a Garnet (halos of nearly every state); the halo of a
 * block against a brute-force set of its external successors; the crossover rule's choices.
 */
class HaloExchangeTest {
    private static JavaSparkContext sc;

    @BeforeAll
    static void start() {
        sc = LocalSpark.start("HaloExchangeTest");
    }

    @AfterAll
    static void stop() {
        sc.stop();
    }

    @Test
    void haloRunsEqualBroadcastRunsBitForBit() {
        Mdp banded = BandedGenerator.generate(600, 3, 4, 5, 0.95, 11);
        Mdp garnet = SeededGarnetGenerator.generate(400, 3, 4, 0.9, 5);
        // 25 exchanges: enough to cover the extrapolation and its switch-off; bit-identity needs no convergence
        SolverOptions options = SolverOptions.builder().epsilon(1e-8).maxIterations(25).build();
        for (Mdp mdp : new Mdp[] {banded, garnet}) {
            for (int partitions : new int[] {1, 4}) {
                try (DistributedModel model = DistributedModel.fromMdp(sc, mdp, partitions)) {
                    for (SparkValueIteration.Method m : SparkValueIteration.Method.values()) {
                        Solution b;
                        Solution h;
                        try (DistributedResult rb = new SparkValueIteration(sc, m, 3, ValueExchange.Mode.BROADCAST)
                                .solve(model, options)) {
                            b = rb.toSolution();
                            assertEquals(0, rb.stats().sentBytes());
                        }
                        try (DistributedResult rh = new SparkValueIteration(sc, m, 3, ValueExchange.Mode.HALO)
                                .solve(model, options)) {
                            h = rh.toSolution();
                            assertEquals(0, rh.stats().broadcastBytes());
                            assertTrue(rh.stats().sentBytes() >= 8L * mdp.numStates());
                        }
                        String at = m + " on " + partitions + " partitions";
                        assertEquals(b.status(), h.status(), at);
                        assertEquals(b.iterations(), h.iterations(), at);
                        assertArrayEquals(b.values(), h.values(), 0.0, at);
                        assertArrayEquals(b.lower(), h.lower(), 0.0, at);
                        assertArrayEquals(b.upper(), h.upper(), 0.0, at);
                        assertArrayEquals(b.policy(), h.policy(), at);
                        assertEquals(b.errorBound(), h.errorBound(), 0.0, at);
                        assertEquals(b.policyBound(), h.policyBound(), 0.0, at);
                    }
                }
            }
        }
    }

    @Test
    void haloIsTheSetOfExternalSuccessors() {
        Mdp mdp = BandedGenerator.generate(300, 2, 3, 7, 0.9, 3);
        int[] bounds = BlockBoundaries.byTransitions(mdp, 4);
        for (int b = 0; b < 4; b++) {
            ModelBlock block = ModelBlock.slice(mdp, bounds[b], bounds[b + 1]);
            TreeSet<Integer> expected = new TreeSet<>();
            for (int s = bounds[b]; s < bounds[b + 1]; s++) {
                for (int c = mdp.choiceStartArray()[s]; c < mdp.choiceStartArray()[s + 1]; c++) {
                    for (int k = mdp.transitionStartArray()[c]; k < mdp.transitionStartArray()[c + 1]; k++) {
                        int t = mdp.successorArray()[k];
                        if (t < bounds[b] || t >= bounds[b + 1]) {
                            expected.add(t);
                        }
                    }
                }
            }
            assertArrayEquals(expected.stream().mapToInt(Integer::intValue).toArray(), HaloBlock.haloOf(block));
        }
    }

    @Test
    void crossoverPrefersHaloOnlyWhereItMovesFewerBytes() {
        assertFalse(ValueExchange.preferHalo(1000, 0, 1)); // one receiver (local mode): the broadcast is cheapest
        assertTrue(ValueExchange.preferHalo(1000, 100, 4)); // 1100 values against 4000
        assertFalse(ValueExchange.preferHalo(1000, 3000, 4)); // Garnet-like: every block reads (nearly) all
        assertFalse(ValueExchange.preferHalo(1000, 500, 2)); // 1500 against 2000: not below half
        assertEquals(1, ValueExchange.receivers(sc, 8)); // local mode
    }
}
