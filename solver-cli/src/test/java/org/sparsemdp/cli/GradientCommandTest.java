package org.sparsemdp.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sparsemdp.evaluate.PolicyEvaluator;
import org.sparsemdp.io.PolicyCsv;
import org.sparsemdp.io.mdp.MdpTextReader;
import org.sparsemdp.model.Mdp;
import org.sparsemdp.model.Policy;
import org.sparsemdp.model.StochasticPolicy;

class GradientCommandTest {
    private static final Path INVENTORY = Path.of("../datasets/inventory/inventory.mdp");

    static double number(String json, String key) {
        Matcher m = Pattern.compile("\"" + key + "\":([-0-9.eE]+)").matcher(json);
        assertTrue(m.find(), key + " in " + json);
        return Double.parseDouble(m.group(1));
    }

    @Test
    void tabularGradientOnTheInventoryLabReachesItsOptimum(@TempDir Path dir) throws IOException {
        Path policy = dir.resolve("policy.csv");
        Path theta = dir.resolve("theta.csv");
        CliTest.Run r = CliTest.run("gradient", INVENTORY.toString(), "--json", "--policy-out", policy.toString(),
                "--theta-out", theta.toString());
        assertEquals(0, r.code(), r.err());
        Mdp mdp = MdpTextReader.read(INVENTORY);
        // the lab's optimal value of state 0 is 1290/49; the uniform policy's is computed independently here
        double uniform = PolicyEvaluator.defaults().evaluate(mdp, StochasticPolicy.uniform(mdp)).value(0);
        assertEquals(uniform, number(r.out(), "initialObjective"), 1e-7);
        assertEquals(1290.0 / 49, number(r.out(), "roundedObjective"), 1e-7);
        double objective = number(r.out(), "objective");
        assertTrue(objective >= 1290.0 / 49 - 1e-7 && objective < 1290.0 / 49 + 0.01, r.out());
        assertTrue(number(r.out(), "iterations") >= 1);
        assertTrue(Double.isFinite(number(r.out(), "gradientNorm")));
        assertTrue(r.err().startsWith("iteration 0: objective "), r.err());
        // the written policy has the reported objective
        Policy written = PolicyCsv.read(policy, mdp);
        assertEquals(objective, PolicyEvaluator.defaults().evaluate(mdp, written).value(0), 1e-6);
        assertEquals("state,action,theta", Files.readAllLines(theta).get(0));
        assertEquals(1 + mdp.numChoices(), Files.readAllLines(theta).size());
    }

    @Test
    void substationLine3ByHand() {
        // datasets/substation/README.md: uniform random 22/3, best (sweep) 13/3, by hand
        CliTest.Run r = CliTest.run("gradient", "../datasets/substation/line3.mdp", "--observations",
                "../datasets/substation/line3-observations.csv", "--json");
        assertEquals(0, r.code(), r.err());
        assertEquals(22.0 / 3, number(r.out(), "initialObjective"), 1e-12);
        assertEquals(13.0 / 3, number(r.out(), "roundedObjective"), 1e-12);
        assertEquals(13.0 / 3, number(r.out(), "objective"), 1e-5);
    }

