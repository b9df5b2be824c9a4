package org.sparsemdp.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.nio.file.Paths;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sparsemdp.generate.SeededGarnetGenerator;
import org.sparsemdp.io.ModelFormats;
import org.sparsemdp.io.partitioned.PartitionedModelReader;
import org.sparsemdp.model.Mdp;

/** {@code convert --partitions} and {@code generate garnet --partitions}: the directory holds the same model. */
class PartitionedConvertTest {
    @Test
    void convertWritesTheModelOfTheFileAndMayRewriteItsDirectory(@TempDir Path tmp) throws IOException {
        Path dir = tmp.resolve("inv");
        for (int parts : new int[] {3, 2}) { // the second run rewrites the existing directory
            StringWriter out = new StringWriter();
            int code = run(out, new StringWriter(), "convert", "../datasets/inventory/inventory.mdp", dir.toString(),
                    "--partitions", Integer.toString(parts));
            assertEquals(0, code);
            assertTrue(out.toString().contains("partitioned, " + parts + " blocks, 4 states"), out.toString());
        }
        Mdp file = ModelFormats.read(Paths.get("../datasets/inventory/inventory.mdp")).mdp();
        Mdp read = PartitionedModelReader.readMdp(dir);
        assertArrayEquals(file.successorArray(), read.successorArray());
        assertArrayEquals(file.probabilityArray(), read.probabilityArray());
        assertArrayEquals(file.rewardArray(), read.rewardArray());
        assertArrayEquals(file.transitionStartArray(), read.transitionStartArray());
        assertEquals(file.actionLabels(), read.actionLabels());
        assertEquals(file.discount(), read.discount());
        assertEquals(file.objective(), read.objective());
        // the single-machine solve says where such a directory is solved
        StringWriter err = new StringWriter();
        assertEquals(SparseMdpCli.EXIT_BAD_INPUT, run(new StringWriter(), err, "solve", dir.toString()));
        assertTrue(err.toString().contains("is a partitioned model directory") && err.toString().contains("--engine spark"),
                err.toString());
    }

    @Test
    void labelsThatTheLayoutCannotHoldAreAnErrorUnlessDropped(@TempDir Path tmp) throws IOException {
        StringWriter err = new StringWriter();
        int code = run(new StringWriter(), err, "convert", "../datasets/dice/two_dice.drn", tmp.resolve("d").toString(),
                "--partitions", "2");
        assertEquals(SparseMdpCli.EXIT_BAD_INPUT, code, err.toString());
        assertTrue(err.toString().contains("would lose") && err.toString().contains("labels"), err.toString());
        code = run(new StringWriter(), err, "convert", "../datasets/dice/two_dice.drn", tmp.resolve("d").toString(),
                "--partitions", "2", "--drop", "labels");
        assertEquals(0, code, err.toString());
        Mdp file = ModelFormats.read(Paths.get("../datasets/dice/two_dice.drn")).mdp();
        Mdp read = PartitionedModelReader.readMdp(tmp.resolve("d"));
        assertArrayEquals(file.successorArray(), read.successorArray());
        assertArrayEquals(file.rewardArray(), read.rewardArray());
    }

    @Test
    void generateGarnetWritesTheSeededGarnetBlockByBlock(@TempDir Path tmp) throws IOException {
        int code = run(new StringWriter(), new StringWriter(), "generate", "garnet", "-n", "200", "-a", "3", "-b", "4",
                "--seed", "5", "--discount", "0.9", "--partitions", "4", "-o", tmp.resolve("g").toString());
        assertEquals(0, code);
        Mdp expected = SeededGarnetGenerator.generateBlockwise(200, 3, 4, 0.9, 5);
        Mdp read = PartitionedModelReader.readMdp(tmp.resolve("g"));
        assertArrayEquals(expected.successorArray(), read.successorArray());
        assertArrayEquals(expected.probabilityArray(), read.probabilityArray());
        assertArrayEquals(expected.rewardArray(), read.rewardArray());
        assertEquals(expected.actionLabels(), read.actionLabels());
        assertEquals(SparseMdpCli.EXIT_USAGE, run(new StringWriter(), new StringWriter(), "generate", "garnet", "-n",
                "20", "--partitions", "0", "-o", tmp.resolve("h").toString()));
    }

    private static int run(StringWriter out, StringWriter err, String... args) {
        return SparseMdpCli.run(new PrintWriter(out, true), new PrintWriter(err, true), args);
    }
}
