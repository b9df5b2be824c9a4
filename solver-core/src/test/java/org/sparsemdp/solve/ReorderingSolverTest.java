package org.sparsemdp.solve;

import org.sparsemdp.result.Solution;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.sparsemdp.graph.StateOrdering;
import org.sparsemdp.model.Mdp;
import org.sparsemdp.model.Objective;
import org.sparsemdp.model.PermutedMdp;
import org.sparsemdp.solve.undiscounted.TotalRewardSolver;
import org.sparsemdp.testing.DenseOracle;
import org.sparsemdp.testing.RandomMdps;

class ReorderingSolverTest {
    private static void assertSameSolutionWithinBounds(Mdp mdp, Solution plain, Solution reordered, String what) {
        assertEquals(plain.status(), reordered.status(), what);
        double[] exact = DenseOracle.optimalValues(mdp);
        for (int s = 0; s < mdp.numStates(); s++) {
            assertEquals(plain.value(s), reordered.value(s), plain.errorBound() + reordered.errorBound() + 1e-9,
                    what + ", state " + s);
            assertEquals(exact[s], reordered.value(s), reordered.errorBound() + 1e-9, what + ", state " + s);
            int c = reordered.policy()[s];
            if (mdp.isTerminal(s)) {
                assertEquals(-1, c, what + ", terminal state " + s);
            } else {
                assertTrue(c >= mdp.choiceStart(s) && c < mdp.choiceEnd(s),
                        what + ": choice " + c + " is not a choice of state " + s);
            }
        }
        SolverContractTest.assertWithinBound(mdp, exact, reordered, what);
    }

    @Test
    void aReorderedSolveEqualsThePlainSolveWithinTheBoundsInTheOriginalNumbering() {
        Solver gs = new GaussSeidelSolver();
        SolverOptions options = SolverOptions.builder().epsilon(1e-8).build();
        for (long seed = 0; seed < 20; seed++) {
            Objective objective = seed % 2 == 0 ? Objective.MAXIMIZE : Objective.MINIMIZE;
            Mdp mdp = RandomMdps.random(seed, 5 + (int) (seed * 13 % 50), 4, 4, 0.9, objective, 0.1);
            Solution plain = gs.solve(mdp, options);
            for (StateOrdering o : StateOrdering.values()) {
                Solution reordered = new ReorderingSolver(gs, o).solve(mdp, options);
                assertSameSolutionWithinBounds(mdp, plain, reordered, "seed " + seed + ", " + o.keyword());
            }
        }
    }

    @Test
    void aShuffledGridIsSolvedInItsOwnNumbering() {
        Mdp grid = org.sparsemdp.graph.StateOrderingTest.grid(9, 15);
        Mdp shuffled = PermutedMdp.of(grid, StateOrdering.shuffled(grid.numStates(), 3)).permuted();
        SolverOptions options = SolverOptions.builder().epsilon(1e-9).build();
        Solution plain = new ValueIterationSolver().solve(shuffled, options);
        Solution reordered = new ReorderingSolver(new ValueIterationSolver(), StateOrdering.RCM).solve(shuffled, options);
        assertSameSolutionWithinBounds(shuffled, plain, reordered, "shuffled grid");
    }

    @Test
    void perStateBoundsOfAnUndiscountedSolveMapBack() {
        int withBounds = 0;
        for (long seed = 0; seed < 10; seed++) {
            Mdp signed = RandomMdps.layered(seed, 2 + (int) (seed % 4), 5, 1.0, Objective.MINIMIZE);
            double[] costs = signed.rewardArray().clone();
            for (int c = 0; c < costs.length; c++) {
                costs[c] = Math.abs(costs[c]);
            }
            Mdp mdp = signed.withRewards(costs);
            SolverOptions options = SolverOptions.builder().epsilon(1e-7).build();
            Solution plain = new TotalRewardSolver().solve(mdp, options);
            Solution reordered = new ReorderingSolver(new TotalRewardSolver(), StateOrdering.RCM).solve(mdp, options);
            assertEquals(plain.status(), reordered.status());
            if (plain.lower() == null) {
                continue;
            }
            assertNotNull(reordered.lower());
            withBounds++;
            for (int s = 0; s < mdp.numStates(); s++) {
                // both intervals contain v*(s), so they intersect, and each contains its own value
                assertTrue(reordered.lower()[s] <= plain.upper()[s] + 1e-9, "seed " + seed + ", state " + s);
                assertTrue(plain.lower()[s] <= reordered.upper()[s] + 1e-9, "seed " + seed + ", state " + s);
                assertTrue(reordered.lower()[s] <= reordered.value(s) + 1e-12
                        && reordered.value(s) <= reordered.upper()[s] + 1e-12, "seed " + seed + ", state " + s);
                assertEquals(plain.value(s), reordered.value(s), plain.errorBound() + reordered.errorBound() + 1e-9);
            }
        }
        assertTrue(withBounds > 0, "no run produced per-state bounds");
    }
}
