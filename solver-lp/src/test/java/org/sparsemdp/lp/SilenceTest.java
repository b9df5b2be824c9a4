package org.sparsemdp.lp;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.sparsemdp.model.Objective;
import org.sparsemdp.solve.SolverOptions;
import org.sparsemdp.testing.RandomMdps;

/** Library code never prints: a GLOP and a PDLP run leave System.out and System.err untouched. */
class SilenceTest {

    @Test
    void solvingPrintsNothing() {
        PrintStream out = System.out;
        PrintStream err = System.err;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        PrintStream capture = new PrintStream(captured, true, StandardCharsets.UTF_8);
        try {
            System.setOut(capture);
            System.setErr(capture);
            for (LpBackend backend : LpBackend.values()) {
                for (LpSolver.Formulation f : LpSolver.Formulation.values()) {
                    new LpSolver(f, LpSettings.builder().backend(backend).build()).solve(
                            RandomMdps.random(5, 20, 3, 3, 0.9, Objective.MINIMIZE), SolverOptions.defaults());
                }
            }
        } finally {
            System.setOut(out);
            System.setErr(err);
        }
        assertEquals("", captured.toString(StandardCharsets.UTF_8));
    }
}
