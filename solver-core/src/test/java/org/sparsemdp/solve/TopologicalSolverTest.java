package org.sparsemdp.solve;

import org.sparsemdp.result.Solution;
import org.sparsemdp.result.Accuracy;
import org.sparsemdp.result.Status;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.sparsemdp.model.Mdp;
import org.sparsemdp.model.MdpBuilder;
import org.sparsemdp.model.Objective;
import org.sparsemdp.testing.DenseOracle;

class TopologicalSolverTest {
    /**
     * A random finite-horizon model: layers 0..horizon of {@code width} states, choices of layer t
     * lead to layer t + 1, the last layer is terminal. State index = t·width + i, so successors
     * have larger indices (the worst order for a forward sweep).
     */
    private static Mdp finiteHorizon(long seed, int horizon, int width, double gamma, Objective objective) {
        SplittableRandom rnd = new SplittableRandom(seed);
        int n = (horizon + 1) * width;
        MdpBuilder b = new MdpBuilder(n).discount(gamma).objective(objective);
        for (int t = 0; t < horizon; t++) {
            for (int i = 0; i < width; i++) {
                int actions = 1 + rnd.nextInt(3);
                for (int a = 0; a < actions; a++) {
                    int k = 1 + rnd.nextInt(Math.min(3, width));
                    b.startChoice(t * width + i, "a" + a, -3 + 6 * rnd.nextDouble());
                    for (int j = 0; j < k; j++) {
                        b.addTransition((t + 1) * width + rnd.nextInt(width), 1.0 / k);
                    }
                    b.finishChoice();
                }
            }
        }
        return b.build();
    }

    /** Backward induction written for the layered structure (independent of the solver). */
    private static double[] backwardInduction(Mdp mdp, int horizon, int width) {
        double[] v = new double[mdp.numStates()];
        boolean min = mdp.objective() == Objective.MINIMIZE;
        for (int t = horizon - 1; t >= 0; t--) {
            for (int i = 0; i < width; i++) {
                int s = t * width + i;
                double best = min ? Double.POSITIVE_INFINITY : Double.NEGATIVE_INFINITY;
                for (int c = mdp.choiceStart(s); c < mdp.choiceEnd(s); c++) {
                    double q = DenseOracle.q(mdp, c, v);
                    best = min ? Math.min(best, q) : Math.max(best, q);
                }
                v[s] = best;
            }
        }
        return v;
    }

    @Test
    void finiteHorizonModelsWithoutDiscountAreSolvedExactlyInOnePass() {
        for (long seed = 0; seed < 10; seed++) {
            int horizon = 3 + (int) seed;
            int width = 1 + (int) (seed % 4) * 3;
            Objective objective = seed % 2 == 0 ? Objective.MAXIMIZE : Objective.MINIMIZE;
            Mdp mdp = finiteHorizon(seed, horizon, width, 1.0, objective);
            double[] expected = backwardInduction(mdp, horizon, width);
            Solution sol = new TopologicalSolver().solve(mdp, SolverOptions.defaults());
            assertEquals(Status.CONVERGED, sol.status());
            assertEquals(Accuracy.EXACT, sol.accuracy());
            assertEquals(0.0, sol.errorBound());
            assertEquals(0.0, sol.policyBound());
            assertTrue(sol.iterations() <= 2, "one backward pass plus the policy pass");
            for (int s = 0; s < mdp.numStates(); s++) {
                assertEquals(expected[s], sol.value(s), 1e-12 * (1 + Math.abs(expected[s])), "state " + s);
                if (!mdp.isTerminal(s)) {
                    double q = DenseOracle.q(mdp, sol.policy()[s], expected);
                    assertEquals(expected[s], q, 1e-12 * (1 + Math.abs(expected[s])), "policy at " + s);
                }
            }
        }
    }

    @Test
    void discountedAcyclicModelsAndSelfLoopsAreExact() {
        for (long seed = 0; seed < 10; seed++) {
            Mdp acyclic = finiteHorizon(seed, 4, 5, 0.9, Objective.MAXIMIZE);
            assertExactAgainstOracle(acyclic);
        }
        // one state with self-loops: v = max over a of r_a / (1 − γ p_a) (+ the exit value 0)
        MdpBuilder b = new MdpBuilder(2).discount(0.95).objective(Objective.MAXIMIZE);
        b.addChoice(0, "stay", 1.0, new int[] {0}, new double[] {1.0});
        b.addChoice(0, "mostly", 1.5, new int[] {0, 1}, new double[] {0.9, 0.1});
        Mdp loops = b.build();
        Solution sol = assertExactAgainstOracle(loops);
        assertEquals(1.0 / (1 - 0.95), sol.value(0), 1e-12);
    }

    private static Solution assertExactAgainstOracle(Mdp mdp) {
        Solution sol = new TopologicalSolver().solve(mdp, SolverOptions.defaults());
        double[] exact = DenseOracle.optimalValues(mdp);
        // discounted: exact up to rounding, with the rounding bound certified (RoundingBounds)
        assertEquals(Accuracy.CERTIFIED, sol.accuracy());
        assertTrue(sol.errorBound() < 1e-9, "rounding bound " + sol.errorBound());
        for (int s = 0; s < mdp.numStates(); s++) {
            assertEquals(exact[s], sol.value(s), 1e-10 * (1 + Math.abs(exact[s])));
        }
        SolverContractTest.assertWithinBound(mdp, exact, sol, "acyclic");
        return sol;
    }

    @Test
    void selfLoopWithoutDiscountIsRejectedWithAClearMessage() {
        MdpBuilder b = new MdpBuilder(2).discount(1.0);
        b.addChoice(0, "go", 1, new int[] {1}, new double[] {1});
        b.addChoice(1, "stay", 0, new int[] {1}, new double[] {1});
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new TopologicalSolver().solve(b.build(), SolverOptions.defaults()));
        assertTrue(e.getMessage().contains("self-loop") && e.getMessage().contains("state 1"), e.getMessage());
    }
}
