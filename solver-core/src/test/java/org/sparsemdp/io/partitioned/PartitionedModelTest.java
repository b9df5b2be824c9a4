package org.sparsemdp.io.partitioned;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.StandardOpenOption;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sparsemdp.generate.SeededGarnetGenerator;
import org.sparsemdp.io.ModelFormatException;
import org.sparsemdp.io.ModelFormats;
import org.sparsemdp.model.Mdp;
import org.sparsemdp.model.Objective;
import org.sparsemdp.testing.RandomMdps;

/** The partitioned layout read back against the single-file model, and its errors. */
class PartitionedModelTest {
    @Test
    void randomModelsReadBackBitForBitAtEveryCut(@TempDir Path tmp) throws IOException {
        for (long seed = 1; seed <= 6; seed++) {
            Mdp mdp = RandomMdps.random(seed, 40 + 17 * (int) seed, 4, 6, 0.9,
                    seed % 2 == 0 ? Objective.MINIMIZE : Objective.MAXIMIZE, 0.1);
            for (int parts : new int[] {1, 3, 7}) {
                Path dir = tmp.resolve("m" + seed + "-" + parts);
                PartitionIndex written = PartitionedModelWriter.write(mdp, parts, dir);
                PartitionIndex index = PartitionedModelReader.index(dir);
                assertEquals(parts, index.blocks().size());
                assertArrayEquals(written.bounds(), index.bounds());
                for (BlockEntry e : index.blocks()) {
                    ModelBlock b = PartitionedModelReader.block(dir, index, e);
                    assertSameBlock(ModelBlock.slice(mdp, e.lo(), e.hi()), b);
                }
                assertSameModel(mdp, PartitionedModelReader.readMdp(dir));
            }
        }
    }

    @Test
    void bundledInventoryFileReadsBackAsTheSameModel(@TempDir Path tmp) throws IOException {
        Mdp mdp = ModelFormats.read(Paths.get("../datasets/inventory/inventory.mdp")).mdp();
        PartitionedModelWriter.write(mdp, 2, tmp.resolve("inv"));
        assertSameModel(mdp, PartitionedModelReader.readMdp(tmp.resolve("inv")));
    }

    @Test
    void garnetWrittenBlockByBlockIsTheWholeGeneratedModel(@TempDir Path tmp) throws IOException {
        Mdp whole = SeededGarnetGenerator.generateBlockwise(500, 3, 4, 0.95, 11);
        PartitionIndex index = org.sparsemdp.generate.PartitionedGarnet.write(500, 3, 4, 0.95, 11, 6, tmp.resolve("g"));
        assertEquals(whole.numTransitions(), index.transitions());
        assertSameModel(whole, PartitionedModelReader.readMdp(tmp.resolve("g")));
    }

