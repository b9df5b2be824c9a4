package org.sparsemdp.solve.average;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.sparsemdp.model.Mdp;
import org.sparsemdp.model.MdpBuilder;
import org.sparsemdp.model.Objective;
import org.sparsemdp.result.Status;
import org.sparsemdp.solve.SolverOptions;
import org.sparsemdp.testing.RandomMdps;

class AverageRewardTest {
    private static final String[] METHODS = {AverageReward.RVI, AverageReward.PI};
    private static final SolverOptions TIGHT = SolverOptions.builder().epsilon(1e-9).build();

    private static void assertBracket(double want, AverageResult r, int s, String what) {
        assertTrue(r.gainLower()[s] <= want && want <= r.gainUpper()[s],
                what + ": state " + s + " gain " + want + " outside [" + r.gainLower()[s] + ", " + r.gainUpper()[s] + "]");
        assertTrue(r.gainUpper()[s] - r.gainLower()[s] <= 2e-9 * (1 + Math.abs(want)), what + ": bracket too wide");
    }

    @Test
    void periodicTwoCycleHasTheMeanOfItsRewards() {
        // 0 -> 1 -> 0 deterministically, rewards 1 and 3: gain 2; plain value iteration oscillates (Tv - v = 1, 3, 1, ...).
        MdpBuilder b = new MdpBuilder(2).discount(1.0).objective(Objective.MAXIMIZE);
        b.startChoice(0, "go", 1).addTransition(1, 1).finishChoice();
        b.startChoice(1, "go", 3).addTransition(0, 1).finishChoice();
        Mdp mdp = b.build();
        for (String method : METHODS) {
            AverageResult r = AverageReward.solve(mdp, null, Objective.MAXIMIZE, TIGHT, method);
            assertEquals(Status.CONVERGED, r.status());
            assertTrue(r.isConstant());
            assertBracket(2.0, r, 0, method);
            assertBracket(2.0, r, 1, method);
            // bias: h(0) - h(1) = r(0) - g + ... : g + h(0) = 1 + h(1) => h(0) - h(1) = -1
            assertEquals(-1.0, r.bias()[0] - r.bias()[1], 1e-6, method);
        }
    }

    @Test
    void communicatingChoiceBetweenSelfLoopAndCycle() {
        // state 0: "stay" reward 1 (self-loop) or "go" reward 0 to state 1; state 1: reward 5 back to 0.
        // max: the cycle, (0 + 5) / 2 = 2.5; min: stay forever in 0, gain 1 (state 1 must first return: also 1).
        MdpBuilder b = new MdpBuilder(2).discount(1.0).objective(Objective.MAXIMIZE);
        b.startChoice(0, "stay", 1).addTransition(0, 1).finishChoice();
        b.startChoice(0, "go", 0).addTransition(1, 1).finishChoice();
        b.startChoice(1, "back", 5).addTransition(0, 1).finishChoice();
        Mdp mdp = b.build();
        for (String method : METHODS) {
            AverageResult max = AverageReward.solve(mdp, null, Objective.MAXIMIZE, TIGHT, method);
            assertBracket(2.5, max, 0, method);
            assertBracket(2.5, max, 1, method);
            assertEquals("go", mdp.actionLabel(max.policy()[0]));
            AverageResult min = AverageReward.solve(mdp, null, Objective.MINIMIZE, TIGHT, method);
            assertBracket(1.0, min, 0, method);
            assertBracket(1.0, min, 1, method);
            assertEquals("stay", mdp.actionLabel(min.policy()[0]));
        }
    }

    /**
     * Multichain: state 0 chooses "left" to the absorbing state 1 (reward 2 per step) or "right"
     * to state 2 (absorbing, reward 6) or the terminal state 3, each with probability 1/2. States
     * 4 and 5 form a cycle of reward 1 per step; 5 may also "leave" to state 2.
     * Max gains: 0 → max(2, 3) = 3, 1 → 2, 2 → 6, 3 → 0, 4, 5 → 6. Min: 0 → 2, 4, 5 → 1.
     */
    static Mdp multichain() {
        MdpBuilder b = new MdpBuilder(6).discount(1.0).objective(Objective.MAXIMIZE);
        b.startChoice(0, "left", 0).addTransition(1, 1).finishChoice();
        b.startChoice(0, "right", 0).addTransition(2, 0.5).addTransition(3, 0.5).finishChoice();
        b.startChoice(1, "loop", 2).addTransition(1, 1).finishChoice();
        b.startChoice(2, "loop", 6).addTransition(2, 1).finishChoice();
        b.startChoice(4, "next", 1).addTransition(5, 1).finishChoice();
        b.startChoice(5, "next", 1).addTransition(4, 1).finishChoice();
        b.startChoice(5, "leave", 0).addTransition(2, 1).finishChoice();
        return b.build();
    }

