package org.sparsemdp.bilevel;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.sparsemdp.model.Objective;

/**
 * Library code never prints, natives included: both methods (SCIP for the MILP and the master,
 * GLOP for a continuous master) run in a child JVM whose stdout and stderr, captured at the file
 * descriptor level, must be empty. A control run that does print checks the capture.
 */
class BilevelSilenceTest {
    /** Entry point of the child JVM; prints "x" on stdout if asked to (the control run). */
    public static void main(String[] args) {
        if (args.length > 0) {
            System.out.print(args[0]);
        }
        BilevelInstance binary = RandomBilevel.instance(3, 8, 3, 1, 2, Objective.MAXIMIZE, false);
        SingleLevelMilp.solve(binary, BilevelOptions.defaults());
        CuttingPlaneSolver.solve(binary, BilevelOptions.defaults());
        BilevelInstance.Builder b = BilevelInstance.builder(binary.follower(), 1).variable(0, 0, 2, false);
        b.reduction(0, new double[] {1});
        CuttingPlaneSolver.solve(b.build(), BilevelOptions.defaults());
    }

    private static String runChild(String... extra) throws IOException, InterruptedException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        String[] cmd = new String[4 + extra.length];
        cmd[0] = java;
        cmd[1] = "-cp";
        cmd[2] = System.getProperty("java.class.path");
        cmd[3] = BilevelSilenceTest.class.getName();
        System.arraycopy(extra, 0, cmd, 4, extra.length);
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        byte[] out = p.getInputStream().readAllBytes();
        if (!p.waitFor(120, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("child JVM did not finish");
        }
        assertEquals(0, p.exitValue(), new String(out, StandardCharsets.UTF_8));
        return new String(out, StandardCharsets.UTF_8);
    }

    @Test
    void solversPrintNothing() throws Exception {
        assertEquals("", runChild());
    }

    @Test
    void controlRunIsCaptured() throws Exception {
        assertEquals("x", runChild("x"));
    }
}
