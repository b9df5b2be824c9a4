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
import org.sparsemdp.io.partitioned.ModelBlock;
import org.sparsemdp.model.Mdp;
import org.sparsemdp.result.Status;
import org.sparsemdp.solve.CheckStatistics;
import org.sparsemdp.result.Solution;
import org.sparsemdp.solve.SolverOptions;
import org.sparsemdp.solve.ValueIterationSolver;
import org.sparsemdp.testing.DenseOracle;

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
                List<ModelBlock> blocks = generated.blocks().collect();
                assertEquals(parts, blocks.size());
                for (int p = 0; p < parts; p++) {
                    ModelBlock slice = ModelBlock.slice(whole, bounds[p], bounds[p + 1]);
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
            // per block: the values, its offset and range (20 bytes) and its check statistics
            assertEquals(8L * 300 + 3 * (20 + CheckStatistics.BYTES), r.stats().collectedBytes());
            PartitionedOutput.write(r, model, dir);
            int[] bounds = model.bounds();
            double[] optimal = DenseOracle.optimalValues(whole); // independent dense solve
            for (int p = 0; p < 3; p++) {
                List<String> lines = Files.readAllLines(dir.resolve(PartitionedOutput.partName(p)));
                assertEquals(PartitionedOutput.HEADER, lines.get(0));
                assertEquals(bounds[p + 1] - bounds[p] + 1, lines.size());
                for (String line : lines.subList(1, lines.size())) {
                    String[] f = line.split(",");
                    int s = Integer.parseInt(f[0]);
                    assertTrue(s >= bounds[p] && s < bounds[p + 1]);
                    // Jacobi is vi bit for bit: the same values; the interval around them is the
                    // certified one, at most twice the value bound wide
                    double value = Double.parseDouble(f[1]);
                    double lower = Double.parseDouble(f[2]);
                    double upper = Double.parseDouble(f[3]);
                    assertEquals(vi.values()[s], value, 0.0, "state " + s);
                    assertTrue(lower <= value && value <= upper && upper - lower <= 2 * vi.errorBound() + 1e-12,
                            "state " + s + ": " + line);
                    assertTrue(lower <= optimal[s] + 1e-9 && optimal[s] <= upper + 1e-9, "state " + s + ": " + line);
                    assertEquals(whole.actionLabel(vi.policy()[s]), f[4], "state " + s);
                }
            }
            String summary = Files.readString(dir.resolve(PartitionedOutput.SUMMARY));
            assertTrue(summary.contains("\"status\": \"CONVERGED\""), summary);
            assertTrue(summary.contains("\"states\": 300,"), summary);
            assertTrue(summary.contains("\"errorBound\": " + vi.errorBound() + ","), summary);
        }
    }
}
