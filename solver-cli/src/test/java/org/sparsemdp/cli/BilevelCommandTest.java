package org.sparsemdp.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/** {@code sparsemdp bilevel} on the dataset in datasets/bilevel (optimum 15 at x = (1, 1, 0), see its README). */
class BilevelCommandTest {
    private static final String LEADER = "../datasets/bilevel/smuggler-leader.json";
    private static final String FOLLOWER = "../datasets/bilevel/smuggler.mdp";

    @ParameterizedTest
    @ValueSource(strings = {"milp", "cuts"})
    void jsonHasTheDocumentedFields(String method) {
        CliTest.Run r = CliTest.run("bilevel", LEADER, FOLLOWER, "--method", method, "--json");
        assertEquals(0, r.code(), r.err());
        String json = r.out().trim();
        for (String key : List.of("objective", "objectiveValue", "x", "gap", "iterations", "method", "status", "lowerBound",
                "upperBound")) {
            assertTrue(json.contains("\"" + key + "\":"), key + " missing in " + json);
        }
        assertTrue(json.contains("\"method\":\"" + method + "\""), json);
        assertTrue(json.contains("\"x\":[1.0,1.0,0.0]"), json);
        double objective = Double.parseDouble(json.replaceAll(".*\"objectiveValue\":([-0-9.Ee]+).*", "$1"));
        assertEquals(15.0, objective, 1e-6);
    }

    @Test
    void textSummaryNamesTheDecision() {
        CliTest.Run r = CliTest.run("bilevel", LEADER, FOLLOWER);
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("checkA=1") && r.out().contains("patrol=0"), r.out());
        assertTrue(r.out().contains("OPTIMAL"), r.out());
    }

    @Test
    void badLeaderFileNamesFileAndProblem() {
        CliTest.Run r = CliTest.run("bilevel", FOLLOWER, FOLLOWER);
        assertEquals(SparseMdpCli.EXIT_BAD_INPUT, r.code());
        assertTrue(r.err().contains("smuggler.mdp:1: column 1"), r.err());
    }

    @Test
    void unknownMethodIsRejected() {
        CliTest.Run r = CliTest.run("bilevel", LEADER, FOLLOWER, "--method", "guess");
        assertEquals(SparseMdpCli.EXIT_USAGE, r.code());
        assertTrue(r.err().contains("unknown method 'guess'"), r.err());
    }
}
