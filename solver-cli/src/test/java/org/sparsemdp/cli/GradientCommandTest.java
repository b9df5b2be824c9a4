package org.sparsemdp.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
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
        assertEquals(uniform, number(r.out(), "initialObjectiveValue"), 1e-7);
        assertEquals(1290.0 / 49, number(r.out(), "roundedObjectiveValue"), 1e-7);
        double objective = number(r.out(), "objectiveValue");
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
        // J reaches the optimum, but the softmax stopped visiting an observation where its policy
        // is still improvable: the gradient vanished by saturation, so the run does not claim convergence
        assertEquals(SparseMdpCli.EXIT_NOT_CONVERGED, r.code(), r.err());
        assertTrue(r.out().contains("\"status\":\"STALLED\",\"gradientStatus\":\"SATURATED\""), r.out());
        assertEquals(22.0 / 3, number(r.out(), "initialObjectiveValue"), 1e-12);
        assertEquals(13.0 / 3, number(r.out(), "roundedObjectiveValue"), 1e-12);
        assertEquals(13.0 / 3, number(r.out(), "objectiveValue"), 1e-5);
    }

    @Test
    void substationN8PlainGradientStallsSaturatedAndNaturalGradientDoesNot() {
        String model = "../datasets/substation/substation-n8.mdp";
        String obs = "../datasets/substation/substation-n8-observations.csv";
        // the best observation-based cost, by dynamic programming over the observations in
        // SubstationStudyTest / SubstationTreeGeneratorTest's brute force: 1352.6375 (README)
        double best = 1352.6375;
        CliTest.Run plain = CliTest.run("gradient", model, "--observations", obs, "--json");
        assertEquals(SparseMdpCli.EXIT_NOT_CONVERGED, plain.code(), plain.err());
        assertTrue(plain.out().contains("\"gradientStatus\":\"SATURATED\"") && plain.out().contains("\"converged\":false"),
                plain.out());
        assertTrue(number(plain.out(), "objectiveValue") > best * 1.1, "stalls about 12% above the optimum");
        assertTrue(number(plain.out(), "advantage") > 100, "an improving action exists where the softmax saturated");
        CliTest.Run nat = CliTest.run("gradient", model, "--observations", obs, "--json", "--natural");
        assertEquals(0, nat.code(), nat.err());
        assertEquals(best, number(nat.out(), "objectiveValue"), 1e-6);
    }

    @Test
    void evaluateOnlyAtGivenParametersMatchesFiniteDifferences(@TempDir Path dir) throws IOException {
        String model = "../datasets/substation/substation-n8.mdp";
        String obs = "../datasets/substation/substation-n8-observations.csv";
        Path theta = dir.resolve("theta.csv");
        CliTest.Run run = CliTest.run("gradient", model, "--observations", obs, "--json", "--iterations", "3",
                "--theta-out", theta.toString());
        CliTest.Run at = CliTest.run("gradient", model, "--observations", obs, "--theta-in", theta.toString(),
                "--evaluate-only");
        assertEquals(0, at.code(), at.err());
        assertEquals(number(run.out(), "objectiveValue"), number(at.out(), "objectiveValue"), 1e-9 * number(run.out(), "objectiveValue"));
        assertEquals(number(run.out(), "gradientNorm"), number(at.out(), "gradientNorm"),
                1e-6 * number(run.out(), "gradientNorm"));
        // central difference of J along parameter 3 (row 4 of the file), by two more --evaluate-only runs
        List<String> lines = Files.readAllLines(theta);
        String[] row = lines.get(4).split(",");
        double h = 1e-5;
        double[] j = new double[2];
        for (int side = 0; side < 2; side++) {
            List<String> shifted = new java.util.ArrayList<>(lines);
            row[3] = Double.toString(Double.parseDouble(lines.get(4).split(",")[3]) + (side == 0 ? h : -h));
            shifted.set(4, String.join(",", row));
            Path p = dir.resolve("theta" + side + ".csv");
            Files.write(p, shifted);
            CliTest.Run e = CliTest.run("gradient", model, "--observations", obs, "--theta-in", p.toString(),
                    "--evaluate-only");
            j[side] = number(e.out(), "objectiveValue");
        }
        String gradient = at.out().substring(at.out().indexOf("\"gradient\":[") + 12);
        double g3 = Double.parseDouble(gradient.substring(0, gradient.indexOf(']')).split(",")[3]);
        assertEquals((j[0] - j[1]) / (2 * h), g3, 1e-4 * Math.max(1, Math.abs(g3)));
        // a missing parameter is an error naming the file
        Path partial = dir.resolve("partial.csv");
        Files.write(partial, lines.subList(0, 10));
        CliTest.Run bad = CliTest.run("gradient", model, "--observations", obs, "--theta-in", partial.toString(),
                "--evaluate-only");
        assertEquals(SparseMdpCli.EXIT_BAD_INPUT, bad.code());
        assertTrue(bad.err().contains("partial.csv") && bad.err().contains("missing"), bad.err());
    }

    @Test
    void onATreeNaturalGradientOverObservationsReachesTheBeliefModelsOptimum(@TempDir Path dir) throws IOException {
        Path model = dir.resolve("tree.mdp");
        Path obs = dir.resolve("obs.csv");
        Path belief = dir.resolve("belief.mdp");
        String[] tree = {"--parents", "0,1,2,2,1,5,5,7", "--distances", "1,2,1,3,1,1,2,1", "--users",
                "10,20,30,40,50,60,70,80", "--fault-probabilities", "0.1,0.2,0.1,0.05,0.05,0.2,0.1,0.2"};
        CliTest.Run g = CliTest.run(join(tree, "generate", "substation", "-o", model.toString(), "--observations",
                obs.toString()));
        assertEquals(0, g.code(), g.err());
        assertEquals(0, CliTest.run(join(tree, "generate", "substation", "--belief", "-o", belief.toString())).code());
        CliTest.Run exact = CliTest.run("solve", belief.toString(), "-m", "topological", "--json");
        assertEquals(0, exact.code(), exact.err());
        double best = number(exact.out(), "initialValue");
        CliTest.Run uniform = CliTest.run("gradient", belief.toString(), "--evaluate-only");
        CliTest.Run uniformObs = CliTest.run("gradient", model.toString(), "--observations", obs.toString(),
                "--evaluate-only");
        assertEquals(number(uniform.out(), "objectiveValue"), number(uniformObs.out(), "objectiveValue"),
                1e-9 * number(uniform.out(), "objectiveValue"), "the uniform policy costs the same in both models");
        CliTest.Run nat = CliTest.run("gradient", model.toString(), "--observations", obs.toString(), "--natural",
                "--json");
        assertEquals(0, nat.code(), nat.err());
        assertEquals(best, number(nat.out(), "roundedObjectiveValue"), 1e-9 * best);
    }

    /** The arguments {@code head} followed by {@code tail}. */
    private static String[] join(String[] tail, String... head) {
        String[] all = java.util.Arrays.copyOf(head, head.length + tail.length);
        System.arraycopy(tail, 0, all, head.length, tail.length);
        return all;
    }

    @Test
    void observationsOnAGeneratedSubstationInstance(@TempDir Path dir) throws IOException {
        Path model = dir.resolve("s.mdp");
        Path obs = dir.resolve("obs.csv");
        CliTest.Run g = CliTest.run("generate", "substation", "-N", "5", "--seed", "3", "-o", model.toString(),
                "--observations", obs.toString());
        assertEquals(0, g.code(), g.err());
        CliTest.Run r = CliTest.run("gradient", model.toString(), "--observations", obs.toString(), "--json");
        assertTrue(r.code() == 0 || r.out().contains("\"gradientStatus\":\"SATURATED\""), r.out() + r.err());
        double random = number(r.out(), "initialObjectiveValue");
        double optimised = number(r.out(), "objectiveValue");
        double rounded = number(r.out(), "roundedObjectiveValue");
        CliTest.Run bound = CliTest.run("solve", model.toString(), "-m", "topological", "--json");
        assertEquals(0, bound.code(), bound.err());
        Mdp mdp = MdpTextReader.read(model);
        double uniform = PolicyEvaluator.defaults().evaluate(mdp, StochasticPolicy.uniform(mdp)).value(0);
        assertEquals(uniform, random, 1e-6);
        double fullInformation = new org.sparsemdp.solve.TopologicalSolver()
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
        assertEquals(fullInformation, number(nat.out(), "roundedObjectiveValue"), 1e-6);
        assertTrue(number(nat.out(), "objectiveValue") <= optimised + 1e-6, nat.out());
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
        assertTrue(number(r.out(), "objectiveValue") <= number(r.out(), "initialObjectiveValue"), r.out());
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
