package org.sparsemdp.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sparsemdp.testing.SeedModels;

/**
 * Every command's {@code --json} read by an independent, strict parser (Jackson): one vocabulary
 * (README, "JSON output") with the same names and types everywhere, and the values of the seed
 * models computed outside the code under test.
 */
class JsonOutputCliTest {
    private static final ObjectMapper JACKSON = JsonMapper.builder().build();
    private static final String INVENTORY = "../datasets/inventory/inventory.mdp";
    private static final String FOREST = "../datasets/forest/forest.mdp";
    /** The inventory lab's optimal values and policy (datasets/inventory, seed lab). */
    private static final double[] INVENTORY_VALUES = {1290.0 / 49, 1290.0 / 49, 1130.0 / 49, 1115.0 / 49};
    private static final String[] INVENTORY_POLICY = {"4", "3", "0", "0"};
    /** Their positions among each state's choices in inventory.mdp (state 0: 2 3 4; 1: 1 2 3; 2: 0 1 2; 3: 0 1). */
    private static final int[] INVENTORY_ACTIONS = {2, 2, 0, 0};
    /** The action labels of each state's choices in inventory.mdp, in file order. */
    private static final String[][] INVENTORY_LABELS = {{"2", "3", "4"}, {"1", "2", "3"}, {"0", "1", "2"}, {"0", "1"}};
    private static final Set<String> NON_FINITE = Set.of("Infinity", "-Infinity", "NaN");

    /** Every line of stdout as one JSON object, after checking the shared fields' types. */
    private static List<JsonNode> lines(CliTest.Run r, int wantCode) throws IOException {
        assertEquals(wantCode, r.code(), r.err());
        List<JsonNode> out = new ArrayList<>();
        for (String line : r.out().strip().split("\n")) {
            JsonNode node = JACKSON.readTree(line);
            assertTrue(node.isObject(), line);
            checkVocabulary(node);
            out.add(node);
        }
        return out;
    }

    private static JsonNode one(CliTest.Run r) throws IOException {
        List<JsonNode> all = lines(r, 0);
        assertEquals(1, all.size(), r.out());
        return all.get(0);
    }

    /** The fields of the shared vocabulary have the same type in every command. */
    private static void checkVocabulary(JsonNode j) {
        String text = j.toString();
        if (j.has("objective")) {
            assertTrue(Set.of("min", "max").contains(j.get("objective").textValue()), "objective in " + text);
        }
        for (String f : List.of("states", "choices", "transitions", "iterations", "initialState")) {
            if (j.has(f)) {
                assertTrue(j.get(f).isIntegralNumber(), f + " in " + text);
            }
        }
        for (String f : List.of("discount", "errorBound", "policyBound", "residual", "seconds", "initialValue",
                "objectiveValue")) {
            if (j.has(f)) {
                assertTrue(j.get(f).isNumber() || NON_FINITE.contains(j.get(f).textValue()), f + " in " + text);
            }
        }
        for (String f : List.of("method", "status")) {
            if (j.has(f)) {
                assertTrue(j.get(f).isTextual(), f + " in " + text);
            }
        }
        if (j.has("status")) { // one vocabulary for every command (README "JSON output")
            org.sparsemdp.result.Status.valueOf(j.get("status").textValue());
        }
        if (j.has("accuracy")) {
            assertTrue(Set.of("EXACT", "CERTIFIED", "ESTIMATED").contains(j.get("accuracy").textValue()), text);
        }
        if (j.has("policy")) {
            assertEquals(j.get("values").size(), j.get("policy").size(), text);
            assertEquals(j.get("values").size(), j.get("actions").size(), text);
        }
    }

    private static double number(JsonNode j, String field) {
        JsonNode n = j.get(field);
        assertTrue(n != null, field + " missing in " + j);
        return n.isTextual() ? Double.parseDouble(n.textValue()) : n.doubleValue();
    }

    private static void assertInventoryModel(JsonNode j) {
        assertEquals(4, j.get("states").intValue());
        assertEquals(11, j.get("choices").intValue());
        assertEquals(22, j.get("transitions").intValue());
        assertEquals("min", j.get("objective").textValue());
        assertEquals(0.8, j.get("discount").doubleValue());
    }

