package org.sparsemdp.bilevel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.sparsemdp.model.Mdp;
import org.sparsemdp.model.Objective;
import org.sparsemdp.result.Solution;
import org.sparsemdp.solve.SolverOptions;
import org.sparsemdp.solve.ValueIterationSolver;
import org.sparsemdp.testing.RandomMdps;

/**
 * The cutting-plane method on large followers (far beyond the single-level MILP), checked against
 * enumeration of all 2^3 binary decisions, each evaluated by the library's value iteration (a
 * different solver from the oracle's policy iteration). The 10^5-state case runs only with
 * {@code -Dsparsemdp.large=true} (about 20 s for the solve alone on a loaded 2-core machine); the
 * default suite runs the same check with 10^4 states.
 */
class LargeFollowerTest {
    @Test
    void tenThousandStates() {
        check(10_000, 7);
    }

    @Test
    @EnabledIfSystemProperty(named = "sparsemdp.large", matches = "true")
    void hundredThousandStates() {
        check(100_000, 7);
    }

    private static void check(int states, long seed) {
        int n = 3;
        Mdp mdp = RandomMdps.random(seed, states, 2, 3, 0.9, Objective.MAXIMIZE);
        SplittableRandom rnd = new SplittableRandom(seed);
        BilevelInstance.Builder b = BilevelInstance.builder(mdp, n).cost(new double[] {1.0, 1.5, 2.0});
        for (int ch = 0; ch < mdp.numChoices(); ch++) {
            double[] d = new double[n];
            d[rnd.nextInt(n)] = 2 * rnd.nextDouble();
            b.reduction(ch, d);
        }
        double[] w = new double[states];
        Arrays.fill(w, 1.0 / states);
        b.weights(w).lessOrEqual(new double[] {1, 1, 1}, 2);
        BilevelInstance instance = b.build();

        BilevelResult r = CuttingPlaneSolver.solve(instance, BilevelOptions.defaults());
        assertEquals(BilevelStatus.OPTIMAL, r.status(), r.toString());

        double best = Double.POSITIVE_INFINITY;
        double[] bestX = null;
        ValueIterationSolver vi = new ValueIterationSolver();
        SolverOptions viOptions = SolverOptions.builder().epsilon(1e-9).build();
        for (int mask = 0; mask < 8; mask++) {
            double[] x = {mask & 1, (mask >> 1) & 1, (mask >> 2) & 1};
            if (instance.violation(x) > 0) {
                continue;
            }
            Solution s = vi.solve(instance.followerAt(x), viOptions);
            double f = instance.leaderCost(x) + instance.followerTerm(s.values());
            if (f < best) {
                best = f;
                bestX = x;
            }
        }
        assertEquals(best, r.objective(), 1e-6, r.toString());
        assertTrue(r.lowerBound() <= best + 1e-6 && best <= r.upperBound() + 1e-6, r.toString());
        assertTrue(r.gap() <= 1e-6, r.toString());
        // The instance is not trivial: the optimal decision is not "do nothing".
        assertTrue(bestX[0] + bestX[1] + bestX[2] > 0, Arrays.toString(bestX));
    }
}
