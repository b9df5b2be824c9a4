package org.sparsemdp.evaluate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.sparsemdp.model.Mdp;
import org.sparsemdp.model.Objective;
import org.sparsemdp.model.StochasticPolicy;
import org.sparsemdp.testing.RandomMdps;

/**
 * MTJ must print nothing: a fresh JVM (so that netlib is initialised by our code, not by an
 * earlier test) runs every Krylov method and preconditioner, and its stdout and stderr must be
 * empty. As a check that the probe can see netlib's warnings, the same run with the user asking
 * for the native LAPACK (not on the class path; GMRES uses LAPACK) must print one.
 */
class MtjQuietTest {

    /** The probe run in the child JVM. */
    public static void main(String[] args) {
        Mdp mdp = RandomMdps.random(1, 200, 3, 5, 0.95, Objective.MAXIMIZE);
        for (KrylovMethod m : KrylovMethod.values()) {
            for (Preconditioning p : Preconditioning.values()) {
                EvaluationWorkspace ws = PolicyEvaluator.builder().method(m).preconditioning(p).build().workspace(mdp);
                StochasticPolicy pi = StochasticPolicy.uniform(mdp);
                if (!ws.evaluate(pi).converged() || !ws.occupancy(pi).converged()) {
                    System.exit(3);
                }
            }
        }
    }

    private static String[] run(String... jvmOptions) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>();
        cmd.add(System.getProperty("java.home") + File.separator + "bin" + File.separator + "java");
        cmd.addAll(List.of(jvmOptions));
        cmd.add("-cp");
        cmd.add(System.getProperty("java.class.path"));
        cmd.add(MtjQuietTest.class.getName());
        Process p = new ProcessBuilder(cmd).start();
        byte[] out = p.getInputStream().readAllBytes();
        byte[] err = p.getErrorStream().readAllBytes();
        int code = p.waitFor();
        return new String[] {Integer.toString(code), new String(out, StandardCharsets.UTF_8),
                new String(err, StandardCharsets.UTF_8)};
    }

    @Test
    void evaluationPrintsNothing() throws Exception {
        String[] r = run();
        assertEquals("0", r[0], r[2]);
        assertEquals("", r[1]);
        assertEquals("", r[2]);
    }

    @Test
    void probeSeesNetlibWarningsWhenNativeLapackIsRequested() throws Exception {
        String[] r = run("-Dcom.github.fommil.netlib.LAPACK=com.github.fommil.netlib.NativeSystemLAPACK");
        assertEquals("0", r[0], r[2]);
        assertTrue(r[2].contains("NativeSystemLAPACK"), "expected a netlib warning, got: " + r[2]);
    }
}