    @Test
    void damagedBlockFilesAreErrorsNamingFileAndBlock(@TempDir Path tmp) throws IOException {
        Mdp mdp = RandomMdps.random(3, 120, 3, 5, 0.9, Objective.MAXIMIZE);
        Path dir = tmp.resolve("m");
        PartitionIndex index = PartitionedModelWriter.write(mdp, 3, dir);
        Path block1 = dir.resolve(PartitionIndex.blockFileName(1));
        byte[] original = Files.readAllBytes(block1);

        Files.delete(block1);
        assertMessage(dir, index, 1, "block-00001.bin: block 1: the block file is missing");

        Files.write(block1, java.util.Arrays.copyOf(original, original.length - 5));
        assertMessage(dir, index, 1, "block-00001.bin: block 1: the file has " + (original.length - 5)
                + " bytes, the index says " + original.length + " (truncated?)");

        byte[] flipped = original.clone();
        flipped[flipped.length / 2] ^= 0x10;
        Files.write(block1, flipped);
        assertMessage(dir, index, 1, "block 1: checksum");

        byte[] badMagic = original.clone();
        badMagic[0] = 'X';
        Files.write(block1, badMagic);
        assertMessage(dir, index, 1, "not a sparsemdp block file");

        // another block's file in its place: its size or header gives it away
        Files.copy(dir.resolve(PartitionIndex.blockFileName(2)), block1, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        ModelFormatException e = assertThrows(ModelFormatException.class,
                () -> PartitionedModelReader.block(dir, index, index.blocks().get(1)));
        assertTrue(e.getMessage().contains("block-00001.bin") && e.getMessage().contains("block 1:"), e.getMessage());

        Files.write(block1, original);
        assertSameBlock(ModelBlock.slice(mdp, index.blocks().get(1).lo(), index.blocks().get(1).hi()),
                PartitionedModelReader.block(dir, index, index.blocks().get(1)));
    }

    @Test
    void lyingIndexCountsAreErrorsNotAllocations(@TempDir Path tmp) throws IOException {
        Mdp mdp = RandomMdps.random(5, 60, 3, 4, 0.9, Objective.MINIMIZE);
        Path dir = tmp.resolve("m");
        PartitionedModelWriter.write(mdp, 2, dir);
        Path indexFile = dir.resolve(PartitionIndex.FILE_NAME);
        String text = Files.readString(indexFile);

        // two billion labels declared: the reader runs out of lines, it does not allocate
        Files.writeString(indexFile, text.replaceFirst("labels \\d+", "labels 2147483647"));
        ModelFormatException e = assertThrows(ModelFormatException.class, () -> PartitionedModelReader.index(dir));
        assertTrue(e.getMessage().contains(PartitionIndex.FILE_NAME + ":"), e.getMessage());

        // a block claiming 2^31 - 9 transitions: its byte count no longer matches the file (checked before any array)
        List<String> lines = text.lines().toList();
        String blockLine = lines.stream().filter(l -> l.startsWith("block 0 ")).findFirst().orElseThrow();
        String[] f = blockLine.split(" ");
        long t = Long.parseLong(f[6]);
        String lie = blockLine.replaceFirst(" " + t + " ", " " + (Integer.MAX_VALUE - 9L) + " ");
        String lyingText = text.replace(blockLine, lie).replaceFirst("transitions \\d+",
                "transitions " + (mdp.numTransitions() - t + Integer.MAX_VALUE - 9L));
        Files.writeString(indexFile, lyingText);
        PartitionIndex lying = PartitionedModelReader.index(dir);
        e = assertThrows(ModelFormatException.class, () -> PartitionedModelReader.block(dir, lying, lying.blocks().get(0)));
        assertTrue(e.getMessage().contains("block-00000.bin: block 0:"), e.getMessage());

        // a truncated index
        Files.writeString(indexFile, text.substring(0, text.indexOf("blocks ")));
        e = assertThrows(ModelFormatException.class, () -> PartitionedModelReader.index(dir));
        assertTrue(e.getMessage().contains("ends early"), e.getMessage());

        // blocks that do not cover the states
        Files.writeString(indexFile, text.replaceFirst("states \\d+", "states " + (mdp.numStates() + 1)));
        e = assertThrows(ModelFormatException.class, () -> PartitionedModelReader.index(dir));
        assertTrue(e.getMessage().contains("the blocks hold"), e.getMessage());

        Files.delete(indexFile);
        e = assertThrows(ModelFormatException.class, () -> PartitionedModelReader.index(dir));
        assertTrue(e.getMessage().contains("no index"), e.getMessage());
    }

    @Test
    void refusesToWriteIntoADirectoryWithOtherFiles(@TempDir Path tmp) throws IOException {
        Files.writeString(tmp.resolve("notes.txt"), "mine", StandardOpenOption.CREATE);
        IOException e = assertThrows(IOException.class,
                () -> PartitionedModelWriter.write(RandomMdps.random(1, 10, 2, 2, 0.9, Objective.MINIMIZE), 2, tmp));
        assertTrue(e.getMessage().contains("notes.txt"), e.getMessage());
        assertTrue(Files.exists(tmp.resolve("notes.txt")));
    }

    private static void assertMessage(Path dir, PartitionIndex index, int block, String expected) {
        ModelFormatException e = assertThrows(ModelFormatException.class,
                () -> PartitionedModelReader.block(dir, index, index.blocks().get(block)));
        assertTrue(e.getMessage().contains(expected), e.getMessage());
    }

    private static void assertSameBlock(ModelBlock expected, ModelBlock actual) {
        assertEquals(expected.lo(), actual.lo());
        assertEquals(expected.hi(), actual.hi());
        assertEquals(expected.firstChoice(), actual.firstChoice());
        assertArrayEquals(expected.choiceStartArray(), actual.choiceStartArray());
        assertArrayEquals(expected.transitionStartArray(), actual.transitionStartArray());
        assertArrayEquals(expected.successorArray(), actual.successorArray());
        assertArrayEquals(expected.probabilityArray(), actual.probabilityArray());
        assertArrayEquals(expected.rewardArray(), actual.rewardArray());
        assertArrayEquals(expected.actionIndexArray(), actual.actionIndexArray());
    }

    static void assertSameModel(Mdp expected, Mdp actual) {
        assertEquals(expected.numStates(), actual.numStates());
        assertArrayEquals(expected.choiceStartArray(), actual.choiceStartArray());
        assertArrayEquals(expected.transitionStartArray(), actual.transitionStartArray());
        assertArrayEquals(expected.successorArray(), actual.successorArray());
        assertArrayEquals(expected.probabilityArray(), actual.probabilityArray());
        assertArrayEquals(expected.rewardArray(), actual.rewardArray());
        assertArrayEquals(expected.actionIndexArray(), actual.actionIndexArray());
        assertEquals(expected.actionLabels(), actual.actionLabels());
        assertEquals(expected.discount(), actual.discount());
        assertEquals(expected.objective(), actual.objective());
        assertEquals(expected.initialState(), actual.initialState());
    }
}
