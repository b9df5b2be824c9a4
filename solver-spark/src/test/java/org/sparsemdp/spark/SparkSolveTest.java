package org.sparsemdp.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sparsemdp.testing.SeedModels;
import picocli.CommandLine;

/** The spark-submit entry point, end to end in local mode (its own context). */
class SparkSolveTest {
    @Test
    void solvesTheBundledInventoryFileIntoPartitionedFiles(@TempDir Path dir) throws IOException {
        StringWriter out = new StringWriter();
        int code = run(out, new StringWriter(), "../datasets/inventory/inventory.mdp", "--partitions", "2",
                "--method", "block-gs", "--inner-sweeps", "2", "--epsilon", "1e-7", "--output", dir.toString(),
                "--master", "local[2]");
        assertEquals(0, code, out.toString());
        assertTrue(out.toString().contains("spark-block-gs: CONVERGED"), out.toString());
        double[] values = new double[4];
        for (int p = 0; p < 2; p++) {
            List<String> lines = Files.readAllLines(dir.resolve(PartitionedOutput.partName(p)));
            for (String line : lines.subList(1, lines.size())) {
                String[] f = line.split(",");
                values[Integer.parseInt(f[0])] = Double.parseDouble(f[1]);
            }
        }
        for (int s = 0; s < 4; s++) {
            assertEquals(SeedModels.INVENTORY_OPTIMAL[s], values[s], 1e-7 * 0.8 / 2, "state " + s);
        }
        assertTrue(Files.readString(dir.resolve(PartitionedOutput.SUMMARY)).contains("\"partitions\": 2,"));
    }

    @Test
    void badInputIsReportedWithFileAndLineBeforeSparkStarts(@TempDir Path dir) throws IOException {
        Path bad = dir.resolve("bad.mdp");
        Files.writeString(bad, "mdp 1\nstates x\n");
        StringWriter err = new StringWriter();
        int code = run(new StringWriter(), err, bad.toString());
        assertEquals(2, code);
        assertTrue(err.toString().contains("bad.mdp:2"), err.toString());
        StringWriter err2 = new StringWriter();
        assertEquals(2, run(new StringWriter(), err2, "--garnet", "10,2"));
        assertTrue(err2.toString().contains("STATES,ACTIONS,BRANCHING"), err2.toString());
    }

    private static int run(StringWriter out, StringWriter err, String... args) {
        CommandLine cl = SparkSolve.commandLine();
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        return cl.execute(args);
    }
}
