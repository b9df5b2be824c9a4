package org.sparsemdp.solve.undiscounted;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.BitSet;
import org.junit.jupiter.api.Test;
import org.sparsemdp.model.Mdp;
import org.sparsemdp.model.MdpBuilder;
import org.sparsemdp.model.Objective;
import org.sparsemdp.result.Accuracy;
import org.sparsemdp.result.Status;
import org.sparsemdp.result.Solution;
import org.sparsemdp.solve.SolverOptions;
import org.sparsemdp.solve.Solvers;

/**
 * The end-component traps of undiscounted value iteration (Haddad &amp; Monmege 2018, Example 1;
 * Baier et al. 2017, §3), where plain value iteration converges to a wrong fixed point, and the
 * stochastic-shortest-path solver built on the same machinery.
 */
class EndComponentPitfallsTest {
    private static final SolverOptions OPTIONS = SolverOptions.builder().epsilon(1e-9).build();

    /** 0: a→1 (cost 0), b→2 (cost 5); 1: a→0 (cost 0); 2 terminal. Rmin(0) = 5: the 0–1 loop never arrives. */
    private static Mdp zeroCostLoop() {
        MdpBuilder b = new MdpBuilder(3);
        b.addChoice(0, "loop", 0, new int[] {1}, new double[] {1});
        b.addChoice(0, "exit", 5, new int[] {2}, new double[] {1});
        b.addChoice(1, "back", 0, new int[] {0}, new double[] {1});
        return b.discount(1.0).build();
    }

    /** Plain Gauss–Seidel value iteration from 0 (what a naive solver does), for comparison. */
    private static double[] plainValueIteration(Mdp mdp, boolean max, double init, BitSet target, boolean reward) {
        double[] v = new double[mdp.numStates()];
        java.util.Arrays.fill(v, init);
        for (int s = target.nextSetBit(0); s >= 0; s = target.nextSetBit(s + 1)) {
            v[s] = reward ? 0 : 1;
        }
        for (int it = 0; it < 10_000; it++) {
            for (int s = 0; s < mdp.numStates(); s++) {
                if (target.get(s) || mdp.isTerminal(s)) {
                    continue;
                }
                double best = max ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY;
                for (int c = mdp.choiceStart(s); c < mdp.choiceEnd(s); c++) {
                    double q = reward ? mdp.reward(c) : 0;
                    for (int k = mdp.transitionStart(c); k < mdp.transitionEnd(c); k++) {
                        q += mdp.probability(k) * v[mdp.successor(k)];
                    }
                    best = max ? Math.max(best, q) : Math.min(best, q);
                }
                v[s] = best;
            }
        }
        return v;
    }

    @Test
    void zeroRewardEndComponentDefeatsPlainValueIterationButNotOurs() {
        Mdp mdp = zeroCostLoop();
        BitSet target = new BitSet();
        target.set(2);
        assertEquals(0.0, plainValueIteration(mdp, false, 0.0, target, true)[0], "plain VI is stuck at the loop");
        Solution s = Reachability.reward(mdp, mdp.rewardArray(), target, Objective.MINIMIZE, OPTIONS, false);
        assertEquals(Status.CONVERGED, s.status());
        assertEquals(5.0, s.value(0), 1e-9);
        assertEquals(5.0, s.value(1), 1e-9);
        assertEquals(mdp.findChoice(0, "exit"), s.policy()[0]);
        // The SSP solver (terminal states as target) agrees, and is what 'ii' runs for discount 1.
        Solution ssp = Solvers.byName("ii").solve(mdp, OPTIONS);
        assertEquals(5.0, ssp.value(0), 1e-9);
        assertEquals(Accuracy.CERTIFIED, ssp.accuracy());
    }

    @Test
    void endComponentKeepsPlainUpperIterationAtOneButNotOurs() {
        // 0: a→1, b→½ target 2, ½ sink 3; 1: a→0. Pmax(0) = 1/2; from above, plain VI stays at 1.
        MdpBuilder b = new MdpBuilder(4);
        b.addChoice(0, "a", 0, new int[] {1}, new double[] {1});
        b.addChoice(0, "b", 0, new int[] {2, 3}, new double[] {0.5, 0.5});
        b.addChoice(1, "a", 0, new int[] {0}, new double[] {1});
        b.addChoice(3, "a", 0, new int[] {3}, new double[] {1});
        Mdp mdp = b.build();
        BitSet target = new BitSet();
        target.set(2);
        BitSet noTarget = (BitSet) target.clone();
        assertEquals(1.0, plainValueIteration(mdp, true, 1.0, noTarget, false)[0], "plain VI from above is stuck at 1");
        Solution s = Reachability.probability(mdp, target, Objective.MAXIMIZE, OPTIONS, false);
        assertEquals(0.5, s.value(0), 1e-9);
        assertEquals(0.5, s.upper()[1], 1e-9);
    }

    @Test
    void sspValueIsInfiniteWhereNoPolicyTerminates() {
        // 0: a→½0 ½1 (cost 1); 1 terminal; 2: a→2 (cost 1): never terminates.
        MdpBuilder b = new MdpBuilder(3);
        b.addChoice(0, "a", 1, new int[] {0, 1}, new double[] {0.5, 0.5});
        b.addChoice(2, "a", 1, new int[] {2}, new double[] {1});
        Mdp mdp = b.build();
        Solution s = new TotalRewardSolver().solve(mdp, OPTIONS);
        assertEquals(2.0, s.value(0), 1e-9); // geometric number of steps, mean 2
        assertEquals(0.0, s.value(1));
        assertEquals(Double.POSITIVE_INFINITY, s.value(2));
    }

