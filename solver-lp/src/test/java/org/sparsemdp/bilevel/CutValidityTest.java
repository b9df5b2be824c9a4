package org.sparsemdp.bilevel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.sparsemdp.model.Objective;
import org.sparsemdp.testing.DenseOracle;

/**
 * The oracle's cuts, checked against the independent dense oracle: every cut under-estimates
 * g(x') = w·v*(x') at every integer point x' of the box, and the cut built at x is tight there
 * (its value is g(x) within the oracle's error), for both convex sign patterns and with terminal
 * states.
 */
class CutValidityTest {
    @ParameterizedTest
    @ValueSource(longs = {31, 32, 33, 34})
    void cutsUnderestimateAndAreTight(long seed) {
        Objective objective = seed % 2 == 0 ? Objective.MINIMIZE : Objective.MAXIMIZE;
        BilevelInstance instance = RandomBilevel.instance(seed, 9, 3, 2, 6, objective, true);
        FollowerOracle oracle = new FollowerOracle(instance, BilevelOptions.defaults());
        double[][] points = new double[27][];
        for (int k = 0; k < 27; k++) {
            points[k] = new double[] {k % 3, (k / 3) % 3, k / 9};
        }
        double[] g = new double[27];
        for (int k = 0; k < 27; k++) {
            g[k] = instance.followerTerm(DenseOracle.optimalValues(instance.followerAt(points[k])));
        }
        boolean anySlope = false;
        for (int k = 0; k < 27; k += 4) {
            FollowerOracle.Response response = oracle.respond(points[k], Double.POSITIVE_INFINITY);
            FollowerOracle.Cut cut = oracle.cut(response);
            assertEquals(g[k], cut.valueAt(points[k]), 1e-6, "cut not tight at its point");
            for (int j = 0; j < 27; j++) {
                assertTrue(cut.valueAt(points[j]) <= g[j] + 1e-12, "cut from " + k + " above g at " + j);
            }
            for (double s : cut.slope()) {
                anySlope |= s != 0;
            }
        }
        assertTrue(anySlope, "the instance should make the follower depend on x");
    }
}
