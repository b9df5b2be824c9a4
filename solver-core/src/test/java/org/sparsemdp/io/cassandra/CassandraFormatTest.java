package org.sparsemdp.io.cassandra;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.SplittableRandom;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.sparsemdp.io.ModelFormatException;
import org.sparsemdp.model.Mdp;
import org.sparsemdp.model.MdpBuilder;
import org.sparsemdp.model.Objective;
import org.sparsemdp.result.Solution;
import org.sparsemdp.solve.SolverOptions;
import org.sparsemdp.solve.ValueIterationSolver;
import org.sparsemdp.testing.DenseOracle;

class CassandraFormatTest {
    static final Path EXAMPLES = Path.of("/work/shared/data/external/cassandra_pomdp_examples");

    static Mdp parse(String text) throws IOException {
        return parse(text, false);
    }

    static Mdp parse(String text, boolean pomdp) throws IOException {
        return CassandraReader.read(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)), "t.mdp", pomdp);
    }

    static ModelFormatException parseError(String text) {
        return assertThrows(ModelFormatException.class, () -> parse(text));
    }

    /** 1-based line of the first line of {@code file} that contains {@code needle}. */
    static long lineOf(Path file, String needle) throws IOException {
        List<String> lines = Files.readAllLines(file);
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).startsWith(needle)) {
                return i + 1;
            }
        }
        throw new AssertionError(needle + " not in " + file);
    }

    // ---- the published example files ----

    @ParameterizedTest
    @CsvSource({"4x3.95.POMDP, 11, 4", "tiger.95.POMDP, 2, 3", "cheese.95.POMDP, 11, 4", "shuttle.95.POMDP, 8, 3"})
    void exampleFilesParseAsTheirUnderlyingMdp(String name, int states, int actions) throws IOException {
        Path file = EXAMPLES.resolve(name);
        Mdp mdp = CassandraReader.read(file, true);
        assertEquals(states, mdp.numStates());
        assertEquals(states * actions, mdp.numChoices());
        assertEquals(0.95, mdp.discount(), 0.0);
        assertEquals(Objective.MAXIMIZE, mdp.objective());
        for (int s = 0; s < states; s++) {
            assertEquals(actions, mdp.numChoices(s));
        }
        // value iteration on the parsed model agrees with an independent dense policy iteration
        Solution sol = new ValueIterationSolver().solve(mdp, SolverOptions.builder().epsilon(1e-9).build());
        double[] exact = DenseOracle.optimalValues(mdp);
        for (int s = 0; s < states; s++) {
            assertEquals(exact[s], sol.values()[s], 1e-7, "state " + s);
        }
    }

    @ParameterizedTest
    @CsvSource({"4x3.95.POMDP", "tiger.95.POMDP", "cheese.95.POMDP", "shuttle.95.POMDP"})
    void pomdpFilesNeedTheExplicitOption(String name) throws IOException {
        Path file = EXAMPLES.resolve(name);
        ModelFormatException e = assertThrows(ModelFormatException.class, () -> CassandraReader.read(file));
        assertEquals(lineOf(file, "observations:"), e.line());
        assertTrue(e.getMessage().contains("POMDP"), e.getMessage());
    }

    @Test
    void tigerUnderlyingMdpIsTheHandBuiltModel() throws IOException {
        Mdp mdp = CassandraReader.read(EXAMPLES.resolve("tiger.95.POMDP"), true);
        // From the file: listen = identity, reward -1; open-* = uniform with rewards -100 / 10.
        MdpBuilder b = new MdpBuilder(2).discount(0.95).objective(Objective.MAXIMIZE).initialStates(0, 1);
        b.addChoice(0, "listen", -1, new int[] {0}, new double[] {1});
        b.addChoice(0, "open-left", -100, new int[] {0, 1}, new double[] {0.5, 0.5});
        b.addChoice(0, "open-right", 10, new int[] {0, 1}, new double[] {0.5, 0.5});
        b.addChoice(1, "listen", -1, new int[] {1}, new double[] {1});
        b.addChoice(1, "open-left", 10, new int[] {0, 1}, new double[] {0.5, 0.5});
        b.addChoice(1, "open-right", -100, new int[] {0, 1}, new double[] {0.5, 0.5});
        Mdp expected = b.build();
        assertSameArrays(expected, mdp);
        // Fully observed, always opening the safe door: V = 10 / (1 - 0.95) = 200 in both states.
        double[] v = DenseOracle.optimalValues(mdp);
        assertEquals(200.0, v[0], 1e-9);
        assertEquals(200.0, v[1], 1e-9);
        assertArrayEquals(new int[] {0, 1}, mdp.initialStates());
    }

    @Test
    void shuttleRewardsAreFoldedOverEndStates() throws IOException {
        Mdp mdp = CassandraReader.read(EXAMPLES.resolve("shuttle.95.POMDP"), true);
        // actions TurnAround GoForward Backup: choice = 3 s + a
        assertEquals(-3.0, mdp.reward(3 * 1 + 1), 0.0); // R: GoForward : 1 : 1 : * -3, T(1,GoForward,1) = 1
        assertEquals(-3.0, mdp.reward(3 * 6 + 1), 0.0); // R: GoForward : 6 : 6 : * -3
        assertEquals(0.7 * 10, mdp.reward(3 * 3 + 2), 1e-12); // R: Backup : 3 : 0 : * 10, T(3,Backup,0) = 0.7
        assertEquals(0.0, mdp.reward(3 * 7 + 1), 0.0); // the commented-out line is a comment
        assertArrayEquals(new int[] {7}, mdp.initialStates());
    }

    @Test
    void fourByThreeStartRowsAndStateRewards() throws IOException {
        Mdp mdp = CassandraReader.read(EXAMPLES.resolve("4x3.95.POMDP"), true);
        for (int a = 0; a < 4; a++) {
            assertEquals(1.0, mdp.reward(4 * 3 + a), 0.0);
            assertEquals(-1.0, mdp.reward(4 * 6 + a), 0.0);
            assertEquals(-0.04, mdp.reward(4 * 0 + a), 0.0);
            int c = 4 * 3 + a; // the goal resets to the start distribution: 9 states, none of 3 and 6
            assertEquals(9, mdp.transitionEnd(c) - mdp.transitionStart(c));
        }
        assertArrayEquals(new int[] {0, 1, 2, 4, 5, 7, 8, 9, 10}, mdp.initialStates());
    }

    @Test
    void cheeseRewardIsTheProbabilityOfReachingState10() throws IOException {
        Mdp mdp = CassandraReader.read(EXAMPLES.resolve("cheese.95.POMDP"), true);
        assertEquals(1.0, mdp.reward(4 * 6 + 1), 0.0); // S0 from 6 goes to 10
        for (int a = 0; a < 4; a++) {
            assertEquals(0.0, mdp.reward(4 * 10 + a), 0.0);
        }
    }

    // ---- semantics on hand-written files ----

    static final String PRE = "discount: 0.9\nvalues: cost\nstates: 3\nactions: a b\n";

    @Test
    void laterEntriesOverwriteEarlierOnes() throws IOException {
        Mdp mdp = parse(PRE + "T: * uniform\n"
                + "T: a : 0 : 1 1.0\nT: a : 0 : 0 0.0\nT: a : 0 : 2 0.0\n" // row (0,a) becomes 1 -> 1
                + "T: b : 1 : 2 1.0\nT: b : 1\n0.0 1.0 0.0\n" // the later row replaces the entry
                + "R: * : * : * 5\nR: a : 0 : * 7\n" // specific after general wins for (0,a)
                + "R: b : 2 : * 1\nR: * : 2 : * 2\n"); // general after specific wins for (2,b)
        assertEquals(Objective.MINIMIZE, mdp.objective());
        assertEquals(0.9, mdp.discount(), 0.0);
        int c0a = 0;
        assertEquals(1, mdp.transitionEnd(c0a) - mdp.transitionStart(c0a));
        assertEquals(1, mdp.successor(mdp.transitionStart(c0a)));
        int c1b = 3;
        assertEquals(1, mdp.transitionEnd(c1b) - mdp.transitionStart(c1b));
        assertEquals(1, mdp.successor(mdp.transitionStart(c1b)));
        assertEquals(7.0, mdp.reward(c0a), 0.0);
        assertEquals(5.0, mdp.reward(1), 0.0);
        assertEquals(2.0, mdp.reward(5), 0.0);
        assertEquals(2.0, mdp.reward(4), 0.0);
        assertEquals(3, mdp.transitionEnd(2) - mdp.transitionStart(2)); // (1,a) uniform
    }

    @Test
    void rewardFormsOfMdpFiles() throws IOException {
        Mdp mdp = parse(PRE + "T: a identity\nT: b uniform\n"
                + "R: a : 0 : 0 4\n" // single (a,s,s')
                + "R: b : 1\n3 6 9\n" // row over end states: 1/3 each -> 6
                + "R: b\n1 1 1\n2 2 2\n0 0 30\n"); // matrix (s, s') -> state 2: 10
        assertEquals(4.0, mdp.reward(0), 0.0);
        assertEquals(1.0, mdp.reward(1), 0.0);
        assertEquals(2.0, mdp.reward(3), 0.0); // the later matrix replaced the row form's 6
        assertEquals(10.0, mdp.reward(5), 1e-12);
        assertEquals(0.0, mdp.reward(2), 0.0);
        assertEquals(0.0, mdp.reward(4), 0.0);
        Mdp rowOnly = parse(PRE + "T: a identity\nT: b uniform\nR: b : 1\n3 6 9\n");
        assertEquals(6.0, rowOnly.reward(3), 1e-12);
    }

    @Test
    void startForms() throws IOException {
        String t = "T: * uniform\n";
        assertArrayEquals(new int[] {2}, parse(PRE + "start: 2\n" + t).initialStates());
        assertArrayEquals(new int[] {0, 1, 2}, parse(PRE + "start: uniform\n" + t).initialStates());
        assertArrayEquals(new int[] {0, 2}, parse(PRE + "start include: 0 2\n" + t).initialStates());
        assertArrayEquals(new int[] {1}, parse(PRE + "start exclude: 0 2\n" + t).initialStates());
        assertArrayEquals(new int[] {1, 2}, parse(PRE + "start:\n0.0 0.5\n0.5\n" + t).initialStates());
        assertArrayEquals(new int[] {0, 1, 2}, parse(PRE + t).initialStates());
        String named = "discount: 0.5\nvalues: reward\nstates: x y\nactions: 1\nstart: y\nT: 0 : x : y 1.0\n"
                + "T: 0 : y uniform\n";
        assertArrayEquals(new int[] {1}, parse(named).initialStates());
    }

    // ---- errors with their line ----

    @Test
    void errorsNameTheLine() {
        ModelFormatException e = parseError(PRE + "T: a : 0 : 5 1.0\n");
        assertEquals(5, e.line());
        assertTrue(e.getMessage().contains("end state 5 out of range"), e.getMessage());
        e = parseError(PRE + "\n\nT: c uniform\n");
        assertEquals(7, e.line());
        assertTrue(e.getMessage().contains("unknown action 'c'"), e.getMessage());
        e = parseError(PRE + "T: a : 0 : 1 1.5\n");
        assertEquals(5, e.line());
        e = parseError(PRE + "T: a\n0.5 0.5 0.0\n1 0 0\n");
        assertTrue(e.getMessage().contains("end of the file"), e.getMessage());
        e = parseError("discount: 0.9\nstates: 2\nactions: 1\nT: * uniform\n");
        assertEquals(4, e.line());
        assertTrue(e.getMessage().contains("values"), e.getMessage());
        e = parseError(PRE + "T: * uniform\nR: a : 0 : 0 : 0 1.0\n");
        assertEquals(6, e.line());
        e = parseError(PRE + "T: * uniform\nX: 1\n");
        assertEquals(6, e.line());
    }

    @Test
    void rowsMustSumToOneWithinTolerance() throws IOException {
        ModelFormatException e = parseError(PRE + "T: * uniform\nT: b : 2\n0.5 0.49 0.0\n");
        assertTrue(e.getMessage().contains("state 2, action b") && e.getMessage().contains("sum to 0.99"),
                e.getMessage());
        e = parseError(PRE + "T: a uniform\n");
        assertTrue(e.getMessage().contains("state-action rows") || e.getMessage().contains("no transition"),
                e.getMessage());
        Mdp ok = parse(PRE + "T: * uniform\nT: b : 2\n0.5 0.499995 0.0\n");
        double sum = 0;
        for (int k = ok.transitionStart(5); k < ok.transitionEnd(5); k++) {
            sum += ok.probability(k);
        }
        assertEquals(1.0, sum, 1e-12);
    }

    @Test
    void observationDependentRewardsAreRejected() {
        String pomdp = "discount: 0.9\nvalues: reward\nstates: 2\nactions: 1\nobservations: 2\nT: * uniform\n"
                + "O: * uniform\nR: 0 : 0 : 1 : 1 3.0\n";
        ModelFormatException e = assertThrows(ModelFormatException.class, () -> parse(pomdp, true));
        assertEquals(8, e.line());
        assertTrue(e.getMessage().contains("observation"), e.getMessage());
    }

    @Test
    void hostileSizesFailCleanly() {
        ModelFormatException e = parseError("discount: 0.9\nvalues: cost\nstates: 2000000000\nactions: 4\n"
                + "T: * uniform\n");
        assertEquals(5, e.line());
        e = parseError("discount: 0.9\nvalues: cost\nstates: 100000000\nactions: 4\nT: 0 : 0 : 0 1.0\n");
        assertTrue(e.getMessage().contains("fewer than"), e.getMessage());
        e = parseError("discount: 0.9\nvalues: cost\nstates: 99999999999\nactions: 4\n");
        assertEquals(3, e.line());
    }

    @Test
    void aHugeDeclaredStateCountAllocatesNothingBeforeTheFileBacksIt() {
        // Each header declares 2·10^9 states: "every state is initial", "all but one", a start
        // distribution and per-choice rewards would each need gigabytes if the count were trusted.
        String head = "discount: 0.9\nvalues: cost\nstates: 2000000000\nactions: 1\n";
        for (String start : new String[] {"", "start: uniform\n", "start exclude: 0\n", "start include: 5 3 5\n"}) {
            ModelFormatException e = parseError(head + start + "T: 0 : 0 : 0 1.0\n");
            assertTrue(e.getMessage().contains("fewer than"), start + ": " + e.getMessage());
        }
        ModelFormatException e = parseError(head + "start: 0.5 0.5\nT: 0 : 0 : 0 1.0\n");
        assertTrue(e.getMessage().contains("start probability of state 2"), e.getMessage());
        e = parseError(head + "R: 0 : 0 : * 1\nT: 0 : 0 : 0 1.0\n");
        assertEquals(5, e.line(), e.getMessage());
        assertTrue(e.getMessage().contains("heap"), e.getMessage());
    }

    @Test
    void startListsAreSortedAndDistinct() throws IOException {
        String body = "discount: 0.9\nvalues: cost\nstates: 4\nactions: 1\n%sT: 0 identity\n";
        assertArrayEquals(new int[] {1, 3}, parse(String.format(body, "start include: 3 1 3\n"), false).initialStates());
        assertArrayEquals(new int[] {0, 3}, parse(String.format(body, "start exclude: 2 1 2\n"), false).initialStates());
        assertArrayEquals(new int[] {0, 1, 2, 3}, parse(String.format(body, ""), false).initialStates());
        assertArrayEquals(new int[] {1, 2}, parse(String.format(body, "start: 0 0.5 0.5 0\n"), false).initialStates());
        ModelFormatException e = parseError(String.format(body, "start exclude: 0 1 2 3 2\n"));
        assertEquals(5, e.line());
    }

    // ---- writing ----

    static Mdp sameActionsEverywhere(long seed, int states, int actions) {
        SplittableRandom rnd = new SplittableRandom(seed);
        MdpBuilder b = new MdpBuilder(states).discount(0.93).objective(Objective.MAXIMIZE).initialStates(states - 1);
        for (int s = 0; s < states; s++) {
            for (int a = 0; a < actions; a++) {
                b.startChoice(s, "act" + a, rnd.nextDouble() < 0.3 ? 0.0 : -5 + 10 * rnd.nextDouble());
                int branching = 1 + rnd.nextInt(4);
                double[] w = new double[branching];
                double total = 0;
                for (int i = 0; i < branching; i++) {
                    w[i] = 0.1 + rnd.nextDouble();
                    total += w[i];
                }
                for (int i = 0; i < branching; i++) {
                    b.addTransition(rnd.nextInt(states), w[i] / total);
                }
                b.finishChoice();
            }
        }
        return b.build();
    }

    static void assertSameArrays(Mdp a, Mdp b) {
        assertEquals(a.numStates(), b.numStates());
        assertEquals(a.objective(), b.objective());
        assertEquals(a.discount(), b.discount(), 0.0);
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
    void writeThenReadGivesIdenticalArrays(@TempDir Path dir) throws IOException {
        for (long seed = 1; seed <= 5; seed++) {
            Mdp mdp = sameActionsEverywhere(seed, 30, 3);
            for (CassandraWriter.Order order : CassandraWriter.Order.values()) {
                boolean gzip = seed % 2 == 0; // plain files get a census and the ordered, pre-sized store
                Path file = dir.resolve("m" + seed + order + (gzip ? ".pomdp.gz" : ".pomdp"));
                try (OutputStream out = gzip ? new GZIPOutputStream(Files.newOutputStream(file))
                        : Files.newOutputStream(file)) {
                    CassandraWriter.write(mdp, out, order);
                }
                Mdp back = CassandraReader.read(file);
                assertSameArrays(mdp, back);
                assertArrayEquals(mdp.initialStates(), back.initialStates());
            }
        }
    }

    @Test
    void writerOrdersLinesByStateOrByAction() throws IOException {
        Mdp mdp = sameActionsEverywhere(7, 4, 2);
        for (CassandraWriter.Order order : CassandraWriter.Order.values()) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            CassandraWriter.write(mdp, out, order);
            long previous = -1;
            for (String line : out.toString(StandardCharsets.UTF_8).split("\n")) {
                if (line.startsWith("T:")) {
                    String[] f = line.substring(2).trim().split("\\s*:\\s*|\\s+");
                    int a = Integer.parseInt(f[0].replaceAll("\\D", ""));
                    int st = Integer.parseInt(f[1]);
                    int t = Integer.parseInt(f[2]);
                    long key = order == CassandraWriter.Order.BY_STATE ? ((long) st * 2 + a) * 4 + t
                            : ((long) a * 4 + st) * 4 + t;
                    assertTrue(key > previous, order + ": " + line);
                    previous = key;
                }
            }
            assertTrue(previous >= 0, "no T: lines");
        }
    }

    @Test
    void writerRefusesWhatTheFormatCannotHold() {
        MdpBuilder b = new MdpBuilder(2);
        b.addChoice(0, "a", 1, new int[] {1}, new double[] {1});
        Mdp terminal = b.build();
        IOException e = assertThrows(IOException.class, () -> CassandraWriter.write(terminal, new ByteArrayOutputStream()));
        assertTrue(e.getMessage().contains("terminal"), e.getMessage());
    }
}
