package org.sparsemdp.solve.undiscounted;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.BitSet;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.sparsemdp.model.Mdp;
import org.sparsemdp.model.MdpBuilder;
import org.sparsemdp.model.Objective;
import org.sparsemdp.result.Solution;
import org.sparsemdp.solve.SolverOptions;
import org.sparsemdp.solve.undiscounted.ReachabilityOracleTest.Oracle;

/**
 * Expected total reward R[C] against hand-computed models and, on random models, against the
 * exhaustive oracle of {@link ReachabilityOracleTest}: for each memoryless deterministic policy
 * the Markov chain's total reward is +∞ from states that reach a bottom SCC with a positive
 * reward, and otherwise the reward until the zero-reward bottom SCCs, solved densely.
 */
class CumulativeRewardTest {
    private static final double EPS = 1e-8;
    private static final SolverOptions OPTIONS = SolverOptions.builder().epsilon(EPS).build();

    /**
     * s0: a (reward 2) to s1, b (reward 1) to s0 or s2 (½ each); s1 a zero-reward self-loop; s2
     * a reward-3 self-loop. Rmin: s1 0, s2 ∞, s0 2 (b risks s2). Rmax: ∞ wherever s2 is reachable.
     */
    @Test
    void positiveAndZeroLoopsByHand() {
        MdpBuilder b = new MdpBuilder(3);
        b.addChoice(0, "a", 2, new int[] {1}, new double[] {1});
        b.addChoice(0, "b", 1, new int[] {0, 2}, new double[] {0.5, 0.5});
        b.addChoice(1, "loop", 0, new int[] {1}, new double[] {1});
        b.addChoice(2, "loop", 3, new int[] {2}, new double[] {1});
        Mdp mdp = b.build();
        for (IterationOrder order : IterationOrder.values()) {
            Solution min = CumulativeReward.solve(mdp, mdp.rewardArray(), Objective.MINIMIZE, OPTIONS, false, order);
            assertEquals(2.0, min.value(0), 1e-7);
            assertEquals(0.0, min.value(1));
            assertEquals(Double.POSITIVE_INFINITY, min.value(2));
            Solution max = CumulativeReward.solve(mdp, mdp.rewardArray(), Objective.MAXIMIZE, OPTIONS, false, order);
            assertEquals(Double.POSITIVE_INFINITY, max.value(0));
            assertEquals(0.0, max.value(1));
            assertEquals(Double.POSITIVE_INFINITY, max.value(2));
        }
    }

    /**
     * s0 and s1 form a zero-reward end component; s0 may stop (reward 1), s1 may stop (reward 5)
     * into the terminal s2. Rmax[C] = 5 at s0 and s1 (walk to s1, then stop), where the
     * "until termination" semantics says ∞ (a policy may cycle forever); Rmin[C] = 0 (cycle).
     */
    @Test
    void zeroRewardEndComponentWithExitsByHand() {
        MdpBuilder b = new MdpBuilder(3);
        b.addChoice(0, "next", 0, new int[] {1}, new double[] {1});
        b.addChoice(0, "stop", 1, new int[] {2}, new double[] {1});
        b.addChoice(1, "back", 0, new int[] {0}, new double[] {1});
        b.addChoice(1, "stop", 5, new int[] {2}, new double[] {1});
        Mdp mdp = b.build();
        Solution max = CumulativeReward.solve(mdp, mdp.rewardArray(), Objective.MAXIMIZE, OPTIONS, false,
                IterationOrder.GLOBAL);
        assertEquals(5.0, max.value(0), 1e-7);
        assertEquals(5.0, max.value(1), 1e-7);
        assertEquals(0.0, max.value(2));
        Solution min = CumulativeReward.solve(mdp, mdp.rewardArray(), Objective.MINIMIZE, OPTIONS, false,
                IterationOrder.GLOBAL);
        assertEquals(0.0, min.value(0));
        BitSet terminal = new BitSet();
        terminal.set(2);
        assertEquals(Double.POSITIVE_INFINITY,
                Reachability.reward(mdp, mdp.rewardArray(), terminal, Objective.MAXIMIZE, OPTIONS, false).value(0));
    }

    @Test
    void boundsContainTheExactOptimumOnRandomModels() {
        Random rnd = new Random(20261122L);
        int finite = 0;
        int infinite = 0;
        int loose = 0;
        for (int round = 0; round < 250; round++) {
            Mdp mdp = ReachabilityOracleTest.randomModel(rnd);
            for (Objective o : Objective.values()) {
                double[] exact = Oracle.optimum(mdp, o, choice -> totalOf(mdp, choice));
                double scale = 1;
                for (double v : exact) {
                    infinite += v == Double.POSITIVE_INFINITY ? 1 : 0;
                    scale = Double.isFinite(v) ? Math.max(scale, v) : scale;
                }
                for (IterationOrder order : IterationOrder.values()) {
                    Solution s = CumulativeReward.solve(mdp, mdp.rewardArray(), o, OPTIONS, false, order);
                    finite += ReachabilityOracleTest.check(s, exact, EPS * scale);
                    loose += ReachabilityOracleTest.checkPolicy(s,
                            totalOf(mdp, ReachabilityOracleTest.choices(mdp, s)), exact, EPS * scale);
                }
            }
        }
        assertTrue(finite > 3000, "too few finite values checked: " + finite);
        assertTrue(infinite > 300, "too few infinite values checked: " + infinite);
        assertEquals(0, loose, "policies with a bound above 4 epsilon");
    }

    @Test
    void negativeRewardsAreRejected() {
        MdpBuilder b = new MdpBuilder(2);
        b.addChoice(0, "a", -1, new int[] {1}, new double[] {1});
        Mdp mdp = b.build();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> CumulativeReward.solve(mdp,
                mdp.rewardArray(), Objective.MAXIMIZE, OPTIONS, false, IterationOrder.GLOBAL));
        assertTrue(e.getMessage().contains("non-negative"), e.getMessage());
    }

    /** Total reward of the chain of a memoryless deterministic policy (see the class comment). */
    static double[] totalOf(Mdp mdp, int[] choice) {
        int n = mdp.numStates();
        boolean[][] reach = new boolean[n][n];
        for (int s = 0; s < n; s++) {
            reach[s][s] = true;
            double[] row = Oracle.row(mdp, s, choice);
            for (int t = 0; t < n; t++) {
                reach[s][t] |= row[t] > 0;
            }
        }
        for (int k = 0; k < n; k++) {
            for (int i = 0; i < n; i++) {
                for (int j = 0; j < n; j++) {
                    reach[i][j] |= reach[i][k] && reach[k][j];
                }
            }
        }
        BitSet zeroBottom = new BitSet(n);
        for (int s = 0; s < n; s++) {
            boolean recurrent = true;
            boolean positive = false;
            for (int t = 0; t < n; t++) {
                if (reach[s][t]) {
                    recurrent &= reach[t][s];
                    positive |= mdp.numChoices(t) > 0 && mdp.reward(mdp.choiceStart(t) + choice[t]) > 0;
                }
            }
            if (recurrent && !positive) {
                zeroBottom.set(s);
            }
        }
        return Oracle.rewardOf(mdp, zeroBottom, choice);
    }
}
