package org.sparsemdp.lp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.sparsemdp.model.Mdp;
import org.sparsemdp.result.Status;
import org.sparsemdp.result.Solution;
import org.sparsemdp.solve.SolverOptions;
import org.sparsemdp.testing.SeedModels;

/** The refinement loop's bookkeeping: re-solves, listener cancellation, time limit. */
class LpRunTest {

    private static SparseLp labLp() {
        Mdp mdp = SeedModels.inventory();
        double[] rho = {0.25, 0.25, 0.25, 0.25};
        return MdpLpModels.primal(mdp, rho, MdpLpModels.stateIndex(mdp));
    }

    @Test
    void pdlpIsRefinedWithShrinkingToleranceUntilTheCapWhenTheErrorStaysAboveTarget() {
        List<Double> errors = new ArrayList<>();
        double[] measured = {1.0, 0.5, 0.25};
        int[] calls = {0};
        LpRun.Outcome out = LpRun.run(labLp(), LpBackend.PDLP, 1e-4, 1, 1e-6, 2,
                SolverOptions.builder().listener((i, r, b) -> errors.add(b)).build(), raw -> measured[calls[0]++]);
        assertEquals(3, out.solves()); // the first solve and two refinements
        assertEquals(List.of(1.0, 0.5), errors); // the listener is asked before each re-solve
        // The best (last) answer is kept; its tolerance was 1e-4 / (2·1/1e-6) = 5e-11, then
        // 5e-11 / (2·0.5/1e-6) = 5e-17, floored at 1e-14.
        assertEquals(0.25, out.error());
        assertEquals(1e-14, out.tolerance(), 1e-20);
        assertEquals(LpStatus.OPTIMAL, out.raw().status());
    }

    @Test
    void glopIsSolvedOnceAndAListenerCanCancelPdlp() {
        LpRun.Outcome glop = LpRun.run(labLp(), LpBackend.GLOP, 1e-4, 1, 1e-6, 5, SolverOptions.defaults(), raw -> 1.0);
        assertEquals(1, glop.solves());
        LpRun.Outcome pdlp = LpRun.run(labLp(), LpBackend.PDLP, 1e-4, 5, 1e-6, 5,
                SolverOptions.builder().listener((i, r, b) -> false).build(), raw -> 1.0);
        assertEquals(1, pdlp.solves());
        assertTrue(pdlp.cancelled());
    }

    /** A spent time limit returns the zero vector with its true (certified) bound. */
    @Test
    void timeLimitGivesAnHonestBoundForWhateverIsReturned() {
        Mdp mdp = SeedModels.inventory();
        Solution s = new LpSolver().solve(mdp, SolverOptions.builder().timeLimit(Duration.ofNanos(1)).build());
        assertEquals(Status.TIME_LIMIT, s.status());
        for (int i = 0; i < 4; i++) {
            assertTrue(Math.abs(s.value(i) - SeedModels.INVENTORY_OPTIMAL[i]) <= s.errorBound());
        }
    }
}