    @Test
    void observationsOnAGeneratedSubstationInstance(@TempDir Path dir) throws IOException {
        Path model = dir.resolve("s.mdp");
        Path obs = dir.resolve("obs.csv");
        CliTest.Run g = CliTest.run("generate", "substation", "-N", "5", "--seed", "3", "-o", model.toString(),
                "--observations", obs.toString());
        assertEquals(0, g.code(), g.err());
        CliTest.Run r = CliTest.run("gradient", model.toString(), "--observations", obs.toString(), "--json");
        assertEquals(0, r.code(), r.err());
        double random = number(r.out(), "initialObjective");
        double optimised = number(r.out(), "objective");
        double rounded = number(r.out(), "roundedObjective");
        CliTest.Run bound = CliTest.run("solve", model.toString(), "-m", "backward", "--json");
        assertEquals(0, bound.code(), bound.err());
        Mdp mdp = MdpTextReader.read(model);
        double uniform = PolicyEvaluator.defaults().evaluate(mdp, StochasticPolicy.uniform(mdp)).value(0);
        assertEquals(uniform, random, 1e-6);
        double fullInformation = new org.sparsemdp.solve.BackwardInductionSolver()
                .solve(mdp, org.sparsemdp.solve.SolverOptions.defaults()).value(0);
        assertTrue(fullInformation <= optimised + 1e-6 && optimised < random, r.out());
        assertTrue(fullInformation <= rounded + 1e-6, r.out());
        assertTrue(number(r.out(), "parameters") < mdp.numChoices(), "parameters are shared");
        CliTest.Run nat = CliTest.run("gradient", model.toString(), "--observations", obs.toString(), "--json",
                "--natural");
        assertEquals(0, nat.code(), nat.err());
        assertTrue(nat.out().contains("\"direction\":\"natural\""), nat.out());
        // on a line with additive travel times the left-to-right sweep attains the bound (see
        // SubstationStudyTest), and natural gradients find it
        assertEquals(fullInformation, number(nat.out(), "roundedObjective"), 1e-6);
        assertTrue(number(nat.out(), "objective") <= optimised + 1e-6, nat.out());
    }

    @Test
    void linearFeaturesAndBadInput(@TempDir Path dir) throws IOException {
        Path features = dir.resolve("f.csv");
        StringBuilder sb = new StringBuilder("state,action,setup,units\n");
        Mdp mdp = MdpTextReader.read(INVENTORY);
        for (int s = 0; s < mdp.numStates(); s++) {
            for (int c = mdp.choiceStart(s); c < mdp.choiceEnd(s); c++) {
                int x = Integer.parseInt(mdp.actionLabel(c));
                sb.append(s).append(',').append(x).append(',').append(x > 0 ? 1 : 0).append(',').append(x).append('\n');
            }
        }
        Files.writeString(features, sb);
        Path theta = dir.resolve("theta.csv");
        CliTest.Run r = CliTest.run("gradient", INVENTORY.toString(), "--features", features.toString(), "--json",
                "--theta-out", theta.toString(), "--iterations", "50");
        assertTrue(r.code() == 0 || r.code() == SparseMdpCli.EXIT_NOT_CONVERGED, r.err());
        assertTrue(number(r.out(), "objective") <= number(r.out(), "initialObjective"), r.out());
        assertEquals(2.0, number(r.out(), "parameters"));
        assertEquals("feature,theta", Files.readAllLines(theta).get(0));

        Files.writeString(features, "state,action,setup\n0,2,1\n0,9,1\n");
        CliTest.Run bad = CliTest.run("gradient", INVENTORY.toString(), "--features", features.toString());
        assertEquals(SparseMdpCli.EXIT_BAD_INPUT, bad.code());
        assertTrue(bad.err().contains(features + ":3: state 0 has no action '9'"), bad.err());

        Path obs = dir.resolve("obs.csv");
        Files.writeString(obs, "state,observation\n0,a\n1,a\n2,b\n3,b\n");
        CliTest.Run mismatch = CliTest.run("gradient", INVENTORY.toString(), "--observations", obs.toString());
        assertEquals(SparseMdpCli.EXIT_BAD_INPUT, mismatch.code());
        assertTrue(mismatch.err().contains("share observation"), mismatch.err());
        Files.writeString(obs, "state,observation\n0,a\n1,a\n0,b\n");
        CliTest.Run twice = CliTest.run("gradient", INVENTORY.toString(), "--observations", obs.toString());
        assertTrue(twice.err().contains(obs + ":4: state 0 appears again"), twice.err());
        CliTest.Run both = CliTest.run("gradient", INVENTORY.toString(), "--observations", obs.toString(),
                "--features", features.toString());
        assertEquals(SparseMdpCli.EXIT_BAD_INPUT, both.code());
    }
}
