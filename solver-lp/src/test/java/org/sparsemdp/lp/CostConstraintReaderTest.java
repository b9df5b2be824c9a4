package org.sparsemdp.lp;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.sparsemdp.model.Mdp;
import org.sparsemdp.solve.SolverOptions;
import org.sparsemdp.testing.SeedModels;

/** The CSV cost-file format: a valid file, and one malformed-input case per error. */
class CostConstraintReaderTest {

    @Test
    void readsLabelledCostsWithHeaderCommentsAndBlankLines() throws IOException {
        Mdp mdp = SeedModels.inventory();
        String text = "# setup risk per production decision\n"
                + "state,action,cost\n"
                + "\n"
                + "0, 4 , 2.5\n"
                + "1,3,0.75\n"
                + "3,0,-1e-1\n";
        CostConstraint k = CostConstraintReader.read(new StringReader(text), "risk.csv", mdp, 7.0);
        double[] expected = new double[mdp.numChoices()];
        expected[mdp.findChoice(0, "4")] = 2.5;
        expected[mdp.findChoice(1, "3")] = 0.75;
        expected[mdp.findChoice(3, "0")] = -0.1;
        assertArrayEquals(expected, k.costs());
        assertEquals(7.0, k.budget());
        assertEquals("risk.csv", k.name());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "0,4|risk.csv:1: expected 3 fields 'state,action,cost', found 2",
        "x,4,1|risk.csv:1: state 'x' is not an integer",
        "9,4,1|risk.csv:1: state 9 out of range 0..3",
        "0,1,1|risk.csv:1: state 0 has no action '1'",
        "0,4,abc|risk.csv:1: cost 'abc' is not a number",
        "0,4,NaN|risk.csv:1: cost NaN is not finite"})
    void rejectsMalformedLinesWithFileAndLine(String line, String message) {
        Mdp mdp = SeedModels.inventory();
        CostFileException e = assertThrows(CostFileException.class,
                () -> CostConstraintReader.read(new StringReader(line + "\n"), "risk.csv", mdp, 1.0));
        assertEquals(message, e.getMessage());
        assertEquals(1, e.line());
    }

    @Test
    void rejectsDuplicatesAndTerminalStatesNamingTheLine() {
        Mdp mdp = SeedModels.inventory();
        CostFileException dup = assertThrows(CostFileException.class, () -> CostConstraintReader.read(
                new StringReader("state,action,cost\n0,4,1\n0,4,2\n"), "k.csv", mdp, 1.0));
        assertEquals("k.csv:3: state 0 action '4' is listed twice", dup.getMessage());
        Mdp withTerminal = RandomModelsLpTest.terminating(3, 4, mdp.objective());
        CostFileException term = assertThrows(CostFileException.class, () -> CostConstraintReader.read(
                new StringReader("3,a0,1\n"), "k.csv", withTerminal, 1.0));
        assertEquals("k.csv:1: state 3 is terminal and has no actions", term.getMessage());
    }

    @Test
    void actionLabelsMayContainCommas() throws IOException {
        org.sparsemdp.model.MdpBuilder b = new org.sparsemdp.model.MdpBuilder(1).discount(0.5);
        b.addChoice(0, "move,fast", 1.0, new int[] {0}, new double[] {1.0});
        b.addChoice(0, "wait", 0.0, new int[] {0}, new double[] {1.0});
        Mdp mdp = b.build();
        CostConstraint k = CostConstraintReader.read(new StringReader("0,move,fast,3\n"), "k.csv", mdp, 1.0);
        assertArrayEquals(new double[] {3.0, 0.0}, k.costs());
    }

    @Test
    void parsesFileBudgetSpecificationsAtTheLastColon() {
        CostConstraintReader.Spec spec = CostConstraintReader.parseSpec("dir/a:b.csv:12.5");
        assertEquals(Path.of("dir/a:b.csv"), spec.file());
        assertEquals(12.5, spec.budget());
        assertThrows(IllegalArgumentException.class, () -> CostConstraintReader.parseSpec("costs.csv"));
        assertThrows(IllegalArgumentException.class, () -> CostConstraintReader.parseSpec("costs.csv:"));
        assertThrows(IllegalArgumentException.class, () -> CostConstraintReader.parseSpec("costs.csv:ten"));
        assertThrows(IllegalArgumentException.class, () -> CostConstraintReader.parseSpec("costs.csv:Infinity"));
    }

    /** End to end from a file: the hand-solved constrained instance of ConstrainedMdpSolverTest. */
    @Test
    void fileDrivesTheConstrainedSolver(@TempDir Path dir) throws IOException {
        Mdp mdp = ConstrainedMdpSolverTest.handModel();
        Path file = dir.resolve("risk.csv");
        Files.writeString(file, "state,action,cost\n0,stay,1\n");
        CostConstraint k = CostConstraintReader.read(CostConstraintReader.parseSpec(file + ":1"), mdp);
        ConstrainedResult r = new ConstrainedMdpSolver().solve(mdp, List.of(k), SolverOptions.defaults());
        assertEquals(2.0 / 3, r.objective(), 1e-6);
        assertEquals(0.6, r.occupancy().policy()[mdp.findChoice(0, "stay")], 1e-6);
    }
}
