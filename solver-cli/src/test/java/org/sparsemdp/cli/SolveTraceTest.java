package org.sparsemdp.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SolveTraceTest {
    private static final String INVENTORY = "../datasets/inventory/inventory.mdp";
    private static final double[] OPTIMUM = {1290.0 / 49, 1290.0 / 49, 1130.0 / 49, 1115.0 / 49};

    /**
     * The lab's value-iteration update, written from its problem statement: produce x with
     * 2 ≤ s + x ≤ 4, cost (x &gt; 0 ? 4 : 0) + x + s, demand 1 or 2 equally likely, β = 0.8.
     */
    private static double[] labUpdate(double[] v) {
        double[] next = new double[4];
        for (int s = 0; s < 4; s++) {
            double best = Double.POSITIVE_INFINITY;
            for (int x = Math.max(0, 2 - s); s + x <= 4; x++) {
                double cost = (x > 0 ? 4 : 0) + x + s + 0.8 * (0.5 * v[s + x - 1] + 0.5 * v[s + x - 2]);
                best = Math.min(best, cost);
            }
            next[s] = best;
        }
        return next;
    }

    @Test
    void valueIterationTraceIsTheLabsTableWithValidBounds(@TempDir Path dir) throws IOException {
        Path trace = dir.resolve("trace.csv");
        CliTest.Run r = CliTest.run("solve", INVENTORY, "-m", "vi", "--trace", trace.toString());
        assertEquals(0, r.code(), r.err());
        List<String> lines = Files.readAllLines(trace);
        assertEquals("iteration,state,value,lower,upper", lines.get(0));
        assertEquals(0, (lines.size() - 1) % 4, "four states per sweep");
        double[] v = new double[4];
        for (int k = 1; k <= (lines.size() - 1) / 4; k++) {
            v = labUpdate(v);
            for (int s = 0; s < 4; s++) {
                String[] f = lines.get(1 + 4 * (k - 1) + s).split(",");
                assertEquals(k, Integer.parseInt(f[0]));
                assertEquals(s, Integer.parseInt(f[1]));
                assertEquals(v[s], Double.parseDouble(f[2]), 1e-9 * Math.max(1, v[s]), "iterate " + k);
                double lower = Double.parseDouble(f[3]);
                double upper = Double.parseDouble(f[4]);
                assertTrue(lower <= OPTIMUM[s] + 1e-9 && OPTIMUM[s] <= upper + 1e-9, lines.get(1 + 4 * (k - 1) + s));
            }
        }
        assertTrue(lines.size() > 40, "a few dozen sweeps to 1e-6");
    }

    @Test
    void gaussSeidelTraceBoundsHoldAndOtherMethodsAreRefused(@TempDir Path dir) throws IOException {
        Path trace = dir.resolve("gs.csv");
        CliTest.Run r = CliTest.run("solve", INVENTORY, "-m", "gs", "--trace", trace.toString(), "--trace-states", "2");
        assertEquals(0, r.code(), r.err());
        List<String> lines = Files.readAllLines(trace);
        assertEquals(0, (lines.size() - 1) % 2, "two traced states per sweep");
        for (String line : lines.subList(1, lines.size())) {
            String[] f = line.split(",", -1);
            int s = Integer.parseInt(f[1]);
            assertTrue(s < 2, line);
            if (!f[3].isEmpty()) {
                assertTrue(Double.parseDouble(f[3]) <= OPTIMUM[s] + 1e-9 && OPTIMUM[s] <= Double.parseDouble(f[4]) + 1e-9,
                        line);
            }
        }
        CliTest.Run pi = CliTest.run("solve", INVENTORY, "-m", "pi", "--trace", dir.resolve("pi.csv").toString());
        assertEquals(SparseMdpCli.EXIT_USAGE, pi.code());
        assertTrue(pi.err().contains("--trace"), pi.err());
        assertTrue(!Files.exists(dir.resolve("pi.csv")));
    }
}
