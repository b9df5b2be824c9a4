package org.sparsemdp.bilevel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.sparsemdp.model.Mdp;
import org.sparsemdp.model.Objective;
import org.sparsemdp.testing.RandomMdps;

/** The two methods agree on random instances too large to enumerate comfortably. */
class BilevelAgreementTest {
    @ParameterizedTest
    @ValueSource(longs = {101, 102, 103, 104})
    void milpAndCutsAgree(long seed) {
        BilevelInstance instance = RandomBilevel.instance(seed, 40, 6, 1, 3, Objective.MAXIMIZE, seed % 2 == 1);
        BilevelResult milp = SingleLevelMilp.solve(instance, BilevelOptions.defaults());
        BilevelResult cuts = CuttingPlaneSolver.solve(instance, BilevelOptions.defaults());
        assertEquals(BilevelStatus.OPTIMAL, milp.status(), milp.toString());
        assertEquals(BilevelStatus.OPTIMAL, cuts.status(), cuts.toString());
        assertEquals(milp.objective(), cuts.objective(), 1e-5, milp + " vs " + cuts);
        // Each method's objective is the true F at its own x (independent dense oracle).
        assertEquals(RandomBilevel.objective(instance, milp.x()), milp.objective(), 1e-6);
        assertEquals(RandomBilevel.objective(instance, cuts.x()), cuts.objective(), 1e-6);
        // Each lower bound is below the other method's objective.
        assertTrue(cuts.lowerBound() <= milp.objective() + 1e-6, cuts + " vs " + milp);
        assertTrue(milp.lowerBound() <= cuts.objective() + 1e-6, milp + " vs " + cuts);
    }

    @Test
    void continuousLeaderMatchesFineGrid() {
        // Two continuous variables in [0, 2]: F is convex piecewise linear; cuts must do at least as
        // well as the best point of a fine grid, and its lower bound must be below every grid value.
        Mdp mdp = RandomMdps.random(5, 6, 3, 3, 0.8, Objective.MAXIMIZE);
        BilevelInstance.Builder b = BilevelInstance.builder(mdp, 2).cost(new double[] {1.5, 2.5});
        b.variable(0, 0, 2, false).variable(1, 0, 2, false);
        for (int ch = 0; ch < mdp.numChoices(); ch++) {
            b.reduction(ch, new double[] {ch % 3 == 0 ? 1.0 : 0.2, ch % 2 == 0 ? 1.5 : 0.0});
        }
        BilevelInstance instance = b.build();
        BilevelResult r = CuttingPlaneSolver.solve(instance, BilevelOptions.defaults());
        assertEquals(BilevelStatus.OPTIMAL, r.status(), r.toString());
        double gridBest = Double.POSITIVE_INFINITY;
        for (int i = 0; i <= 40; i++) {
            for (int j = 0; j <= 40; j++) {
                gridBest = Math.min(gridBest, RandomBilevel.objective(instance, new double[] {i / 20.0, j / 20.0}));
            }
        }
        assertTrue(r.objective() <= gridBest + 1e-6, r + " grid " + gridBest);
        assertTrue(r.lowerBound() <= gridBest, r + " grid " + gridBest);
        assertEquals(RandomBilevel.objective(instance, r.x()), r.objective(), 1e-6);
    }

    @Test
    void milpRejectsContinuousReducedVariables() {
        Mdp mdp = RandomMdps.random(5, 4, 2, 2, 0.8, Objective.MAXIMIZE);
        BilevelInstance instance = BilevelInstance.builder(mdp, 1).variable(0, 0, 1, false)
                .reduction(0, new double[] {1}).build();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> SingleLevelMilp.solve(instance, BilevelOptions.defaults()));
        assertTrue(e.getMessage().contains("x0 is continuous"), e.getMessage());
    }

    @Test
    void cutsRejectNonConvexInstances() {
        // A minimising follower with w >= 0 (the seed's LP with a positive weight): w·v*(x) is concave.
        Mdp mdp = RandomMdps.random(5, 4, 2, 2, 0.8, Objective.MINIMIZE);
        BilevelInstance instance = BilevelInstance.builder(mdp, 1).reduction(0, new double[] {1}).build();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> CuttingPlaneSolver.solve(instance, BilevelOptions.defaults()));
        assertTrue(e.getMessage().contains("convex"), e.getMessage());
        // The MILP handles it; check against enumeration of x in {0, 1}.
        BilevelResult milp = SingleLevelMilp.solve(instance, BilevelOptions.defaults());
        assertEquals(RandomBilevel.enumerate(instance), milp.objective(), 1e-6, milp.toString());
    }

    @Test
    void infeasibleLeaderIsReported() {
        Mdp mdp = RandomMdps.random(5, 4, 2, 2, 0.8, Objective.MAXIMIZE);
        BilevelInstance instance = BilevelInstance.builder(mdp, 2).equality(new double[] {1, 1}, 3)
                .reduction(0, new double[] {1, 0}).build();
        assertEquals(BilevelStatus.INFEASIBLE, CuttingPlaneSolver.solve(instance, BilevelOptions.defaults()).status());
        assertEquals(BilevelStatus.INFEASIBLE, SingleLevelMilp.solve(instance, BilevelOptions.defaults()).status());
    }
}
