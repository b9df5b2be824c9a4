package org.sparsemdp.spark;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.spark.api.java.JavaSparkContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sparsemdp.model.Mdp;
import org.sparsemdp.solve.Solution;
import org.sparsemdp.solve.SolverOptions;
import org.sparsemdp.solve.Status;
import org.sparsemdp.solve.ValueIterationSolver;

/** Distributed construction (from memory and on the executors) and the partitioned output. */
class DistributedModelTest {
    private static JavaSparkContext sc;

    @BeforeAll
    static void start() {
        sc = LocalSpark.start("DistributedModelTest");
    }

    @AfterAll
    static void stop() {
        sc.stop();
    }

    @Test
    void garnetBlocksGeneratedOnTheExecutorsAreTheSlicesOfTheWholeModel() {
        GarnetSpec spec = new GarnetSpec(200, 3, 5, 0.9, 42);
        Mdp whole = spec.generate();
        for (int parts : new int[] {1, 3, 7}) {
            try (DistributedModel generated = DistributedModel.garnet(sc, spec, parts)) {
                int[] bounds = generated.bounds();
                assertEquals(whole.numTransitions(), generated.numTransitions());
                List<StateBlock> blocks = generated.blocks().collect();
                assertEquals(parts, blocks.size());
                for (int p = 0; p < parts; p++) {
                    StateBlock slice = StateBlock.slice(whole, bounds[p], bounds[p + 1]);
                    assertTrue(blocks.get(p).sameAs(slice), parts + " partitions, block " + p + ": " + blocks.get(p));
                }
            }
        }
    }

    @Test
    void partitionedFilesHoldTheSolution(@TempDir Path dir) throws IOException {
        GarnetSpec spec = new GarnetSpec(300, 2, 4, 0.8, 3);
        Mdp whole = spec.generate();
        Solution vi = new ValueIterationSolver().solve(whole, SolverOptions.builder().epsilon(1e-6).build());
        try (DistributedModel model = DistributedModel.garnet(sc, spec, 3);
             DistributedResult r = new SparkValueIteration(sc, SparkValueIteration.Method.JACOBI, 1)
                     .solve(model, SolverOptions.builder().epsilon(1e-6).build())) {
            assertEquals(Status.CONVERGED, r.status());
            assertEquals(vi.iterations(), r.iterations());
            assertEquals(8L * 300, r.stats().broadcastBytes());
            assertEquals(8L * 300 + 3 * 20, r.stats().collectedBytes());
            PartitionedOutput.write(r, model, dir);
            int[] bounds = model.bounds();
            for (int p = 0; p < 3; p++) {
                List<String> lines = Files.readAllLines(dir.resolve(PartitionedOutput.partName(p)));
                assertEquals(PartitionedOutput.HEADER, lines.get(0));
                assertEquals(bounds[p + 1] - bounds[p] + 1, lines.size());
                for (String line : lines.subList(1, lines.size())) {
                    String[] f = line.split(",");
                    int s = Integer.parseInt(f[0]);
                    assertTrue(s >= bounds[p] && s < bounds[p + 1]);
                    // the single-machine bound adds the rounding term (RoundingBounds): agreement within it
                    double slack = vi.errorBound();
                    assertEquals(vi.values()[s], Double.parseDouble(f[1]), slack + r.errorBound(), "state " + s);
                    assertTrue(Double.parseDouble(f[2]) - slack <= vi.values()[s]
                            && vi.values()[s] <= Double.parseDouble(f[3]) + slack);
                    assertEquals(vi.policy()[s], Integer.parseInt(f[4]), "state " + s);
                }
            }
            String summary = Files.readString(dir.resolve(PartitionedOutput.SUMMARY));
            assertTrue(summary.contains("\"status\": \"CONVERGED\""), summary);
            assertTrue(summary.contains("\"states\": 300,"), summary);
            assertTrue(summary.contains("\"errorBound\": " + r.errorBound() + ","), summary);
        }
    }
}
