package org.sparsemdp.spark;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
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
import org.sparsemdp.io.partitioned.PartitionIndex;
import org.sparsemdp.io.partitioned.PartitionedModelWriter;
import org.sparsemdp.model.Mdp;
import org.sparsemdp.model.Objective;
import org.sparsemdp.result.Solution;
import org.sparsemdp.solve.SolverOptions;
import org.sparsemdp.testing.RandomMdps;

/** Models loaded from a partitioned directory by the executors. */
class PartitionedLoadTest {
    private static JavaSparkContext sc;

    @BeforeAll
    static void start() {
        sc = LocalSpark.start("PartitionedLoadTest");
    }

    @AfterAll
    static void stop() {
        sc.stop();
    }

    @Test
    void blocksReadByTheExecutorsAreTheSlicesOfTheModelFile(@TempDir Path tmp) throws IOException {
        Mdp mdp = RandomMdps.random(8, 150, 4, 6, 0.9, Objective.MINIMIZE, 0.1);
        PartitionedModelWriter.write(mdp, 4, tmp.resolve("m"));
        try (DistributedModel loaded = DistributedModel.fromPartitioned(sc, tmp.resolve("m"), 0);
             DistributedModel sliced = DistributedModel.fromMdp(sc, mdp, 4)) {
            assertArrayEquals(sliced.bounds(), loaded.bounds());
            assertEquals(mdp.numTransitions(), loaded.numTransitions());
            assertEquals(mdp.discount(), loaded.discount());
            assertEquals(mdp.objective(), loaded.objective());
            assertEquals(mdp.initialState(), loaded.initialState());
            assertEquals(mdp.actionLabels(), List.of(loaded.actionLabels()));
            List<ModelBlock> a = loaded.blocks().collect();
            List<ModelBlock> b = sliced.blocks().collect();
            for (int p = 0; p < 4; p++) {
                assertTrue(a.get(p).sameAs(b.get(p)), "block " + p);
            }
            // the same model, the same iterates: Jacobi solves both to the same numbers
            SolverOptions o = SolverOptions.builder().epsilon(1e-8).build();
            try (DistributedResult x = new SparkValueIteration(sc, SparkValueIteration.Method.JACOBI, 1).solve(loaded, o);
                 DistributedResult y = new SparkValueIteration(sc, SparkValueIteration.Method.JACOBI, 1).solve(sliced, o)) {
                Solution sx = x.toSolution();
                Solution sy = y.toSolution();
                assertArrayEquals(sy.values(), sx.values());
                assertArrayEquals(sy.policy(), sx.policy());
                assertEquals(sy.errorBound(), sx.errorBound());
            }
        }
    }

    @Test
    void garnetWrittenBlockByBlockLoadsAsTheGeneratedBlocks(@TempDir Path tmp) throws IOException {
        GarnetSpec spec = new GarnetSpec(300, 3, 5, 0.9, 7);
        org.sparsemdp.generate.PartitionedGarnet.write(300, 3, 5, 0.9, 7, 3, tmp.resolve("g"));
        try (DistributedModel loaded = DistributedModel.fromPartitioned(sc, tmp.resolve("g"), 3);
             DistributedModel generated = DistributedModel.garnet(sc, spec, 3)) {
            List<ModelBlock> a = loaded.blocks().collect();
            List<ModelBlock> b = generated.blocks().collect();
            for (int p = 0; p < 3; p++) {
                assertTrue(a.get(p).sameAs(b.get(p)), "block " + p);
            }
        }
    }

    @Test
    void aDamagedBlockIsAnErrorNamingFileAndBlock(@TempDir Path tmp) throws IOException {
        Mdp mdp = RandomMdps.random(2, 90, 3, 4, 0.9, Objective.MAXIMIZE);
        Path dir = tmp.resolve("m");
        PartitionedModelWriter.write(mdp, 3, dir);
        Path block = dir.resolve(PartitionIndex.blockFileName(2));
        byte[] bytes = Files.readAllBytes(block);
        Files.write(block, java.util.Arrays.copyOf(bytes, bytes.length - 8));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> DistributedModel.fromPartitioned(sc, dir, 0));
        assertTrue(e.getMessage().contains("block-00002.bin: block 2: the file has"), e.getMessage());
        IllegalArgumentException p = assertThrows(IllegalArgumentException.class,
                () -> DistributedModel.fromPartitioned(sc, dir, 5));
        assertTrue(p.getMessage().startsWith("--partitions 5 does not match the 3 blocks"), p.getMessage());
    }
}
