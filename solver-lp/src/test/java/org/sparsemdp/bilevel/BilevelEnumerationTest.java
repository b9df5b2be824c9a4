package org.sparsemdp.bilevel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.sparsemdp.model.Objective;

/**
 * Both methods against exhaustive enumeration of x, each F(x) computed by the independent dense
 * oracle (exact policy iteration with Gaussian elimination).
 */
class BilevelEnumerationTest {
    private static final double TOL = 1e-5;

    private static void check(BilevelInstance instance, BilevelResult r, double optimum) {
        assertEquals(BilevelStatus.OPTIMAL, r.status(), r.toString());
        assertEquals(optimum, r.objective(), TOL, r.toString());
        // The reported x really attains the optimum, and the bounds bracket it.
        assertEquals(optimum, RandomBilevel.objective(instance, r.x()), TOL, r.toString());
        assertTrue(r.lowerBound() <= optimum + TOL && optimum <= r.upperBound() + TOL, r.toString());
        assertTrue(instance.violation(r.x()) <= 1e-9, r.toString());
    }

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3, 4, 5, 6})
    void binaryMaximisingFollower(long seed) {
        BilevelInstance instance = RandomBilevel.instance(seed, 8, 4, 1, 2, Objective.MAXIMIZE, seed % 2 == 0);
        double optimum = RandomBilevel.enumerate(instance);
        check(instance, SingleLevelMilp.solve(instance, BilevelOptions.defaults()), optimum);
        check(instance, CuttingPlaneSolver.solve(instance, BilevelOptions.defaults()), optimum);
    }

    @ParameterizedTest
    @ValueSource(longs = {11, 12, 13})
    void boundedIntegerLeader(long seed) {
        BilevelInstance instance = RandomBilevel.instance(seed, 7, 3, 3, 5, Objective.MAXIMIZE, true);
        double optimum = RandomBilevel.enumerate(instance);
        check(instance, SingleLevelMilp.solve(instance, BilevelOptions.defaults()), optimum);
        check(instance, CuttingPlaneSolver.solve(instance, BilevelOptions.defaults()), optimum);
    }

    @ParameterizedTest
    @ValueSource(longs = {21, 22})
    void minimisingFollowerWithNonPositiveWeights(long seed) {
        BilevelInstance instance = RandomBilevel.instance(seed, 6, 3, 1, 2, Objective.MINIMIZE, seed % 2 == 0);
        double optimum = RandomBilevel.enumerate(instance);
        check(instance, SingleLevelMilp.solve(instance, BilevelOptions.defaults()), optimum);
        check(instance, CuttingPlaneSolver.solve(instance, BilevelOptions.defaults()), optimum);
    }

    @ParameterizedTest
    @ValueSource(longs = {41, 42, 43})
    void followerWithTerminalStates(long seed) {
        BilevelInstance instance = RandomBilevel.instance(seed, 10, 3, 1, 2, Objective.MAXIMIZE, true, 0.3, true);
        double optimum = RandomBilevel.enumerate(instance);
        check(instance, SingleLevelMilp.solve(instance, BilevelOptions.defaults()), optimum);
        check(instance, CuttingPlaneSolver.solve(instance, BilevelOptions.defaults()), optimum);
    }

    /** The seed's own case: a cost-minimising follower and w ≥ 0 (concave in x: MILP only). */
    @ParameterizedTest
    @ValueSource(longs = {51, 52, 53})
    void seedCaseMinimisingFollowerWithNonNegativeWeights(long seed) {
        BilevelInstance instance = RandomBilevel.instance(seed, 8, 3, 1, 2, Objective.MINIMIZE, seed % 2 == 0, 0.0,
                false);
        double optimum = RandomBilevel.enumerate(instance);
        check(instance, SingleLevelMilp.solve(instance, BilevelOptions.defaults()), optimum);
    }
}