    private static void assertPolicy(JsonNode j, String[] labels, int[] actions) {
        for (int s = 0; s < labels.length; s++) {
            assertEquals(labels[s], j.get("policy").get(s).textValue(), "state " + s + " in " + j);
            assertEquals(actions[s], j.get("actions").get(s).intValue(), "state " + s + " in " + j);
        }
    }

    @Test
    void solveReportsValuesBoundsAndPolicyByLabelAndIndex() throws IOException {
        JsonNode j = one(CliTest.run("solve", INVENTORY, "--json", "--epsilon", "1e-9"));
        assertInventoryModel(j);
        assertEquals("CONVERGED", j.get("status").textValue());
        assertEquals("CERTIFIED", j.get("accuracy").textValue());
        double bound = number(j, "errorBound");
        assertTrue(bound <= 1e-9, j.toString());
        assertEquals(0, j.get("initialState").intValue());
        assertEquals(INVENTORY_VALUES[0], number(j, "initialValue"), bound + 1e-12);
        assertEquals(4, j.get("values").size());
        for (int s = 0; s < 4; s++) {
            assertEquals(INVENTORY_VALUES[s], j.get("values").get(s).doubleValue(), bound + 1e-12, "state " + s);
        }
        assertPolicy(j, INVENTORY_POLICY, INVENTORY_ACTIONS);
        assertTrue(j.get("iterations").longValue() > 0 && number(j, "seconds") >= 0, j.toString());
        // --show limits the per-state arrays as it limits the text summary
        JsonNode two = one(CliTest.run("solve", INVENTORY, "--json", "--show", "2"));
        assertEquals(2, two.get("values").size());
        assertEquals(0, one(CliTest.run("solve", INVENTORY, "--json", "--show", "0")).get("policy").size());
    }

    @Test
    void everySolverMethodSpeaksTheSameVocabulary() throws IOException {
        for (String method : List.of("gs", "pi", "mpi", "topological", "lp")) {
            JsonNode j = one(CliTest.run("solve", FOREST, "--json", "--method", method, "--epsilon", "1e-9"));
            assertEquals("max", j.get("objective").textValue(), method);
            assertEquals(method, j.get("method").textValue().split("[^a-z]")[0], j.toString());
            for (int s = 0; s < 3; s++) {
                assertEquals(SeedModels.FOREST_OPTIMAL[s], j.get("values").get(s).doubleValue(),
                        Math.max(number(j, "errorBound"), 1e-9), method + " state " + s);
                assertEquals("wait", j.get("policy").get(s).textValue(), method);
                assertEquals(0, j.get("actions").get(s).intValue(), method); // wait is each state's first choice
            }
        }
    }

    /** A gambler: from 1 or 2 bet (win/lose ½) or stop (state 3); 0 and 3 are absorbing; initial 1. */
    private static Path writeGambler(Path dir) throws IOException {
        Files.writeString(dir.resolve("g.tra"), "# Transitions\n4 5 7\n0 0 0 1 stay\n1 0 0 0.5 bet\n1 0 2 0.5 bet\n"
                + "2 0 1 0.5 bet\n2 0 3 0.5 bet\n2 1 3 1 stop\n3 0 3 1 stay\n");
        Files.writeString(dir.resolve("g.lab"), "0=\"init\" 1=\"deadlock\" 2=\"broke\" 3=\"rich\"\n0: 2\n1: 0\n3: 3\n");
        return dir.resolve("g.tra");
    }

