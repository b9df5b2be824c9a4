package org.sparsemdp.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code solve --horizon N} and {@code solve --average}. */
class AverageHorizonCliTest {
    private static final Path INVENTORY = Path.of("../datasets/inventory/inventory.mdp");

    /**
     * The inventory lab with two steps, by hand from its description (cost (x &gt; 0 ? 4 : 0) + x + s,
     * next s + x − 1 or s + x − 2 with probability 1/2, β = 0.8, minimise). One step to go: the
     * cheapest immediate cost, 6, 6, 2, 3 producing 2, 1, 0, 0. Two steps: state 0 produces 4 for
     * 8 + 0.8 (2 + 3)/2 = 10 (x = 2: 10.8, x = 3: 10.2); state 1 produces 3 for 7 + 2 = 10; state 2
     * produces 0 for 2 + 0.8 (6 + 6)/2 = 6.8; state 3 produces 0 for 3 + 0.8 (2 + 6)/2 = 6.2.
     */
    @Test
    void horizonWritesTheNonStationaryPolicy(@TempDir Path dir) throws IOException {
        Path csv = dir.resolve("h.csv");
        CliTest.Run r = CliTest.run("solve", INVENTORY.toString(), "--horizon", "2", "--output", csv.toString());
        assertEquals(0, r.code(), r.err());
        List<String> lines = Files.readAllLines(csv);
        assertEquals("state,step,value,action", lines.get(0));
        assertEquals(9, lines.size());
        Map<String, String> row = new HashMap<>();
        for (String line : lines.subList(1, lines.size())) {
            String[] f = line.split(",");
            row.put(f[0] + "@" + f[1], f[2] + "," + f[3]);
        }
        String[] last = {"6,2", "6,1", "2,0", "3,0"};
        String[] first = {"10,4", "10,3", "6.8,0", "6.2,0"};
        for (int s = 0; s < 4; s++) {
            assertValueAndAction(last[s], row.get(s + "@1"));
            assertValueAndAction(first[s], row.get(s + "@0"));
        }
        CliTest.Run j = CliTest.run("solve", INVENTORY.toString(), "--horizon", "2", "--json");
        assertEquals(0, j.code(), j.err());
        assertTrue(j.out().contains("\"initialValue\":10.0"), j.out());
        assertTrue(j.out().contains("\"status\":\"CONVERGED\""), j.out());
        assertTrue(j.out().contains("\"accuracy\":\"EXACT\""), j.out());
        // a run cut short after 2 of 5 steps holds the 2-step totals: no longer exact, and no bound on the 5-step ones
        CliTest.Run cut = CliTest.run("solve", INVENTORY.toString(), "--horizon", "5", "--max-iterations", "2", "--json");
        assertEquals(SparseMdpCli.EXIT_NOT_CONVERGED, cut.code(), cut.err());
        assertTrue(cut.out().contains("\"status\":\"MAX_ITERATIONS\"") && cut.out().contains("\"steps\":2"), cut.out());
        assertTrue(cut.out().contains("\"accuracy\":\"ESTIMATED\"") && cut.out().contains("\"errorBound\":\"Infinity\""),
                cut.out());
        assertTrue(cut.out().contains("\"initialValue\":10.0"), cut.out()); // state 0's 2-step total (above)
    }

    private static void assertValueAndAction(String want, String got) {
        String[] w = want.split(",");
        String[] g = got.split(",");
        assertEquals(Double.parseDouble(w[0]), Double.parseDouble(g[0]), 1e-12);
        assertEquals(w[1], g[1]);
    }

    /**
     * A multichain model: 0 chooses "left" (absorbing state 1, reward 2 per step) or "right"
     * (absorbing state 2 with reward 6, or terminal 3, each w.p. 1/2); max gains 3, 2, 6, 0.
     */
    @Test
    void averageWritesGainsPerStateAndTheBracket(@TempDir Path dir) throws IOException {
        Path model = dir.resolve("multi.mdp");
        Files.writeString(model, String.join("\n", "mdp 1", "states 4", "objective max", "discount 1", "initial 0",
                "0 left 0 1:1", "0 right 0 2:0.5 3:0.5", "1 loop 2 1:1", "2 loop 6 2:1", ""));
        Path csv = dir.resolve("g.csv");
        for (String method : new String[] {"rvi", "pi"}) {
            CliTest.Run r = CliTest.run("solve", model.toString(), "--average", "--method", method, "--epsilon", "1e-9",
                    "--output", csv.toString());
            assertEquals(0, r.code(), r.err());
            List<String> lines = Files.readAllLines(csv);
            assertEquals("state,gain,action", lines.get(0));
            double[] want = {3, 2, 6, 0};
            String[] action = {"right", "loop", "loop", ""};
            for (int s = 0; s < 4; s++) {
                String[] f = lines.get(s + 1).split(",", -1);
                assertEquals(Double.parseDouble(f[1]), want[s], 2e-9, method + " " + lines.get(s + 1));
                assertEquals(action[s], f[2], method);
            }
            CliTest.Run j = CliTest.run("solve", model.toString(), "--average", "--method", method, "--json");
            String out = j.out();
            double lo = Double.parseDouble(out.replaceAll(".*\"gainLower\":([^,}]*).*\\s*", "$1"));
            double hi = Double.parseDouble(out.replaceAll(".*\"gainUpper\":([^,}]*).*\\s*", "$1"));
            assertTrue(lo <= 3 && 3 <= hi && hi - lo <= 2e-6, out);
        }
    }

    @Test
    void conflictingOptionsAreRejectedClearly() {
        CliTest.Run r = CliTest.run("solve", INVENTORY.toString(), "--average", "--horizon", "3");
        assertEquals(SparseMdpCli.EXIT_USAGE, r.code());
        assertTrue(r.err().contains("--average and --horizon"), r.err());
        r = CliTest.run("solve", INVENTORY.toString(), "--average", "--method", "gs");
        assertEquals(SparseMdpCli.EXIT_USAGE, r.code());
        assertTrue(r.err().contains("--method rvi"), r.err());
        r = CliTest.run("solve", INVENTORY.toString(), "--horizon", "-1");
        assertEquals(SparseMdpCli.EXIT_USAGE, r.code());
        assertTrue(r.err().contains("non-negative"), r.err());
    }
}
