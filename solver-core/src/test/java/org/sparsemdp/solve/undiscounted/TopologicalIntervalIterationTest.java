package org.sparsemdp.solve.undiscounted;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.BitSet;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.sparsemdp.model.Mdp;
import org.sparsemdp.model.Objective;
import org.sparsemdp.result.Status;
import org.sparsemdp.result.Solution;
import org.sparsemdp.solve.SolverOptions;
import org.sparsemdp.testing.RandomMdps;

/**
 * Topological interval iteration against global interval iteration on layered random models
 * (many strongly connected components in a chain, so the per-component stopping rule and the
 * one-step solution of trivial components are exercised): both must certify intervals of width
 * at most ε that overlap, for Pmin/Pmax and Rmin/Rmax; and an early stop must still give valid
 * bounds. (Exactness on small models is checked against the enumeration oracle in
 * {@link ReachabilityOracleTest} and {@link CumulativeRewardTest} for both orders.)
 */
class TopologicalIntervalIterationTest {
    private static final double EPS = 1e-7;
    private static final SolverOptions OPTIONS = SolverOptions.builder().epsilon(EPS).build();

    /** A layered model with rewards |r| and a target of the last (terminal) state plus a few others. */
    private static Mdp model(long seed) {
        Mdp m = RandomMdps.layered(seed, 60, 6, 1.0, Objective.MINIMIZE);
        double[] r = m.rewardArray().clone();
        for (int c = 0; c < r.length; c++) {
            r[c] = c % 4 == 0 ? 0.0 : Math.abs(r[c]);
        }
        return m.withRewards(r);
    }

    private static BitSet target(Mdp m, long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        BitSet t = new BitSet();
        t.set(m.numStates() - 1);
        for (int i = 0; i < 5; i++) {
            t.set(rnd.nextInt(m.numStates()));
        }
        return t;
    }

    @Test
    void agreesWithGlobalSweepsOnLayeredModels() {
        int compared = 0;
        for (long seed = 1; seed <= 12; seed++) {
            Mdp m = model(seed);
            BitSet t = target(m, seed);
            for (Objective o : Objective.values()) {
                compared += compare(Reachability.probability(m, t, o, OPTIONS, false),
                        Reachability.probability(m, t, o, OPTIONS, false, IterationOrder.TOPOLOGICAL));
                compared += compare(Reachability.reward(m, m.rewardArray(), t, o, OPTIONS, false),
                        Reachability.reward(m, m.rewardArray(), t, o, OPTIONS, false, IterationOrder.TOPOLOGICAL));
                compared += compare(
                        CumulativeReward.solve(m, m.rewardArray(), o, OPTIONS, false, IterationOrder.GLOBAL),
                        CumulativeReward.solve(m, m.rewardArray(), o, OPTIONS, false, IterationOrder.TOPOLOGICAL));
                compared += compare(new TotalRewardSolver(false).solve(m.withObjective(o), OPTIONS),
                        new TotalRewardSolver(false, IterationOrder.TOPOLOGICAL).solve(m.withObjective(o), OPTIONS));
            }
        }
        assertTrue(compared > 5000, "too few finite values compared: " + compared);
    }

    @Test
    void relativeCriterionHoldsComponentByComponent() {
        for (long seed = 20; seed < 24; seed++) {
            Mdp m = model(seed);
            BitSet t = target(m, seed);
            double eps = 1e-4;
            SolverOptions o = SolverOptions.builder().epsilon(eps).build();
            Solution s = Reachability.reward(m, m.rewardArray(), t, Objective.MINIMIZE, o, true,
                    IterationOrder.TOPOLOGICAL);
            assertEquals(Status.CONVERGED, s.status());
            for (int q = 0; q < m.numStates(); q++) {
                double lo = s.lower()[q];
                double d = s.upper()[q] - lo;
                if (Double.isFinite(lo)) {
                    assertTrue(d <= (lo > 0 ? eps * lo : eps) * (1 + 1e-12), "state " + q);
                }
            }
        }
    }

    @Test
    void earlyStopKeepsValidBounds() {
        Mdp m = model(99);
        BitSet t = target(m, 99);
        Solution exact = Reachability.reward(m, m.rewardArray(), t, Objective.MINIMIZE,
                SolverOptions.builder().epsilon(1e-10).build(), false);
        Solution cut = Reachability.reward(m, m.rewardArray(), t, Objective.MINIMIZE,
                SolverOptions.builder().epsilon(1e-10).maxIterations(3).build(), false, IterationOrder.TOPOLOGICAL);
        assertEquals(Status.MAX_ITERATIONS, cut.status());
        int wide = 0;
        for (int q = 0; q < m.numStates(); q++) {
            assertTrue(cut.lower()[q] <= exact.upper()[q] && exact.lower()[q] <= cut.upper()[q], "state " + q);
            wide += cut.upper()[q] - cut.lower()[q] > 1e-3 ? 1 : 0;
        }
        assertTrue(wide > 0, "the cap should have left some interval open");
    }

    /** Checks both runs converged to overlapping intervals of width at most ε; returns finite states. */
    private static int compare(Solution global, Solution topological) {
        assertEquals(Status.CONVERGED, global.status());
        assertEquals(Status.CONVERGED, topological.status());
        assertTrue(topological.method().startsWith("tii-"), topological.method());
        int finite = 0;
        for (int q = 0; q < global.values().length; q++) {
            double gl = global.lower()[q];
            double tl = topological.lower()[q];
            if (Double.isInfinite(gl) || Double.isInfinite(global.upper()[q])) {
                assertEquals(global.value(q), topological.value(q), "state " + q);
                continue;
            }
            finite++;
            double slack = 1e-12 * Math.max(1, Math.abs(gl));
            assertTrue(topological.upper()[q] - tl <= EPS + slack, "topological gap at " + q);
            assertTrue(tl <= global.upper()[q] + slack && gl <= topological.upper()[q] + slack, "disjoint at " + q);
        }
        return finite;
    }
}
