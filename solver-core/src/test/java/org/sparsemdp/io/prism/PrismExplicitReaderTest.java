package org.sparsemdp.io.prism;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.BitSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sparsemdp.io.LabelExpression;
import org.sparsemdp.io.LoadedModel;
import org.sparsemdp.io.ModelFormatException;
import org.sparsemdp.model.Mdp;

/** The PRISM explicit reader: both .tra styles, labels, reward folding, and file:line errors. */
class PrismExplicitReaderTest {
    @TempDir
    Path dir;

    private static final String TRA = "# Transitions (MDP)\n3 4 5\n0 0 1 0.25 go\n0 0 2 0.75 go\n0 1 0 1 stay\n"
            + "1 0 2 1\n2 0 2 1 loop\n";

    private Path write(String name, String text) throws IOException {
        Path p = dir.resolve(name);
        Files.writeString(p, text);
        return p;
    }

    private static ModelFormatException traError(String text) {
        return assertThrows(ModelFormatException.class, () -> PrismExplicitReader.readTransitions(
                new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)), "m.tra"));
    }

    @Test
    void readsNewStyleWithLabelsAndFoldedRewards() throws IOException {
        Path tra = write("m.tra", TRA);
        write("m.lab", "# Labels\n0=\"init\" 1=\"deadlock\" 2=\"goal\" 3=\"mid\"\n0: 0\n1: 3\n2: 2\n");
        write("m.srew", "# Reward structure \"cost\"\n# State rewards\n3 2\n0 1.5\n2 4\n");
        write("m.trew", "# Reward structure \"cost\"\n# Transition rewards\n3 4 2\n0 0 2 10\n1 0 2 1\n");
        LoadedModel m = PrismExplicitReader.read(tra);
        Mdp mdp = m.mdp();
        assertEquals(3, mdp.numStates());
        assertEquals(4, mdp.numChoices());
        assertEquals(List.of("cost"), m.rewardStructureNames());
        // r(0,go) = 1.5 + 0.75*10, r(0,stay) = 1.5, r(1,0) = 1, r(2,loop) = 4
        assertArrayEquals(new double[] {1.5 + 7.5, 1.5, 1.0, 4.0}, m.rewards("cost"));
        assertArrayEquals(m.rewards("1"), mdp.rewardArray());
        assertEquals("go", mdp.actionLabel(0));
        assertEquals("stay", mdp.actionLabel(1));
        BitSet goal = new BitSet();
        goal.set(2);
        assertEquals(goal, m.label("goal"));
        assertEquals(0, mdp.initialState());
        BitSet notGoalOrMid = new BitSet();
        notGoalOrMid.set(0);
        assertEquals(notGoalOrMid, LabelExpression.parse("!(goal | mid) & !deadlock").evaluate(m));
        assertEquals(goal, LabelExpression.parse("\"goal\"|false").evaluate(m));
    }

    @Test
    void readsOldStyleAndStormLabelsAndUncountedRewards() throws IOException {
        Path tra = write("o.tra", "mdp\n0 0 1 0.5\n0 0 2 0.5\n1 0 1 1\n2 0 2 1\n");
        Path lab = write("o.lab", "#DECLARATION\ninit deadlock one two\n#END\n0 init\n1 one\n2 two one\n");
        Path srew = write("o.state.rew", "0 2\n1 1\n");
        Path trew = write("o.trans.rew", "0 0 1 4\n");
        LoadedModel m = PrismExplicitReader.read(tra, List.of(lab),
                List.of(new PrismExplicitReader.RewardFiles("r", srew, trew)));
        assertEquals(3, m.mdp().numStates());
        assertArrayEquals(new double[] {2 + 0.5 * 4, 1, 0}, m.rewards("r"));
        assertEquals(2, m.label("one").cardinality());
        assertEquals(1, LabelExpression.parse("one&!two").evaluate(m).cardinality());
    }

    @Test
    void reportsMalformedTransitionsWithTheirLine() {
        assertTrue(traError("3 4 5\n0 0 1 0.25\n0 0 2 0.5\n0 1 0 1\n1 0 2 1\n2 0 2 1\n").getMessage()
                .startsWith("m.tra:2: state 0: probabilities sum to 0.75"));
        assertEquals(4, traError("3 3 4\n0 0 1 1\n1 0 2 1\n0 1 0 1\n2 0 2 1\n").line()); // unsorted
        assertEquals(3, traError("3 3 3\n0 0 1 1\n1 1 2 1\n").line()); // choice 1 before choice 0
        assertEquals(2, traError("3 2 2\n0 0 7 1\n").line()); // successor out of range
        assertEquals(2, traError("3 2 2\n0 0 1 zero\n").line());
        assertEquals(3, traError("2 2 3\n0 0 1 0.5 a\n0 0 0 0.5 b\n1 0 1 1 a\n").line()); // mixed actions
        assertEquals(1, traError("3 5 9\n0 0 1 1\n1 0 2 1\n2 0 2 1\n").line()); // lying counts
        assertEquals(1, traError("dtmc\n0 1 1\n").line());
        assertEquals(0, traError("# only a comment\n").line());
        // Negative indices: state -1, choice -1 used to pass as "the choice before the first" (fuzz finding).
        assertEquals(2, traError("2 1 0\n-1 -1 0 0\n").line());
        assertEquals(2, traError("2 1 1\n0 0 -1 1\n").line());
        // States the rows cannot name: 16 bytes used to make a model of 770 million states (fuzz finding).
        assertTrue(traError("0770778070 0 0 1\n").getMessage().contains("can name at most 2 states"));
        assertEquals(1, traError("1000000 1 1\n0 0 1 1\n").line());
    }

    @Test
    void hugeDeclaredStateCountIsAnErrorNotAnAllocation() {
        ModelFormatException e = traError((Integer.MAX_VALUE - 9) + " 1 1\n0 0 1 1\n");
        assertTrue(e.getMessage().startsWith("m.tra"), e.getMessage());
    }

    @Test
    void reportsMalformedLabelsAndRewardsWithTheirLine() throws IOException {
        Path tra = write("m.tra", TRA);
        Path lab = write("bad.lab", "0=\"init\" 1=\"goal\"\n0: 0\n1: 5\n");
        ModelFormatException e = assertThrows(ModelFormatException.class,
                () -> PrismExplicitReader.read(tra, List.of(lab), List.of()));
        assertEquals(3, e.line());
        assertTrue(e.getMessage().contains("bad.lab:3: label index 5"), e.getMessage());
        Path lab2 = write("bad2.lab", "0=\"init\"\n7: 0\n");
        assertEquals(2, assertThrows(ModelFormatException.class,
                () -> PrismExplicitReader.read(tra, List.of(lab2), List.of())).line());
        Path srew = write("bad.srew", "3 2\n0 1\n0 2\n");
        assertEquals(3, assertThrows(ModelFormatException.class, () -> PrismExplicitReader.read(tra, List.of(),
                List.of(new PrismExplicitReader.RewardFiles(null, srew, null)))).line());
        Path srew2 = write("bad2.srew", "# State rewards\n3 5\n0 1\n");
        assertEquals(2, assertThrows(ModelFormatException.class, () -> PrismExplicitReader.read(tra, List.of(),
                List.of(new PrismExplicitReader.RewardFiles(null, srew2, null)))).line());
        Path trew = write("bad.trew", "3 4 2\n0 0 2 1\n0 1 2 1\n");
        ModelFormatException te = assertThrows(ModelFormatException.class, () -> PrismExplicitReader.read(tra,
                List.of(), List.of(new PrismExplicitReader.RewardFiles(null, null, trew))));
        assertEquals(3, te.line());
        assertTrue(te.getMessage().contains("no transition to 2"), te.getMessage());
    }

    @Test
    void mergedLabelFilesAndInitLabelSetTheInitialState() throws IOException {
        Path tra = write("m.tra", TRA);
        Path a = write("a.lab", "0=\"init\" 1=\"x\"\n1: 0 1\n");
        Path b = write("b.lab", "0=\"x\"\n2: 0\n");
        LoadedModel m = PrismExplicitReader.read(tra, List.of(a, b), List.of());
        assertEquals(1, m.mdp().initialState());
        assertEquals(2, m.label("x").cardinality());
        Map<String, BitSet> none = new LinkedHashMap<>();
        assertEquals(0, LoadedModel.assemble(m.mdp().withInitialStates(0), none, Map.of()).mdp().initialState());
    }
}
