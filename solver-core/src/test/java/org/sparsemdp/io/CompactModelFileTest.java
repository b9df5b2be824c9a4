package org.sparsemdp.io;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sparsemdp.generate.SeededGarnetGenerator;
import org.sparsemdp.model.CompactMdp;
import org.sparsemdp.model.Mdp;
import org.sparsemdp.model.MdpBuilder;
import org.sparsemdp.model.Objective;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The compact binary dump: lossless round trips, and clear errors for damaged files. */
class CompactModelFileTest {
    @TempDir
    Path dir;

    private static void assertSame(CompactMdp a, CompactMdp b) {
        assertEquals(a.numStates(), b.numStates());
        assertEquals(a.numChoices(), b.numChoices());
        assertEquals(a.uniformChoices(), b.uniformChoices());
        assertEquals(a.uniformBranching(), b.uniformBranching());
        assertArrayEquals(a.choiceStartArray(), b.choiceStartArray());
        assertArrayEquals(a.transitionStartArray(), b.transitionStartArray());
        assertArrayEquals(a.successorArray(), b.successorArray());
        assertArrayEquals(a.probabilityCodeArray(), b.probabilityCodeArray());
        assertArrayEquals(a.rewardArray(), b.rewardArray());
        assertEquals(a.actionLabels(), b.actionLabels());
        for (int c = 0; c < a.numChoices(); c++) {
            assertEquals(a.actionLabel(c), b.actionLabel(c));
        }
        assertEquals(a.objective(), b.objective());
        assertEquals(a.discount(), b.discount());
        assertArrayEquals(a.initialStates(), b.initialStates());
        assertEquals(a.maxDeviation(), b.maxDeviation());
        assertEquals(a.maxSumGap(), b.maxSumGap());
    }

    @Test
    void theStreamedGarnetIsTheRoundedBlockwiseGarnetAndSurvivesTheFile() throws IOException {
        CompactMdp streamed = SeededGarnetGenerator.generateCompact(3000, 4, 8, 0.99, 11);
        assertSame(CompactMdp.of(SeededGarnetGenerator.generateBlockwise(3000, 4, 8, 0.99, 11)), streamed);
        Path file = dir.resolve("g.cmdp");
        CompactModelFile.write(streamed, file);
        // header: magic 8, version 4, S C 8, T 8, A K 8, kinds 4, three doubles 24, 4 labels "aN" 4 + 4·6,
        // one initial state 4 + 4 = 100 bytes; then 8 bytes per transition and 8 (the reward) per choice
        assertEquals(9L * streamed.numTransitions() + 100, Files.size(file), "9 bytes per transition");
        assertTrue(CompactModelFile.isCompactFile(file));
        assertSame(streamed, CompactModelFile.read(file));
    }

    @Test
    void irregularModelsWithLabelsAndTerminalStatesRoundTrip() throws IOException {
        MdpBuilder b = new MdpBuilder(5).objective(Objective.MINIMIZE).discount(0.9).initialStates(2, 1);
        b.addChoice(0, "x", 1.5, new int[] {0, 1, 2}, new double[] {0.1, 0.7, 0.2});
        b.addChoice(0, "y", 3, new int[] {3}, new double[] {1});
        b.addChoice(1, "y", 0.3, new int[] {0, 1}, new double[] {1.0 / 3, 2.0 / 3});
        b.addChoice(2, "ünïcode", 0, new int[] {2}, new double[] {1});
        b.addChoice(4, "x", -2, new int[] {0, 4}, new double[] {0.5, 0.5});
        CompactMdp compact = CompactMdp.of(b.build());
        Path file = dir.resolve("m.cmdp");
        CompactModelFile.write(compact, file);
        assertSame(compact, CompactModelFile.read(file));
    }

    @Test
    void damagedFilesGiveErrorsNamingTheFileAndTheProblem() throws IOException {
        CompactMdp compact = SeededGarnetGenerator.generateCompact(50, 2, 3, 0.9, 1);
        Path file = dir.resolve("d.cmdp");
        CompactModelFile.write(compact, file);
        byte[] bytes = Files.readAllBytes(file);

        Path truncated = dir.resolve("truncated.cmdp");
        Files.write(truncated, java.util.Arrays.copyOf(bytes, bytes.length - 5));
        ModelFormatException e = assertThrows(ModelFormatException.class, () -> CompactModelFile.read(truncated));
        assertTrue(e.getMessage().contains("truncated.cmdp") && e.getMessage().contains("header announces"),
                e.getMessage());

        // a header claiming 2^31 - 9 transitions: refused from the file length, never an OutOfMemoryError
        byte[] lying = bytes.clone();
        ByteBuffer.wrap(lying).order(ByteOrder.LITTLE_ENDIAN).putLong(20, Integer.MAX_VALUE - 9L);
        Path lie = dir.resolve("lying.cmdp");
        Files.write(lie, lying);
        e = assertThrows(ModelFormatException.class, () -> CompactModelFile.read(lie));
        assertTrue(e.getMessage().contains("lying.cmdp") && e.getMessage().contains("header announces"), e.getMessage());

        // one probability code changed: the row no longer sums to 2^32
        byte[] corrupt = bytes.clone();
        int codes = bytes.length - 8 * 100 - 4 * 300; // reward[100] is last, code[300] before it
        corrupt[codes + 4 * 7] ^= 1;
        Path bad = dir.resolve("bad.cmdp");
        Files.write(bad, corrupt);
        e = assertThrows(ModelFormatException.class, () -> CompactModelFile.read(bad));
        assertTrue(e.getMessage().contains("bad.cmdp") && e.getMessage().contains("state 1, choice 2")
                && e.getMessage().contains("not exactly 1"), e.getMessage());

        Path other = dir.resolve("other.cmdp");
        Files.writeString(other, "0 a 1 0:1\n");
        assertFalse(CompactModelFile.isCompactFile(other));
        e = assertThrows(ModelFormatException.class, () -> CompactModelFile.read(other));
        assertTrue(e.getMessage().contains("other.cmdp"), e.getMessage());
    }
}