    @Test
    void multichainGainsDifferPerState() {
        Mdp mdp = multichain();
        double[] maxGain = {3, 2, 6, 0, 6, 6};
        double[] minGain = {2, 2, 6, 0, 1, 1};
        for (String method : METHODS) {
            AverageResult max = AverageReward.solve(mdp, null, Objective.MAXIMIZE, TIGHT, method);
            AverageResult min = AverageReward.solve(mdp, null, Objective.MINIMIZE, TIGHT, method);
            assertEquals(Status.CONVERGED, max.status());
            assertTrue(!max.isConstant());
            for (int s = 0; s < 6; s++) {
                assertBracket(maxGain[s], max, s, method + " max");
                assertBracket(minGain[s], min, s, method + " min");
            }
            assertEquals("right", mdp.actionLabel(max.policy()[0]));
            assertEquals("leave", mdp.actionLabel(max.policy()[5]));
            assertEquals("next", mdp.actionLabel(max.policy()[4]), "walks to the exit");
            assertEquals("left", mdp.actionLabel(min.policy()[0]));
            assertEquals("next", mdp.actionLabel(min.policy()[5]));
            assertEquals(-1, max.policy()[3]);
        }
    }

    @Test
    void tinyRandomModelsMatchBruteForceOverAllPolicies() {
        int checked = 0;
        for (long seed = 1; seed <= 60; seed++) {
            Objective dir = seed % 2 == 0 ? Objective.MAXIMIZE : Objective.MINIMIZE;
            // sparse branching and some terminal states: many of these are multichain
            Mdp mdp = RandomMdps.random(seed, 5, 3, 2, 1.0, dir, seed % 3 == 0 ? 0.2 : 0.0);
            double[] want = GainOracle.optimalGain(mdp, dir);
            for (String method : METHODS) {
                AverageResult r = AverageReward.solve(mdp, null, dir, TIGHT, method);
                assertEquals(Status.CONVERGED, r.status(), "seed " + seed + " " + method);
                for (int s = 0; s < mdp.numStates(); s++) {
                    assertTrue(r.gainLower()[s] <= want[s] + 1e-10 && want[s] - 1e-10 <= r.gainUpper()[s],
                            "seed " + seed + " " + method + " state " + s + ": " + want[s] + " outside ["
                                    + r.gainLower()[s] + ", " + r.gainUpper()[s] + "]");
                    assertTrue(r.gainUpper()[s] - r.gainLower()[s] <= 2e-9 + 1e-12 * Math.abs(want[s]),
                            "seed " + seed + " " + method + " width " + (r.gainUpper()[s] - r.gainLower()[s]));
                }
                // the policy attains the optimal gain (its own gain, from the oracle's limiting matrix)
                double[] own = GainOracle.policyGain(mdp, r.policy());
                for (int s = 0; s < mdp.numStates(); s++) {
                    assertEquals(want[s], own[s], 1e-7, "seed " + seed + " " + method + " policy gain, state " + s);
                }
            }
            checked++;
        }
        assertEquals(60, checked);
    }

