package org.sparsemdp.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EvaluateCommandTest {
    private static final String INVENTORY = "../datasets/inventory/inventory.mdp";

    @Test
    void labFirstPolicyEvaluationGivesTheLabsValues(@TempDir Path dir) throws IOException {
        Path policy = dir.resolve("policy.csv");
        Files.writeString(policy, "state,action\n0,2\n1,1\n2,0\n3,0\n");
        Path values = dir.resolve("v.csv");
        CliTest.Run r = CliTest.run("evaluate", INVENTORY, "--policy", policy.toString(), "--output", values.toString());
        assertEquals(0, r.code(), r.err());
        List<String> lines = Files.readAllLines(values);
        double[] lab = {30, 30, 26, 25.4};
        for (int s = 0; s < 4; s++) {
            assertEquals(lab[s], Double.parseDouble(lines.get(s + 1).split(",")[1]), 1e-8, lines.get(s + 1));
        }
    }

    @Test
    void qValuesAreTheLabsPolicyImprovementStep(@TempDir Path dir) throws IOException {
        Path policy = dir.resolve("policy.csv");
        Files.writeString(policy, "state,action\n0,2\n1,1\n2,0\n3,0\n");
        Path q = dir.resolve("q.csv");
        CliTest.Run r = CliTest.run("evaluate", INVENTORY, "--policy", policy.toString(), "--q-values", q.toString());
        assertEquals(0, r.code(), r.err());
        List<String> lines = Files.readAllLines(q);
        assertEquals("state,action,q", lines.get(0));
        java.util.Map<String, Double> byChoice = new java.util.HashMap<>();
        for (String line : lines.subList(1, lines.size())) {
            String[] f = line.split(",");
            byChoice.put(f[0] + "," + f[1], Double.parseDouble(f[2]));
        }
        // the lab's improvement step for state 0 with V = (30, 30, 26, 25.4), beta = 0.8:
        // order 2: 6 + 0.8 (0.5 V0 + 0.5 V1); order 3: 7 + 0.8 (0.5 V1 + 0.5 V2); order 4: 8 + 0.8 (0.5 V2 + 0.5 V3)
        assertEquals(6 + 0.8 * (15 + 15), byChoice.get("0,2"), 1e-8);
        assertEquals(7 + 0.8 * (15 + 13), byChoice.get("0,3"), 1e-8);
        assertEquals(8 + 0.8 * (13 + 12.7), byChoice.get("0,4"), 1e-8);
        assertEquals(3 + 3 + 3 + 2, byChoice.size(), "one row per choice");
    }

    @Test
    void solveOutputIsAPolicyFileAndEvaluatesToTheOptimum(@TempDir Path dir) throws IOException {
        Path solved = dir.resolve("solved.csv");
        assertEquals(0, CliTest.run("solve", INVENTORY, "--output", solved.toString()).code());
        Path occupancy = dir.resolve("eta.csv");
        CliTest.Run r = CliTest.run("evaluate", INVENTORY, "--policy", solved.toString(), "--occupancy",
                occupancy.toString(), "--json");
        assertEquals(0, r.code(), r.err());
        String json = r.out();
        double initialValue = Double.parseDouble(json.replaceAll("(?s).*\"initialValue\":([-0-9.Ee]+).*", "$1"));
        assertEquals(1290.0 / 49, initialValue, 1e-8);
        // The occupancy measure from the initial state sums to 1 / (1 - 0.8).
        double total = Files.readAllLines(occupancy).stream().skip(1)
                .mapToDouble(l -> Double.parseDouble(l.split(",")[1])).sum();
        assertEquals(5.0, total, 1e-8);
    }

    @Test
    void stochasticPolicyAndBadPolicyFiles(@TempDir Path dir) throws IOException {
        Path policy = dir.resolve("mixed.csv");
        // Forest: wait everywhere with probability 1 except a coin flip in state 0.
        Files.writeString(policy, "state,action,probability\n0,wait,0.5\n0,cut,0.5\n1,wait,1\n2,wait,1\n");
        CliTest.Run r = CliTest.run("evaluate", "../datasets/forest/forest.mdp", "--policy", policy.toString(), "--json");
        assertEquals(0, r.code(), r.err());
        Path bad = dir.resolve("bad.csv");
        Files.writeString(bad, "state,action\n0,wait\n1,jump\n2,wait\n");
        r = CliTest.run("evaluate", "../datasets/forest/forest.mdp", "--policy", bad.toString());
        assertEquals(SparseMdpCli.EXIT_BAD_INPUT, r.code());
        assertTrue(r.err().contains("bad.csv:3"), r.err());
        assertTrue(r.err().contains("jump"), r.err());
    }
}
