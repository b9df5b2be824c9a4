package org.sparsemdp.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sparsemdp.evaluate.PolicyEvaluator;
import org.sparsemdp.model.DeterministicPolicy;
import org.sparsemdp.model.Mdp;
import org.sparsemdp.model.MdpBuilder;
import org.sparsemdp.model.Objective;
import org.sparsemdp.model.Policy;
import org.sparsemdp.model.StochasticPolicy;
import org.sparsemdp.testing.SeedModels;
import org.sparsemdp.testing.RandomMdps;

class PolicyCsvTest {

    private static Policy read(String text, Mdp mdp) throws IOException {
        return PolicyCsv.read(new StringReader(text), "p.csv", mdp);
    }

    private static String error(String text, Mdp mdp) {
        return assertThrows(ModelFormatException.class, () -> read(text, mdp)).getMessage();
    }

    @Test
    void deterministicFileEvaluatesToTheLabsValues() throws IOException {
        Mdp lab = SeedModels.inventory();
        Policy p = read("state,action\n0,2\n1,1\n\n2,0\n3,0\n", lab);
        DeterministicPolicy d = assertInstanceOf(DeterministicPolicy.class, p);
        assertEquals(DeterministicPolicy.ofLabels(lab, "2", "1", "0", "0"), d);
        assertArrayEquals(new double[] {30, 30, 26, 25.4}, PolicyEvaluator.defaults().evaluate(lab, p).values(), 1e-7);
    }

    @Test
    void solveOutputIsAPolicyFile() throws IOException {
        Mdp lab = SeedModels.inventory();
        // As written by `sparsemdp solve --output`: state,value,action.
        Policy p = read("state,value,action\n0,26.3265306122449,4\n1,26.3265306122449,3\n2,23.06,0\n3,22.75,0\n",
                lab);
        assertEquals(DeterministicPolicy.ofLabels(lab, "4", "3", "0", "0"), p);
    }

    @Test
    void stochasticFileAndQuotedLabels() throws IOException {
        MdpBuilder b = new MdpBuilder(3).discount(0.9).objective(Objective.MAXIMIZE);
        b.addChoice(0, "go,left", 1, new int[] {1}, new double[] {1});
        b.addChoice(0, "say \"hi\"", 2, new int[] {2}, new double[] {1});
        b.addChoice(1, "stay", 0, new int[] {1}, new double[] {1});
        Mdp mdp = b.build(); // state 2 is terminal
        Policy p = read("action,probability,state\n\"go,left\",0.25,0\n\"say \"\"hi\"\"\",0.75,0\nstay,1,1\n,,2\n", mdp);
        StochasticPolicy sp = assertInstanceOf(StochasticPolicy.class, p);
        assertArrayEquals(new double[] {0.25, 0.75, 1}, sp.probabilities(), 0);
    }

    @Test
    void roundTripsThroughFiles(@TempDir Path dir) throws IOException {
        Mdp mdp = RandomMdps.random(4, 30, 4, 3, 0.9, Objective.MINIMIZE, 0.2);
        StochasticPolicy sp = StochasticPolicy.uniform(mdp);
        Path f = dir.resolve("p.csv.gz");
        PolicyCsv.write(f, mdp, sp);
        assertEquals(sp, PolicyCsv.read(f, mdp));
        DeterministicPolicy dp = DeterministicPolicy.firstChoices(mdp);
        StringWriter w = new StringWriter();
        PolicyCsv.write(w, mdp, dp);
        assertEquals(dp, read(w.toString(), mdp));
        Path g = dir.resolve("d.csv");
        PolicyCsv.write(g, mdp, dp);
        assertTrue(Files.readString(g).startsWith("state,action\n"));
    }

    @Test
    void badInputNamesFileLineAndProblem() {
        Mdp lab = SeedModels.inventory();
        assertEquals("p.csv:3: state 1 has no action '7' (its actions: 1, 2, 3)",
                error("state,action\n0,2\n1,7\n2,0\n3,0\n", lab));
        assertEquals("p.csv: state 3 has no row (every non-terminal state needs an action)",
                error("state,action\n0,2\n1,1\n2,0\n", lab));
        assertEquals("p.csv:2: probabilities of state 0 sum to 0.9, not 1",
                error("state,action,probability\n0,2,0.5\n0,3,0.4\n1,1,1\n2,0,1\n3,0,1\n", lab));
        assertTrue(error("state,action\n0,2\n0,3\n", lab).startsWith("p.csv:3: state 0 appears again"));
        assertTrue(error("state,action,probability\n0,2,0.5\n0,2,0.5\n", lab).startsWith("p.csv:3: state 0, action '2'"));
        assertEquals("p.csv:2: state 4 is out of range 0..3", error("state,action\n4,0\n", lab));
        assertEquals("p.csv:2: state 'x' is not an integer", error("state,action\nx,0\n", lab));
        assertEquals("p.csv:2: probability 1.5 is not in [0, 1]", error("state,action,probability\n0,2,1.5\n", lab));
        assertEquals("p.csv:2: probability 'abc' is not a number", error("state,action,probability\n0,2,abc\n", lab));
        assertTrue(error("state,act\n", lab).startsWith("p.csv:1: unknown column 'act'"));
        assertEquals("p.csv:1: header must name the columns state and action", error("state\n", lab));
        assertEquals("p.csv: empty file: expected a header state,action[,probability]", error("", lab));
        assertEquals("p.csv:2: expected 2 fields, found 3", error("state,action\n0,2,1\n", lab));
        assertEquals("p.csv:2: unterminated quoted field", error("state,action\n0,\"2\n", lab));
        assertEquals("p.csv:2: state 0 has no action (empty field)", error("state,action\n0,\n", lab));
    }
}