    @Test
    void rviAndPolicyIterationAgreeOnRandomModels() {
        for (long seed = 1; seed <= 8; seed++) {
            Objective dir = seed % 2 == 0 ? Objective.MAXIMIZE : Objective.MINIMIZE;
            Mdp mdp = RandomMdps.random(100 + seed, 300, 4, seed % 4 == 0 ? 2 : 6, 1.0, dir, seed % 3 == 0 ? 0.05 : 0.0);
            AverageResult rvi = AverageReward.solve(mdp, null, dir, SolverOptions.builder().epsilon(1e-8).build(),
                    AverageReward.RVI);
            AverageResult pi = AverageReward.solve(mdp, null, dir, SolverOptions.builder().epsilon(1e-8).build(),
                    AverageReward.PI);
            for (int s = 0; s < mdp.numStates(); s++) {
                // certified brackets of the same number must overlap
                assertTrue(rvi.gainLower()[s] <= pi.gainUpper()[s] && pi.gainLower()[s] <= rvi.gainUpper()[s],
                        "seed " + seed + " state " + s);
                assertEquals(rvi.gain()[s], pi.gain()[s], 2e-8);
            }
        }
    }

    @Test
    void badInputIsRefused() {
        Mdp mdp = multichain();
        assertThrows(IllegalArgumentException.class,
                () -> AverageReward.solve(mdp, new double[2], Objective.MAXIMIZE, TIGHT));
        assertThrows(IllegalArgumentException.class,
                () -> AverageReward.solve(mdp, null, Objective.MAXIMIZE, TIGHT, "vi"));
    }

    @Test
    void aLimitStillReportsATrueBracket() {
        Mdp mdp = RandomMdps.random(7, 200, 3, 4, 1.0, Objective.MAXIMIZE);
        AverageResult exact = AverageReward.solve(mdp, null, Objective.MAXIMIZE, TIGHT);
        AverageResult cut = AverageReward.solve(mdp, null, Objective.MAXIMIZE,
                SolverOptions.builder().epsilon(1e-12).maxIterations(3).build());
        assertEquals(Status.MAX_ITERATIONS, cut.status());
        for (int s = 0; s < mdp.numStates(); s++) {
            assertTrue(cut.gainLower()[s] <= exact.gainUpper()[s] && exact.gainLower()[s] <= cut.gainUpper()[s]);
        }
    }

    @Test
    void aStoppedWholeModelRunBracketsEveryStatesGainEvenInAMultichainModel() {
        // three sweeps cannot close the bracket of a model whose gains range over 0..6, but it must hold
        Mdp mdp = multichain();
        double[] maxGain = {3, 2, 6, 0, 6, 6};
        AverageResult r = AverageReward.solve(mdp, null, Objective.MAXIMIZE,
                SolverOptions.builder().maxIterations(3).build());
        assertEquals(Status.MAX_ITERATIONS, r.status());
        assertTrue(!r.isConstant());
        for (int s = 0; s < 6; s++) {
            assertTrue(r.gainLower()[s] <= maxGain[s] && maxGain[s] <= r.gainUpper()[s], "state " + s);
        }
    }

    @Test
    void manyEndComponents() {
        // 3000 end components: absorbing states i = 1..3000 whose self-loop earns i mod 7 (their gain);
        // state 0 chooses "spread" (uniformly to one of them: gain = the mean of i mod 7) or "pick"
        // (straight to state 3000: gain 3000 mod 7 = 4). Max and min at 0: the larger and smaller of the two.
        int m = 3000;
        MdpBuilder b = new MdpBuilder(m + 1).discount(1.0).objective(Objective.MAXIMIZE);
        b.startChoice(0, "spread", 0);
        for (int i = 1; i <= m; i++) {
            b.addTransition(i, 1.0 / m);
        }
        b.finishChoice();
        b.startChoice(0, "pick", 0).addTransition(m, 1).finishChoice();
        for (int i = 1; i <= m; i++) {
            b.startChoice(i, "loop", i % 7).addTransition(i, 1).finishChoice();
        }
        Mdp mdp = b.build();
        double mean = 0;
        for (int i = 1; i <= m; i++) {
            mean += (i % 7) / (double) m;
        }
        for (String method : METHODS) {
            AverageResult min = AverageReward.solve(mdp, null, Objective.MINIMIZE, TIGHT, method);
            assertEquals(m, min.endComponents(), method);
            assertBracket(Math.min(mean, m % 7), min, 0, method);
            for (int i = 1; i <= m; i += 97) {
                assertBracket(i % 7, min, i, method);
            }
            AverageResult max = AverageReward.solve(mdp, null, Objective.MAXIMIZE, TIGHT, method);
            assertBracket(Math.max(mean, m % 7), max, 0, method);
        }
    }
}
