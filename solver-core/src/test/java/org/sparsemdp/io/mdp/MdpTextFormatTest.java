package org.sparsemdp.io.mdp;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.sparsemdp.io.ModelFormatException;
import org.sparsemdp.model.Mdp;
import org.sparsemdp.model.Objective;
import org.sparsemdp.testing.RandomMdps;
import org.sparsemdp.testing.SeedModels;

class MdpTextFormatTest {
    private static final String HEADER = "mdp 1\nstates 3\nobjective min\n";

    static Mdp parse(String text) throws IOException {
        return MdpTextReader.read(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)), "test.mdp");
    }

    static String write(Mdp mdp) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        MdpTextWriter.write(mdp, out);
        return out.toString(StandardCharsets.UTF_8);
    }

    static void assertSameModel(Mdp a, Mdp b) {
        assertEquals(a.numStates(), b.numStates());
        assertEquals(a.objective(), b.objective());
        assertEquals(a.discount(), b.discount(), 0.0);
        assertEquals(a.initialState(), b.initialState());
        assertArrayEquals(a.choiceStartArray(), b.choiceStartArray());
        assertArrayEquals(a.transitionStartArray(), b.transitionStartArray());
        assertArrayEquals(a.successorArray(), b.successorArray());
        assertArrayEquals(a.probabilityArray(), b.probabilityArray(), 0.0);
        assertArrayEquals(a.rewardArray(), b.rewardArray(), 0.0);
        for (int c = 0; c < a.numChoices(); c++) {
            assertEquals(a.actionLabel(c), b.actionLabel(c));
        }
    }

    @Test
    void bundledInventoryDatasetIsTheSeedLab() throws IOException {
        Mdp file = MdpTextReader.read(Path.of("../datasets/inventory/inventory.mdp"));
        assertSameModel(SeedModels.inventory(), file);
    }

    @Test
    void bundledForestDatasetIsThePymdptoolboxExample() throws IOException {
        Mdp file = MdpTextReader.read(Path.of("../datasets/forest/forest.mdp"));
        assertSameModel(SeedModels.forest(3, 4, 2, 0.1, 0.9), file);
    }

    @Test
    void writeThenReadIsIdentical() throws IOException {
        for (long seed = 1; seed <= 20; seed++) {
            Mdp mdp = RandomMdps.random(seed, 1 + (int) seed * 3, 4, 6, seed % 2 == 0 ? 1.0 : 0.95,
                    seed % 3 == 0 ? Objective.MAXIMIZE : Objective.MINIMIZE, 0.2).withInitialStates((int) (seed % 3 == 0 ? 0 : 1) % (1 + (int) seed * 3));
            String text = write(mdp);
            Mdp back = parse(text);
            assertSameModel(mdp, back);
            assertEquals(text, write(back), "canonical text is stable");
        }
    }

    @Test
    void choicesMayComeInAnyOrderWithCommentsAndBlankLines() throws IOException {
        Mdp m = parse("# a model\n\nmdp 1   # magic\nstates 3\nobjective max\ndiscount 0.5\ninitial 2\n"
                + "2 b 1.5 0:1\n\n0 a -2 1:0.25 2:0.75 # comment\n2 a 0 2:1\n");
        assertEquals(3, m.numStates());
        assertEquals(Objective.MAXIMIZE, m.objective());
        assertEquals(0.5, m.discount(), 0);
        assertEquals(2, m.initialState());
        assertArrayEquals(new int[] {0, 1, 1, 3}, m.choiceStartArray());
        assertEquals("b", m.actionLabel(1));
        assertEquals("a", m.actionLabel(2));
        assertTrue(m.isTerminal(1));
    }

    @Test
    void gzipIsReadTransparently(@TempDir Path dir) throws IOException {
        Mdp mdp = SeedModels.inventory();
        Path gz = dir.resolve("m.mdp.gz");
        try (GZIPOutputStream out = new GZIPOutputStream(Files.newOutputStream(gz))) {
            MdpTextWriter.write(mdp, out);
        }
        assertSameModel(mdp, MdpTextReader.read(gz));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '\'', value = {
        "empty file                 | ''                                                         | 0 | empty file",
        "wrong magic                | 'mdq 1\n'                                                 | 1 | expected the header 'mdp 1'",
        "wrong version              | 'mdp 2\n'                                                 | 1 | unsupported format version 2",
        "junk after version         | 'mdp 1 x\n'                                               | 1 | unexpected 'x'",
        "missing states             | 'mdp 1\nobjective min\n0 a 1 0:1\n'                       | 3 | missing 'states N'",
        "missing objective          | 'mdp 1\nstates 2\n0 a 1 0:1\n'                            | 3 | missing 'objective",
        "states not a number        | 'mdp 1\nstates many\n'                                     | 2 | expected number of states",
        "states zero                | 'mdp 1\nstates 0\n'                                        | 2 | must be positive",
        "lying huge header          | 'mdp 1\nstates 10000000000\n'                              | 2 | exceeds the supported maximum",
        "header beyond heap         | 'mdp 1\nstates 2147483000\n'                               | 2 | MiB of heap are free",
        "bad objective              | 'mdp 1\nstates 2\nobjective best\n'                        | 3 | objective must be 'min' or 'max'",
        "bad discount               | 'mdp 1\nstates 2\nobjective min\ndiscount 1.5\n'           | 4 | discount must satisfy",
        "discount not a number      | 'mdp 1\nstates 2\nobjective min\ndiscount x\n'             | 4 | expected discount factor",
        "initial out of range       | 'mdp 1\nstates 2\nobjective min\ninitial 2\n'              | 4 | initial state 2 out of range",
        "initial before states      | 'mdp 1\ninitial 0\nstates 2\n'                             | 2 | must come after 'states'",
        "duplicate header           | 'mdp 1\nstates 2\nstates 3\n'                              | 3 | duplicate 'states'",
        "unknown header             | 'mdp 1\nstates 2\ncolour red\n'                            | 3 | unknown header line 'colour'",
        "choices not a number       | 'mdp 1\nstates 2\nchoices few\n'                           | 3 | expected number of choices",
        "negative choices           | 'mdp 1\nstates 2\nchoices -1\n'                            | 3 | must not be negative",
        "negative transitions       | 'mdp 1\nstates 2\ntransitions -5\n'                        | 3 | must not be negative",
        "transitions beyond int     | 'mdp 1\nstates 2\ntransitions 4294967296\n'                | 3 | exceeds the supported maximum",
        "junk after choices         | 'mdp 1\nstates 2\nchoices 1 2\n'                           | 3 | unexpected '2'",
        "duplicate transitions      | 'mdp 1\nstates 2\ntransitions 1\ntransitions 1\n'          | 4 | duplicate 'transitions'",
        "too few choices declared   | 'mdp 1\nstates 2\nchoices 1\nobjective min\n0 a 1 0:1\n1 a 1 1:1\n' | 3 | declares 1 choices, but the file has 2",
        "too few pairs declared     | 'mdp 1\nstates 2\nobjective min\ntransitions 1\n0 a 1 0:0.5 1:0.5\n' | 4 | declares 1 transitions, but the file has 2",
        "too many pairs declared    | 'mdp 1\nstates 2\nobjective min\ntransitions 3\n0 a 1 0:0.5 1:0.5\n' | 4 | declares 3 transitions, but the file has 2",
        "state out of range         | 'HEADER 3 a 1 0:1\n'                                      | 4 | state 3 out of range",
        "negative state             | 'HEADER -1 a 1 0:1\n'                                     | 4 | state -1 out of range",
        "missing label              | 'HEADER 0\n'                                              | 4 | expected action label",
        "missing reward             | 'HEADER 0 a\n'                                            | 4 | expected reward",
        "bad reward                 | 'HEADER 0 a 1x 0:1\n'                                     | 4 | expected reward (a number)",
        "infinite reward            | 'HEADER 0 a Infinity 0:1\n'                               | 4 | not finite",
        "no transitions             | 'HEADER 0 a 1\n'                                          | 4 | no successor:probability pairs",
        "missing colon              | 'HEADER 0 a 1 0 1\n'                                      | 4 | expected ':' after successor 0",
        "missing probability        | 'HEADER 0 a 1 0:\n'                                       | 4 | expected probability",
        "bad probability            | 'HEADER 0 a 1 0:half\n'                                   | 4 | expected probability (a number)",
        "probability above one      | 'HEADER 0 a 1 0:1.5\n'                                    | 4 | not in [0, 1]",
        "negative probability       | 'HEADER 0 a 1 0:-0.5 1:1.5\n'                             | 4 | not in [0, 1]",
        "successor out of range     | 'HEADER 0 a 1 0:0.5 3:0.5\n'                              | 4 | successor 3 out of range",
        "row does not sum to one    | 'HEADER 1 a 0 0:1\n0 a 1 0:0.5 1:0.4\n'                   | 5 | sum to 0.9",
        "duplicates sum above one   | 'HEADER 0 a 1 1:0.7 1:0.7\n'                              | 4 | sum to 1.4",
        "huge successor             | 'HEADER 0 a 1 99999999999:1\n'                            | 4 | out of the supported range",
    })
    void malformedInputNamesFileLineAndProblem(String name, String text, long line, String fragment) {
        String content = text == null ? "" : text.startsWith("HEADER ") ? HEADER + text.substring(7) : text;
        content = content.replace("\\n", "\n");
        String input = content;
        ModelFormatException e = assertThrows(ModelFormatException.class, () -> parse(input));
        assertEquals(line, e.line(), e.getMessage());
        assertTrue(e.getMessage().startsWith("test.mdp:"), e.getMessage());
        assertTrue(e.getMessage().contains(fragment), "'" + e.getMessage() + "' lacks '" + fragment + "'");
    }

    /** The writer's header with the size-hint lines removed. */
    static String withoutHints(String text) {
        return text.replaceFirst("\nchoices \\d+\n", "\n").replaceFirst("\ntransitions \\d+\n", "\n");
    }

    @Test
    void writerDeclaresTheCountsOfTheChoiceLinesAndPairsItWrites() throws IOException {
        for (long seed = 1; seed <= 10; seed++) {
            Mdp mdp = RandomMdps.random(seed, 5 + (int) seed * 7, 4, 6, 0.9, Objective.MINIMIZE, 0.2);
            String text = write(mdp);
            long choiceLines = 0;
            long pairs = 0;
            for (String line : text.split("\n")) {
                if (!line.isEmpty() && Character.isDigit(line.charAt(0))) {
                    choiceLines++;
                    pairs += line.chars().filter(ch -> ch == ':').count();
                }
            }
            assertTrue(text.startsWith("mdp 1\nstates " + mdp.numStates() + "\nchoices " + choiceLines
                    + "\ntransitions " + pairs + "\nobjective "), text.substring(0, 60));
        }
    }

    @Test
    void filesWithAndWithoutHintsGiveTheSameModel(@TempDir Path dir) throws IOException {
        Mdp mdp = RandomMdps.random(7, 300, 4, 6, 0.95, Objective.MAXIMIZE, 0.1);
        String text = write(mdp);
        assertTrue(!withoutHints(text).contains("choices") && !withoutHints(text).contains("transitions"));
        assertSameModel(mdp, parse(withoutHints(text)));
        assertSameModel(mdp, parse(text));
        Path file = dir.resolve("m.mdp");
        Files.writeString(file, text);
        assertSameModel(mdp, MdpTextReader.read(file));
        Path gz = dir.resolve("m.mdp.gz");
        try (GZIPOutputStream out = new GZIPOutputStream(Files.newOutputStream(gz))) {
            out.write(text.getBytes(StandardCharsets.UTF_8));
        }
        assertSameModel(mdp, MdpTextReader.read(gz));
    }

    @Test
    void hintsAreCountsBeforeMergingDuplicatesAndDroppingZeros() throws IOException {
        Mdp m = parse(HEADER.replace("states 3\n", "states 3\nchoices 2\ntransitions 5\n")
                + "0 a 1 1:0.25 1:0.25 2:0.5\n1 b 0 0:1 2:0\n");
        assertEquals(2, m.numChoices());
        assertEquals(3, m.numTransitions(), "1:0.25 twice merged, 2:0 dropped");
    }

    @Test
    void hintsReserveTheArraysExactlySoThatNoArrayIsGrownOrTrimmed(@TempDir Path dir) throws IOException {
        java.lang.management.ThreadMXBean bean = java.lang.management.ManagementFactory.getThreadMXBean();
        org.junit.jupiter.api.Assumptions.assumeTrue(bean instanceof com.sun.management.ThreadMXBean);
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) bean;
        Mdp mdp = RandomMdps.random(3, 20_000, 4, 8, 0.95, Objective.MINIMIZE);
        Path hinted = dir.resolve("hinted.mdp");
        Files.writeString(hinted, write(mdp));
        Path plain = dir.resolve("plain.mdp");
        Files.writeString(plain, withoutHints(write(mdp)));
        long id = Thread.currentThread().getId();
        long withHints = Long.MAX_VALUE;
        long withoutHints = Long.MAX_VALUE;
        for (int round = 0; round < 3; round++) { // the first round loads classes and warms up
            long t0 = threads.getThreadAllocatedBytes(id);
            MdpTextReader.read(hinted); // a file: its size bounds what the hints may reserve
            long t1 = threads.getThreadAllocatedBytes(id);
            MdpTextReader.read(plain);
            long t2 = threads.getThreadAllocatedBytes(id);
            withHints = Math.min(withHints, t1 - t0);
            withoutHints = Math.min(withoutHints, t2 - t1);
        }
        // Growing by 1.5x allocates each array about 3 times its final length, and the final
        // trimming copy once more; filled in place, the transition arrays (4 + 8 bytes per
        // transition) are allocated once. So the hints must save at least one full copy of them.
        long transitionArrays = 12L * mdp.numTransitions();
        assertTrue(withoutHints - withHints >= transitionArrays, "with hints " + withHints + " B, without "
                + withoutHints + " B, transition arrays " + transitionArrays + " B");
    }

    @Test
    void lyingHugeHintsNeverReserveBeyondTheFileOrHeapAndAreReportedAtTheirLine(@TempDir Path dir)
            throws IOException {
        long huge = Integer.MAX_VALUE - 8; // 20 + 12 bytes each: about 64 GiB if it were trusted
        String text = "mdp 1\nstates 2\nchoices " + huge + "\ntransitions " + huge + "\nobjective min\n"
                + "0 a 1 0:0.5 1:0.5\n1 a 1 1:1\n";
        Path file = dir.resolve("lie.mdp");
        Files.writeString(file, text);
        for (ThrowingRead read : new ThrowingRead[] {() -> parse(text), () -> MdpTextReader.read(file)}) {
            ModelFormatException e = assertThrows(ModelFormatException.class, read::run);
            assertEquals(3, e.line(), e.getMessage());
            assertTrue(e.getMessage().contains("declares " + huge + " choices, but the file has 2"), e.getMessage());
        }
        String onlyTransitions = text.replace("choices " + huge + "\n", "");
        ModelFormatException e = assertThrows(ModelFormatException.class, () -> parse(onlyTransitions));
        assertEquals(3, e.line(), e.getMessage());
        assertTrue(e.getMessage().contains("declares " + huge + " transitions, but the file has 3"), e.getMessage());
    }

    /** A read that may throw. */
    private interface ThrowingRead {
        void run() throws IOException;
    }

    @Test
    void labelsThatCannotBeWrittenAreRefused() {
        org.sparsemdp.model.MdpBuilder b = new org.sparsemdp.model.MdpBuilder(1);
        b.addChoice(0, "go left", 0, new int[] {0}, new double[] {1});
        Mdp m = b.build();
        IOException e = assertThrows(IOException.class, () -> write(m));
        assertTrue(e.getMessage().contains("go left"));
    }
}
