package org.sparsemdp.solve;

import org.sparsemdp.result.Solution;
import org.sparsemdp.result.Accuracy;
import org.sparsemdp.result.Status;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.sparsemdp.model.Mdp;
import org.sparsemdp.model.MdpBuilder;
import org.sparsemdp.model.Objective;
import org.sparsemdp.testing.DenseOracle;

/** The topological solver's exact pass on acyclic models (finite-horizon models, γ = 1 included). */
class TopologicalAcyclicTest {
    /** A random DAG: state s moves only to states numbered above s; the last state is terminal. */
    static Mdp dag(long seed, int n, double gamma, Objective objective) {
        SplittableRandom rnd = new SplittableRandom(seed);
        MdpBuilder b = new MdpBuilder(n).discount(gamma).objective(objective);
        for (int s = n - 2; s >= 0; s--) { // any order: the builder accepts it
            int actions = 1 + rnd.nextInt(3);
            for (int a = 0; a < actions; a++) {
                b.startChoice(s, "a" + a, -10 + 20 * rnd.nextDouble());
                int t1 = s + 1 + rnd.nextInt(n - s - 1);
                int t2 = s + 1 + rnd.nextInt(n - s - 1);
                double p = t1 == t2 ? 1.0 : 0.3 + 0.4 * rnd.nextDouble();
                b.addTransition(t1, p);
                if (t1 != t2) {
                    b.addTransition(t2, 1 - p);
                }
                b.finishChoice();
            }
        }
        return b.build();
    }

    @Test
    void agreesWithTheDenseOracleOnDiscountedDags() {
        for (long seed = 1; seed <= 5; seed++) {
            Mdp mdp = dag(seed, 30, 0.9, seed % 2 == 0 ? Objective.MINIMIZE : Objective.MAXIMIZE);
            Solution sol = new TopologicalSolver().solve(mdp, SolverOptions.defaults());
            double[] expected = DenseOracle.optimalValues(mdp);
            assertArrayEquals(expected, sol.values(), 1e-9);
            assertArrayEquals(expected, DenseOracle.evaluate(mdp, sol.policy()), 1e-9, "its policy attains them");
            // exact up to rounding, now with the rounding bound certified (RoundingBounds)
            assertEquals(Accuracy.CERTIFIED, sol.accuracy());
            assertTrue(sol.errorBound() > 0 && sol.errorBound() < 1e-9, "rounding bound " + sol.errorBound());
            assertEquals(Status.CONVERGED, sol.status());
        }
    }

    @Test
    void undiscountedByHand() {
        // 0 -a-> 1 (cost 1) or -b-> 2 (cost 5); 1 -> 2 (cost 1) or 1 -> 3 (cost 10, half to 2, half to 3)
        MdpBuilder b = new MdpBuilder(4).objective(Objective.MINIMIZE).discount(1.0);
        b.startChoice(0, "a", 1).addTransition(1, 1).finishChoice();
        b.startChoice(0, "b", 5).addTransition(2, 1).finishChoice();
        b.startChoice(1, "c", 1).addTransition(2, 1).finishChoice();
        b.startChoice(1, "d", 0.5).addTransition(2, 0.5).addTransition(3, 0.5).finishChoice();
        b.startChoice(2, "e", 2).addTransition(3, 1).finishChoice();
        Mdp mdp = b.build();
        Solution sol = new TopologicalSolver().solve(mdp, SolverOptions.defaults());
        // V(2) = 2; V(1) = min(1 + 2, 0.5 + 1) = 1.5; V(0) = min(1 + 1.5, 5 + 2) = 2.5
        assertArrayEquals(new double[] {2.5, 1.5, 2, 0}, sol.values(), 1e-15);
        assertArrayEquals(new int[] {0, 3, 4, -1}, sol.policy());
        assertEquals(Accuracy.EXACT, sol.accuracy());
    }
}
