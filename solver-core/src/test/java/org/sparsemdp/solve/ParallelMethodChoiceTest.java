package org.sparsemdp.solve;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.sparsemdp.generate.BandedGenerator;
import org.sparsemdp.generate.GarnetGenerator;
import org.sparsemdp.model.Mdp;
import org.sparsemdp.model.MdpBuilder;
import org.sparsemdp.model.Objective;
import org.sparsemdp.model.PermutedMdp;
import org.sparsemdp.result.Accuracy;
import org.sparsemdp.result.Solution;
import org.sparsemdp.result.Status;

/** The default parallel method: a rule on the model alone, and both of its branches certified. */
class ParallelMethodChoiceTest {

    @Test
    void theFractionIsTheLowerNumberedShareOfTheTransitionMassWithoutSelfLoops() {
        // by hand: lower 1→0 (0.25) + 2→1 (0.5) = 0.75; higher 0→1 (0.5) + 1→2 (0.75) = 1.25
        MdpBuilder b = new MdpBuilder(3).discount(0.9).objective(Objective.MAXIMIZE);
        b.startChoice(0, "a", 1.0);
        b.addTransition(1, 0.5);
        b.addTransition(0, 0.5);
        b.finishChoice();
        b.startChoice(1, "a", 0.0);
        b.addTransition(0, 0.25);
        b.addTransition(2, 0.75);
        b.finishChoice();
        b.startChoice(2, "a", 2.0);
        b.addTransition(1, 0.5);
        b.addTransition(2, 0.5);
        b.finishChoice();
        assertEquals(0.75 / 2.0, ParallelMethodChoice.lowerSuccessorFraction(b.build()), 1e-15);
    }

    @Test
    void theRuleDependsOnTheModelOnlyAndFollowsItsNumbering() {
        Mdp random = GarnetGenerator.generate(2000, 3, 5, 0.95, 3);
        Mdp downhill = BandedGenerator.skewed(2000, 3, 5, 10, 0, 0.95, 3);
        for (int run = 0; run < 3; run++) { // the same model always gets the same method
            assertInstanceOf(ParallelValueIterationSolver.class, ParallelMethodChoice.forModel(random));
            assertInstanceOf(ParallelGaussSeidelSolver.class, ParallelMethodChoice.forModel(downhill));
        }
        assertEquals(0.5, ParallelMethodChoice.lowerSuccessorFraction(random), 0.02);
        assertTrue(ParallelMethodChoice.lowerSuccessorFraction(downhill) > 0.99);
        // the same model numbered the other way round: its mass now flows uphill, and vi is chosen
        int n = downhill.numStates();
        int[] reversed = new int[n];
        for (int i = 0; i < n; i++) {
            reversed[i] = n - 1 - i;
        }
        Mdp uphill = PermutedMdp.of(downhill, reversed).permuted();
        assertTrue(ParallelMethodChoice.lowerSuccessorFraction(uphill) < 0.01);
        assertInstanceOf(ParallelValueIterationSolver.class, ParallelMethodChoice.forModel(uphill));
    }

    @Test
    void bothBranchesGiveCertifiedValuesThatAgreeWithOneThread() {
        Mdp[] models = {GarnetGenerator.generate(3000, 4, 6, 0.99, 7), BandedGenerator.skewed(3000, 4, 6, 12, 1, 0.99, 7)};
        Class<?>[] expected = {ParallelValueIterationSolver.class, ParallelGaussSeidelSolver.class};
        for (int i = 0; i < models.length; i++) {
            Mdp mdp = models[i];
            Solver chosen = ParallelMethodChoice.forModel(mdp);
            assertSame(expected[i], chosen.getClass());
            Solution reference = new ValueIterationSolver().solve(mdp,
                    SolverOptions.builder().epsilon(1e-10).build());
            assertEquals(Status.CONVERGED, reference.status());
            for (int threads = 2; threads <= 3; threads++) {
                Solution s = chosen.solve(mdp, SolverOptions.builder().epsilon(1e-6).threads(threads).build());
                assertEquals(Status.CONVERGED, s.status(), chosen.name() + " with " + threads + " threads");
                assertEquals(Accuracy.CERTIFIED, s.accuracy());
                for (int st = 0; st < mdp.numStates(); st++) {
                    double v = reference.values()[st];
                    // the certified error bound holds the one-thread value (itself within 1e-10 of v*)
                    assertTrue(Math.abs(s.values()[st] - v) <= s.errorBound() + 1e-10, "state " + st);
                    assertEquals(v, s.values()[st], 1e-6, "state " + st);
                }
            }
        }
    }

    @Test
    void theDefaultMethodOfAModelIsWhatSolveRunsWithoutMethod() {
        Mdp random = GarnetGenerator.generate(2000, 3, 5, 0.95, 3);
        Mdp downhill = BandedGenerator.skewed(2000, 3, 5, 10, 0, 0.95, 3);
        assertEquals("vi", Solvers.defaultFor(random, 1).name());
        assertEquals("vi", Solvers.defaultFor(downhill, 1).name());
        assertInstanceOf(ParallelValueIterationSolver.class, Solvers.defaultFor(random, 2));
        assertInstanceOf(ParallelGaussSeidelSolver.class, Solvers.defaultFor(downhill, 2));
        // discount 1: interval iteration on the total reward. A two-state chain that earns 1 per
        // step and leaves with probability 1/4 per step earns 4 in expectation (geometric sum).
        MdpBuilder b = new MdpBuilder(2).discount(1.0).objective(Objective.MAXIMIZE);
        b.startChoice(0, "a", 1.0);
        b.addTransition(0, 0.75);
        b.addTransition(1, 0.25);
        b.finishChoice();
        Mdp chain = b.build();
        Solver ii = Solvers.defaultFor(chain, 1);
        assertEquals("ii", ii.name());
        Solution s = ii.solve(chain, SolverOptions.builder().epsilon(1e-9).build());
        assertEquals(Accuracy.CERTIFIED, s.accuracy());
        assertEquals(4.0, s.value(0), Math.max(s.errorBound(), 1e-15));
    }
}
