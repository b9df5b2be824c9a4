package org.sparsemdp.bilevel;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.sparsemdp.io.ModelFormatException;
import org.sparsemdp.io.mdp.MdpTextReader;
import org.sparsemdp.model.Mdp;

/** The leader's JSON format: the dataset example and malformed input. */
class LeaderJsonTest {
    private static final Path DIR = Path.of("../datasets/bilevel");

    private static Mdp follower() throws IOException {
        return MdpTextReader.read(DIR.resolve("smuggler.mdp"));
    }

    /**
     * The dataset's optimum, x = (1, 1, 0) with objective 5 + 10 = 15 (the smuggler then stays at
     * base: 1/(1 − 0.9) = 10), was found by enumerating all feasible x with an independent numpy
     * value iteration (see datasets/bilevel/README.md).
     */
    @Test
    void datasetOptimumByBothMethods() throws IOException {
        BilevelInstance instance = LeaderJson.read(DIR.resolve("smuggler-leader.json"), follower());
        for (BilevelResult r : new BilevelResult[] {SingleLevelMilp.solve(instance, BilevelOptions.defaults()),
                CuttingPlaneSolver.solve(instance, BilevelOptions.defaults())}) {
            assertEquals(BilevelStatus.OPTIMAL, r.status(), r.toString());
            assertArrayEquals(new double[] {1, 1, 0}, r.x(), r.toString());
            assertEquals(15.0, r.objective(), 1e-6, r.toString());
            assertEquals(10.0, r.followerValues()[0], 1e-6, r.toString());
            assertEquals("stay", instance.follower().actionLabel(r.followerPolicy()[0]));
        }
    }

    @Test
    void parsesEveryMember() throws IOException {
        String json = "{\"n\": 2, \"names\": [\"p\", \"q\"], \"c\": [1, -2.5e0], \"lower\": [0, -1],"
                + " \"upper\": [3, 1.5], \"integer\": [true, false], \"A\": [[1, 1]], \"b\": [1],"
                + " \"G\": [[1, 0], [0, 1]], \"h\": [2, 1], \"w\": [0, 1, 0, 0, 0],"
                + " \"reductions\": [{\"state\": 1, \"action\": \"go\", \"d\": [1, 0]},"
                + " {\"state\": 1, \"action\": \"go\", \"next\": 3, \"d\": [0, 2]},"
                + " {\"state\": 1, \"action\": \"go\", \"next\": 4, \"d\": [0, 10]}]}";
        BilevelInstance in = LeaderJson.parse(json, "t.json", follower());
        assertEquals(2, in.numVariables());
        assertEquals("q", in.name(1));
        assertArrayEquals(new double[] {1, -2.5}, in.cost());
        assertEquals(-1, in.lower(1));
        assertEquals(1.5, in.upper(1));
        assertTrue(in.isInteger(0) && !in.isInteger(1));
        assertEquals(1, in.numEqualities());
        assertEquals(2, in.numInequalities());
        assertArrayEquals(new double[] {0, 1, 0, 0, 0}, in.weights());
        Mdp m = in.follower();
        // d for 1/go: (1, 0) per choice + 0.9·(0, 2) + 0.1·(0, 10) per transition.
        assertArrayEquals(new double[] {1, 0.9 * 2 + 0.1 * 10}, in.reduction(m.findChoice(1, "go")), 1e-15);
        assertArrayEquals(new double[] {0, 0}, in.reduction(m.findChoice(0, "viaA")));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "{\"n\": 1, \"c\": [1],\\n \"x\": 2}|t.json: unknown member \"x\"",
        "{\"n\": 1,\\n \"c\": [1,]}|t.json:2: column 10: unexpected ']'",
        "{\"n\": 1, \"c\": [1]|t.json:1: column 18: expected ',' or '}'",
        "{\"n\": 1.5, \"c\": [1]}|n must be an integer",
        "{\"n\": 2, \"c\": [1]}|c must have 2 entries, found 1",
        "{\"n\": 1, \"c\": [\"a\"]}|c[0] must be a number",
        "{\"n\": 1, \"c\": [1], \"lower\": [2], \"upper\": [1]}|variable 0: x0: empty range",
        "{\"n\": 1, \"c\": [1], \"A\": [[1]]}|\"A\" and \"b\" must be given together",
        "{\"n\": 1, \"c\": [1], \"w\": \"mean\"}|w: unknown weighting \"mean\"",
        "{\"n\": 1, \"c\": [1], \"w\": [1, 2]}|w must have 5 entries, found 2",
        "{\"n\": 1, \"c\": [1], \"reductions\": [{\"state\": 9, \"action\": \"go\", \"d\": [1]}]}|reductions[0].state = 9 is out of range 0..4",
        "{\"n\": 1, \"c\": [1], \"reductions\": [{\"state\": 1, \"action\": \"fly\", \"d\": [1]}]}|reductions[0].action: state 1 has no action \"fly\"",
        "{\"n\": 1, \"c\": [1], \"reductions\": [{\"state\": 1, \"action\": \"go\", \"next\": 2, \"d\": [1]}]}|has no transition to state 2",
        "{\"n\": 1, \"c\": [1], \"reductions\": [{\"state\": 1, \"action\": \"go\"}]}|missing member reductions[0].d",
        "{\"n\": 1, \"c\": [1], \"n\": 2}|t.json:1: column 20: duplicate member \"n\"",
        "[1, 2]|the top level must be a JSON object",
        "{\"n\": 1, \"c\": [1e999]}|number out of the double range",
        "{\"n\": 1, \"c\": [1]} x|after the end of the JSON value",
    })
    void rejectsMalformedInput(String json, String expected) {
        ModelFormatException e = assertThrows(ModelFormatException.class,
                () -> LeaderJson.parse(json.replace("\\n", "\n"), "t.json", follower()));
        assertTrue(e.getMessage().contains(expected), e.getMessage() + " should contain: " + expected);
    }

    @Test
    void rejectsDeepNesting() {
        String json = "[".repeat(100) + "]".repeat(100);
        ModelFormatException e = assertThrows(ModelFormatException.class,
                () -> LeaderJson.parse(json, "t.json", follower()));
        assertTrue(e.getMessage().contains("nesting deeper than"), e.getMessage());
    }
}