    @Test
    void reachabilityAndPropertiesAddTheirFieldsToTheSameOnes(@TempDir Path dir) throws IOException {
        Path tra = writeGambler(dir);
        // Pmax(F rich) from 1: x1 = x2/2, x2 = 1 (stop): 1/2, 1 from 2 (by stopping) and 3; 0 from 0.
        JsonNode j = one(CliTest.run("solve", tra.toString(), "--reach", "rich", "--objective", "max", "--json",
                "-e", "1e-9"));
        assertEquals("max", j.get("objective").textValue());
        assertEquals(1.0, j.get("discount").doubleValue());
        assertEquals(1, j.get("initialState").intValue());
        double[] want = {0, 0.5, 1, 1};
        for (int s = 0; s < 4; s++) {
            assertEquals(want[s], j.get("values").get(s).doubleValue(), 1e-6, "state " + s);
            if (j.has("lower")) {
                assertTrue(j.get("lower").get(s).doubleValue() <= want[s] + 1e-12
                        && want[s] <= j.get("upper").get(s).doubleValue() + 1e-12, j.toString());
            }
        }
        assertEquals("stop", j.get("policy").get(2).textValue());
        assertEquals(1, j.get("actions").get(2).intValue());
        // Reward until rich alone is infinite (broke is reached with positive probability)
        Files.writeString(dir.resolve("g.srew"), "# Reward structure \"steps\"\n4 2\n1 1\n2 1\n");
        j = one(CliTest.run("solve", tra.toString(), "--until", "rich", "--json"));
        assertEquals("Infinity", j.get("initialValue").textValue());
        assertTrue(j.get("infinity").isTextual(), j.toString());
        // the same query as a property: its own fields, then the same vocabulary
        List<JsonNode> props = lines(CliTest.run("solve", tra.toString(), "--property", "Pmax=? [ F \"rich\" ]",
                "--property", "Pmin=? [ F \"rich\" ]", "--json", "-e", "1e-9"), 0);
        assertEquals(2, props.size());
        assertEquals("Pmax=? [ F \"rich\" ]", props.get(0).get("property").textValue());
        assertEquals("max", props.get(0).get("objective").textValue());
        assertEquals("min", props.get(1).get("objective").textValue());
        assertEquals(0.5, number(props.get(0), "initialValue"), 1e-6);
        assertEquals(1.0 / 3, number(props.get(1), "initialValue"), 1e-6); // x1 = x2/2, x2 = x1/2 + 1/2
        assertEquals("stop", props.get(0).get("policy").get(2).textValue());
    }

    @Test
    void stormSchedulerIsValidJson(@TempDir Path dir) throws IOException {
        Path tra = writeGambler(dir);
        Path json = dir.resolve("scheduler.json");
        CliTest.Run r = CliTest.run("solve", tra.toString(), "--property", "Pmax=? [ F \"rich\" ]",
                "--export-strategy", json.toString());
        assertEquals(0, r.code(), r.err());
        JsonNode scheduler = JACKSON.readTree(Files.readString(json));
        assertEquals(4, scheduler.size(), scheduler.toString());
        // state 2 stops (its second choice, global choice 3: 0 stay, 1 bet, 2 bet, 3 stop, 4 stay)
        JsonNode s2 = scheduler.get(2);
        assertEquals(2, s2.get("s").intValue());
        assertEquals("stop", s2.get("c").get(0).get("labels").get(0).textValue());
        assertEquals(3, s2.get("c").get(0).get("index").intValue());
        assertEquals(1, s2.get("c").get(0).get("prob").intValue());
    }

    @Test
    void horizonAndAverageUseTheSameFields(@TempDir Path dir) throws IOException {
        // two steps of the inventory lab by hand (AverageHorizonCliTest): 10, 10, 6.8, 6.2 producing 4, 3, 0, 0
        JsonNode h = one(CliTest.run("solve", INVENTORY, "--horizon", "2", "--json"));
        assertInventoryModel(h);
        assertEquals("backward-induction", h.get("method").textValue());
        assertEquals(2, h.get("horizon").intValue());
        assertEquals(2, h.get("iterations").intValue());
        double[] want = {10, 10, 6.8, 6.2};
        for (int s = 0; s < 4; s++) {
            assertEquals(want[s], h.get("values").get(s).doubleValue(), 1e-12);
        }
        assertPolicy(h, INVENTORY_POLICY, INVENTORY_ACTIONS);
        // a multichain model (AverageHorizonCliTest): max gains 3, 2, 6, 0
        Path model = dir.resolve("multi.mdp");
        Files.writeString(model, String.join("\n", "mdp 1", "states 4", "objective max", "discount 1", "initial 0",
                "0 left 0 1:1", "0 right 0 2:0.5 3:0.5", "1 loop 2 1:1", "2 loop 6 2:1", ""));
        JsonNode a = one(CliTest.run("solve", model.toString(), "--average", "--json", "--epsilon", "1e-9"));
        assertEquals("max", a.get("objective").textValue());
        assertEquals("average", a.get("criterion").textValue());
        double[] gains = {3, 2, 6, 0};
        for (int s = 0; s < 4; s++) {
            assertEquals(gains[s], a.get("values").get(s).doubleValue(), 2e-6);
        }
        assertPolicy(a, new String[] {"right", "loop", "loop", null}, new int[] {1, 0, 0, -1});
    }

