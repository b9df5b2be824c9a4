package org.sparsemdp.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code spark-solve --reach/--until}, end to end in local mode (its own context). */
class SparkReachabilityCliTest {
    private static final Path DICE = Paths.get("../../shared/data/external/storm_two_dice");

    /**
     * Storm's published values (SOURCES.txt): Pmax [F "three"] = 2/36 (.tra with
     * its .lab), Rmin [F "done"] = 22/3 (.drn, reward structure "coinflips") at state 0.
     */
    @Test
    void twoDiceFromTheCommandLine(@TempDir Path dir) throws IOException {
        assumeTrue(Files.isDirectory(DICE), "external data not present: " + DICE.toAbsolutePath());
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = run(out, err, DICE.resolve("two_dice.tra").toString(), "--reach", "three", "--objective", "max",
                "--partitions", "3", "--epsilon", "1e-9", "--output", dir.toString());
        assertEquals(0, code, out + " " + err);
        assertTrue(out.toString().contains("spark-ii-pmax: CONVERGED"), out.toString());
        assertEquals(2.0 / 36, valueOf(dir, 3, 0), 1e-8);
        assertTrue(Files.readString(dir.resolve(PartitionedOutput.SUMMARY)).contains("\"method\": \"spark-ii-pmax\""));

        Path rewards = dir.resolve("rewards");
        StringWriter out2 = new StringWriter();
        code = run(out2, err, DICE.resolve("two_dice.drn").toString(), "--until", "done", "--objective", "min",
                "--reward-structure", "coinflips", "--partitions", "2", "--epsilon", "1e-9", "--relative", "--output",
                rewards.toString());
        assertEquals(0, code, out2 + " " + err);
        assertTrue(out2.toString().contains("spark-ii-rmin[stop=relative]: CONVERGED"), out2.toString());
        assertEquals(22.0 / 3, valueOf(rewards, 2, 0), 1e-7);
    }

    /** A discounted model is refused, as by {@code sparsemdp solve --reach}, with exit code 2. */
    @Test
    void discountedModelIsRefused() {
        StringWriter err = new StringWriter();
        int code = run(new StringWriter(), err, "../datasets/inventory/inventory.mdp", "--reach", "init");
        assertEquals(2, code);
        assertTrue(err.toString().contains("add --discount 1"), err.toString());
    }

    private static double valueOf(Path dir, int parts, int state) throws IOException {
        for (int p = 0; p < parts; p++) {
            List<String> lines = Files.readAllLines(dir.resolve(PartitionedOutput.partName(p)));
            for (String line : lines.subList(1, lines.size())) {
                String[] f = line.split(",");
                if (Integer.parseInt(f[0]) == state) {
                    return Double.parseDouble(f[1]);
                }
            }
        }
        throw new AssertionError("state " + state + " not in the part files");
    }

    private static int run(StringWriter out, StringWriter err, String... args) {
        CommandLine cl = SparkSolve.commandLine();
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        return cl.execute(args);
    }
}
