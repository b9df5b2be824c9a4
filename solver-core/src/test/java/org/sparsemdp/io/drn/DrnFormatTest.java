package org.sparsemdp.io.drn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.BitSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sparsemdp.io.LoadedModel;
import org.sparsemdp.io.ModelFormatException;
import org.sparsemdp.model.Mdp;
import org.sparsemdp.model.MdpBuilder;

/** The DRN reader and writer: a hand-written file, write→read round trips, file:line errors. */
class DrnFormatTest {
    @TempDir
    Path dir;

    private static final String HEADER = "// test\n@type: MDP\n@value_type: double\n@parameters\n\n@reward_models\n"
            + "time energy\n@nr_states\n3\n@nr_choices\n3\n@model\n";
    private static final String BODY = "state 0 [1, 2] init\n\taction a [0, 0.5]\n\t\t1 : 0.5\n\t\t2 : 1/2\n"
            + "\taction __NOLABEL__ [3, 0]\n\t\t0 : 1\nstate 1 [0, 0] goal \"far\"\n\taction b [0, 0]\n\t\t1 : 1\n"
            + "state 2 [0, 0]\n";

    private static LoadedModel read(String text) throws IOException {
        return DrnReader.read(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)), "m.drn");
    }

    private static ModelFormatException error(String text) {
        return assertThrows(ModelFormatException.class, () -> read(text));
    }

    @Test
    void readsHandWrittenFile() throws IOException {
        LoadedModel m = read(HEADER + BODY);
        Mdp mdp = m.mdp();
        assertEquals(3, mdp.numStates());
        assertEquals(3, mdp.numChoices());
        assertEquals(-1, mdp.actionIndex(1)); // __NOLABEL__
        assertTrue(mdp.isTerminal(2));
        assertArrayEquals(new double[] {1, 4, 0}, m.rewards("time"));
        assertArrayEquals(new double[] {2.5, 2, 0}, m.rewards("energy"));
        assertArrayEquals(m.rewards("time"), mdp.rewardArray());
        assertEquals(1, m.label("far").nextSetBit(0));
        assertEquals(2, m.label("deadlock").nextSetBit(0));
        assertEquals(0.5, mdp.probability(mdp.transitionStart(0) + 1));
    }

    @Test
    void withoutNrStatesTheLastStatesMayHaveNoActions() throws IOException {
        // A fuzz finding: the builder saw only states with choices, so a label on the last state
        // named a state the model did not have (an IllegalArgumentException escaped).
        String noCounts = HEADER.replace("@nr_states\n3\n@nr_choices\n3\n", "");
        LoadedModel m = read(noCounts + BODY + "state 3 [0, 0] goal\n");
        assertEquals(4, m.mdp().numStates());
        assertTrue(m.mdp().isTerminal(3));
        assertEquals(3, m.label("goal").nextSetBit(2));
    }

    @Test
    void reportsMalformedInputWithItsLine() {
        assertEquals(13, error(HEADER + "state 1 [0, 0]\n").line()); // out of order
        assertEquals(13, error(HEADER + "state 0 [0]\n").line()); // one reward for two models
        assertEquals(14, error(HEADER + "state 0 [0, 0]\n\taction a [0, 0]\n\t\t1 : 0.7\n").line()); // sum 0.7
        assertEquals(15, error(HEADER + "state 0 [0, 0]\n\taction a [0, 0]\n\t\t7 : 1\n").line()); // successor
        assertEquals(14, error(HEADER + "state 0 [0, 0]\n\t\t1 : 1\n").line()); // transition before action
        assertEquals(15, error(HEADER + "state 0 [0, 0]\n\taction a [0, 0]\n\t\t1 - 1\n").line());
        assertEquals(2, error("// x\n@type: DTMC\n").line());
        assertEquals(0, error(HEADER + BODY.replace("state 2 [0, 0]\n", "")).line()); // @nr_states says 3
        assertTrue(error("@type: MDP\n@nr_states\n-4\n@model\n").getMessage().startsWith("m.drn:3:"));
        assertEquals(1, error("@model\nstate 0\n").line()); // no @type
    }

    @Test
    void writeThenReadGivesIdenticalArrays() throws IOException {
        Random rnd = new Random(11);
        for (int round = 0; round < 20; round++) {
            int n = 2 + rnd.nextInt(30);
            MdpBuilder b = new MdpBuilder(n);
            for (int s = 0; s < n; s++) {
                int choices = rnd.nextInt(4); // 0: terminal
                for (int c = 0; c < choices; c++) {
                    int k = 1 + rnd.nextInt(4);
                    int[] t = new int[k];
                    double[] p = new double[k];
                    double sum = 0;
                    for (int i = 0; i < k; i++) {
                        t[i] = rnd.nextInt(n);
                        p[i] = rnd.nextDouble() + 0.01;
                        sum += p[i];
                    }
                    for (int i = 0; i < k; i++) {
                        p[i] /= sum;
                    }
                    b.addChoice(s, rnd.nextBoolean() ? "act" + c : "x", 0, t, p);
                }
            }
            Mdp mdp = b.build();
            Map<String, BitSet> labels = new LinkedHashMap<>();
            BitSet odd = new BitSet();
            for (int s = 1; s < n; s += 2) {
                odd.set(s);
            }
            labels.put("odd", odd);
            Map<String, double[]> rewards = new LinkedHashMap<>();
            double[] r1 = new double[mdp.numChoices()];
            double[] r2 = new double[mdp.numChoices()];
            for (int c = 0; c < r1.length; c++) {
                r1[c] = rnd.nextDouble() * 100;
                r2[c] = rnd.nextInt(3);
            }
            rewards.put("r1", r1);
            rewards.put("r2", r2);
            LoadedModel original = new LoadedModel(mdp.withRewards(r1), labels, rewards);
            Path file = dir.resolve("m" + round + (round % 2 == 0 ? ".drn" : ".drn.gz"));
            DrnWriter.write(original, file);
            LoadedModel back = DrnReader.read(file);
            Mdp m2 = back.mdp();
            assertArrayEquals(mdp.choiceStartArray(), m2.choiceStartArray());
            assertArrayEquals(mdp.transitionStartArray(), m2.transitionStartArray());
            assertArrayEquals(mdp.successorArray(), m2.successorArray());
            assertArrayEquals(mdp.probabilityArray(), m2.probabilityArray());
            assertArrayEquals(r1, m2.rewardArray());
            assertArrayEquals(r2, back.rewards("r2"));
            for (int c = 0; c < mdp.numChoices(); c++) {
                assertEquals(mdp.actionLabel(c), m2.actionLabel(c));
            }
            assertEquals(original.labelNames().size(), back.labelNames().size());
            for (String l : original.labelNames()) {
                assertEquals(original.label(l), back.label(l), l);
            }
            ByteArrayOutputStream again = new ByteArrayOutputStream();
            DrnWriter.write(back, again);
            ByteArrayOutputStream first = new ByteArrayOutputStream();
            DrnWriter.write(original, first);
            assertEquals(first.toString(StandardCharsets.UTF_8), again.toString(StandardCharsets.UTF_8));
        }
    }
}