    @Test
    void nonPositiveRewardsAreSolvedByNegation() {
        // Rewards −1 per step, maximised: the value is −(expected steps) = −2 and −∞ for the trap.
        MdpBuilder b = new MdpBuilder(3).objective(Objective.MAXIMIZE);
        b.addChoice(0, "a", -1, new int[] {0, 1}, new double[] {0.5, 0.5});
        b.addChoice(0, "b", -3, new int[] {1}, new double[] {1});
        b.addChoice(2, "a", -1, new int[] {2}, new double[] {1});
        Mdp mdp = b.build();
        Solution s = new TotalRewardSolver().solve(mdp, OPTIONS);
        assertEquals(-2.0, s.value(0), 1e-9);
        assertEquals(Double.NEGATIVE_INFINITY, s.value(2));
        assertTrue(s.lower()[0] <= -2.0 && -2.0 <= s.upper()[0]);
    }

    @Test
    void mixedSignsAndDiscountedModelsAreRejected() {
        MdpBuilder b = new MdpBuilder(2);
        b.addChoice(0, "a", -1, new int[] {1}, new double[] {1});
        b.addChoice(0, "b", 1, new int[] {1}, new double[] {1});
        Mdp mdp = b.build();
        assertThrows(IllegalArgumentException.class, () -> new TotalRewardSolver().solve(mdp, OPTIONS));
        assertThrows(IllegalArgumentException.class,
                () -> new TotalRewardSolver().solve(zeroCostLoop().withDiscount(0.9), OPTIONS));
    }

    @Test
    void longChainsInEitherDirectionConverge() {
        // s -> s±1 w.p. 1/2, stay w.p. 1/2, reward 1: two steps per move, Rmin = Rmax = 2·distance.
        int n = 2_000;
        for (boolean up : new boolean[] {true, false}) {
            MdpBuilder b = new MdpBuilder(n);
            for (int s = 0; s < n; s++) {
                int next = up ? s + 1 : s - 1;
                if (next >= 0 && next < n) {
                    b.addChoice(s, "go", 1, new int[] {s, next}, new double[] {0.5, 0.5});
                }
            }
            Mdp mdp = b.build();
            BitSet target = new BitSet();
            target.set(up ? n - 1 : 0);
            int start = up ? 0 : n - 1;
            for (Objective o : Objective.values()) {
                Solution s = Reachability.reward(mdp, mdp.rewardArray(), target, o, OPTIONS, true);
                assertEquals(Status.CONVERGED, s.status());
                assertEquals(2.0 * (n - 1), s.value(start), 2.0 * n * 1e-8);
                assertTrue(s.lower()[start] <= 2.0 * (n - 1) && 2.0 * (n - 1) <= s.upper()[start]);
            }
        }
    }

    /**
     * The policy pitfall of Pmax: 0 may stay (self-loop) or go to 1; 1 may go back to 0 or gamble
     * (goal 2 or sink 3, ½ each). Every choice of 0 and 1 has optimal value ½, so a greedy policy
     * may keep "stay" and never reach the goal; the certified policy must leave the end component
     * through 1's gamble, and its bound must say it is optimal.
     */
    @Test
    void pmaxPolicyLeavesTheEndComponent() {
        MdpBuilder b = new MdpBuilder(4);
        int stay = b.addChoice(0, "stay", 0, new int[] {0}, new double[] {1});
        int go = b.addChoice(0, "go", 0, new int[] {1}, new double[] {1});
        int back = b.addChoice(1, "back", 0, new int[] {0}, new double[] {1});
        int gamble = b.addChoice(1, "gamble", 0, new int[] {2, 3}, new double[] {0.5, 0.5});
        Mdp mdp = b.build();
        BitSet goal = new BitSet();
        goal.set(2);
        Solution s = Reachability.probability(mdp, goal, Objective.MAXIMIZE, OPTIONS, false);
        assertEquals(0.5, s.value(0), 1e-9);
        assertEquals(go, s.policy()[0], "stay=" + stay);
        assertEquals(gamble, s.policy()[1], "back=" + back);
        assertTrue(s.policyBound() <= 2e-9, "policy bound " + s.policyBound());
    }

    /**
     * Rmin with a zero-cost loop 0 ↔ 1 and exits of cost 5 (from 0) and 7 (from 1): Rmin = 5 at
     * both; the policy must walk from 1 back to 0 and exit there (greedy alone could loop forever).
     */
    @Test
    void rminPolicyWalksToTheBestExit() {
        MdpBuilder b = new MdpBuilder(3);
        b.addChoice(0, "loop", 0, new int[] {1}, new double[] {1});
        int exit0 = b.addChoice(0, "exit", 5, new int[] {2}, new double[] {1});
        int back = b.addChoice(1, "back", 0, new int[] {0}, new double[] {1});
        b.addChoice(1, "exit", 7, new int[] {2}, new double[] {1});
        Mdp mdp = b.build();
        BitSet goal = new BitSet();
        goal.set(2);
        Solution s = Reachability.reward(mdp, mdp.rewardArray(), goal, Objective.MINIMIZE, OPTIONS, false);
        assertEquals(5.0, s.value(1), 1e-8);
        assertEquals(exit0, s.policy()[0]);
        assertEquals(back, s.policy()[1]);
        assertTrue(s.policyBound() <= 1e-8, "policy bound " + s.policyBound());
    }
}