    @Test
    void constrainedLpNamesItsNumberObjectiveValue(@TempDir Path dir) throws IOException {
        Path costs = dir.resolve("costs.csv");
        Files.writeString(costs, "state,action,cost\n2,wait,1\n");
        JsonNode j = one(CliTest.run("solve", FOREST, "--method", "lp-dual", "--constraint", costs + ":1.0", "--json"));
        assertEquals("max", j.get("objective").textValue());
        assertTrue(j.get("feasible").booleanValue(), j.toString());
        double unconstrained = (SeedModels.FOREST_OPTIMAL[0] + SeedModels.FOREST_OPTIMAL[1]
                + SeedModels.FOREST_OPTIMAL[2]) / 3;
        assertTrue(number(j, "objectiveValue") < unconstrained - 1e-6, j.toString());
        assertEquals(number(j, "objectiveValue"), number(j, "evaluatedObjectiveValue"), 1e-6);
        assertTrue(j.get("usage").get(0).doubleValue() <= 1 + 1e-6, j.toString());
    }

    @Test
    void evaluateInfoGradientAndBilevel(@TempDir Path dir) throws IOException {
        Path policy = dir.resolve("policy.csv");
        Files.writeString(policy, "state,action\n0,4\n1,3\n2,0\n3,0\n");
        JsonNode e = one(CliTest.run("evaluate", INVENTORY, "--policy", policy.toString(), "--json"));
        assertInventoryModel(e);
        assertEquals(INVENTORY_VALUES[0], number(e, "initialValue"), 1e-8);
        assertEquals(INVENTORY_VALUES[0], number(e, "expectedInitialValue"), 1e-8); // one initial state
        assertEquals("CONVERGED", e.get("status").textValue());
        for (int s = 0; s < 4; s++) {
            assertEquals(INVENTORY_VALUES[s], e.get("values").get(s).doubleValue(), 1e-8, "state " + s);
        }
        assertPolicy(e, INVENTORY_POLICY, INVENTORY_ACTIONS);

        JsonNode i = one(CliTest.run("info", INVENTORY, "--json"));
        assertInventoryModel(i);
        assertTrue(i.get("labels").isArray() && i.get("rewardStructures").isArray(), i.toString());

        // J at θ = 0 is the value of the uniform random policy (GradientCommandTest checks it by evaluation)
        JsonNode g = one(CliTest.run("gradient", INVENTORY, "--evaluate-only", "--json"));
        assertInventoryModel(g);
        assertEquals(11, g.get("parameters").intValue());
        assertEquals(11, g.get("gradient").size());
        assertTrue(number(g, "objectiveValue") > INVENTORY_VALUES[0], g.toString()); // worse than optimal (costs)
        // the best switch names its action by label and by index, consistently with inventory.mdp
        JsonNode best = g.get("bestSwitch");
        int state = best.get("state").intValue();
        assertEquals(INVENTORY_LABELS[state][best.get("actionIndex").intValue()], best.get("action").textValue(),
                best.toString());

        // the smuggler instance: optimum x = (1, 1, 0), objective 15 (enumeration, datasets/bilevel)
        JsonNode b = one(CliTest.run("bilevel", "../datasets/bilevel/smuggler-leader.json",
                "../datasets/bilevel/smuggler.mdp", "--json"));
        assertEquals("min", b.get("objective").textValue());
        assertEquals(15.0, number(b, "objectiveValue"), 1e-6);
        assertEquals(List.of(1.0, 1.0, 0.0), List.of(b.get("x").get(0).doubleValue(), b.get("x").get(1).doubleValue(),
                b.get("x").get(2).doubleValue()));
        assertEquals(3, b.get("names").size());
        assertTrue(b.get("followerInitialActionIndex").isIntegralNumber(), b.toString());
        // the gap closed: the common status, and the bilevel method's own beside it
        assertEquals("CONVERGED", b.get("status").textValue());
        assertEquals("OPTIMAL", b.get("bilevelStatus").textValue());
    }
}
