package org.sparsemdp.solve.horizon;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.util.BitSet;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.sparsemdp.model.InvalidModelException;
import org.sparsemdp.model.Mdp;
import org.sparsemdp.model.MdpBuilder;
import org.sparsemdp.model.Objective;
import org.sparsemdp.result.Status;
import org.sparsemdp.solve.RunLimits;
import org.sparsemdp.solve.SolverOptions;
import org.sparsemdp.testing.RandomMdps;
import org.sparsemdp.testing.SeedModels;

class BackwardInductionTest {
    private static final BigDecimal BETA = new BigDecimal("0.8");
    private static final BigDecimal HALF = new BigDecimal("0.5");

    /**
     * The inventory lab (shared/seeds/inventory-lab.md) by exact decimal backward induction written
     * from the lab's description: cost (x &gt; 0 ? 4 : 0) + x + s, next inventory s + x − 1 or
     * s + x − 2 with probability 1/2 each, 2 ≤ s + x ≤ 4, β = 0.8, minimise.
     */
    private static BigDecimal[][] inventoryExact(int steps) {
        BigDecimal[][] v = new BigDecimal[steps + 1][4];
        java.util.Arrays.fill(v[0], BigDecimal.ZERO);
        for (int k = 1; k <= steps; k++) {
            for (int s = 0; s <= 3; s++) {
                BigDecimal best = null;
                for (int x = Math.max(0, 2 - s); s + x <= 4; x++) {
                    BigDecimal q = inventoryQ(v[k - 1], s, x);
                    if (best == null || q.compareTo(best) < 0) {
                        best = q;
                    }
                }
                v[k][s] = best;
            }
        }
        return v;
    }

    private static BigDecimal inventoryQ(BigDecimal[] v, int s, int x) {
        BigDecimal cost = BigDecimal.valueOf((x > 0 ? 4 : 0) + x + s);
        BigDecimal expected = HALF.multiply(v[s + x - 1]).add(HALF.multiply(v[s + x - 2]));
        return cost.add(BETA.multiply(expected));
    }

    @Test
    void inventoryLabAtSeveralHorizonsMatchesExactBackwardInduction() {
        Mdp mdp = SeedModels.inventory();
        int maxSteps = 40;
        BigDecimal[][] exact = inventoryExact(maxSteps);
        for (int steps : new int[] {0, 1, 2, 3, 5, 10, 25, 40}) {
            HorizonResult r = BackwardInduction.run(mdp, steps, true, SolverOptions.defaults());
            assertEquals(Status.CONVERGED, r.status());
            assertEquals(steps, r.steps());
            for (int s = 0; s <= 3; s++) {
                double want = exact[steps][s].doubleValue();
                assertEquals(want, r.values()[s], 1e-12 * Math.max(1, want), "steps " + steps + " state " + s);
                for (int k = 1; k <= steps; k++) {
                    // the kept choice with k steps to go attains the exact optimum of that step
                    int x = Integer.parseInt(mdp.actionLabel(r.choice(k, s)));
                    BigDecimal q = inventoryQ(exact[k - 1], s, x);
                    assertEquals(exact[k][s].doubleValue(), q.doubleValue(), 1e-12 * q.doubleValue(),
                            "step " + k + " state " + s + " action " + x);
                }
            }
        }
    }

    @Test
    void inventoryLabFirstStepsByHand() {
        // 1 step: min over x of the immediate cost: s=0 → x=2: 6; s=1 → x=1: 6; s=2 → x=0: 2; s=3 → x=0: 3.
        HorizonResult r = BackwardInduction.run(SeedModels.inventory(), 1, true, SolverOptions.defaults());
        assertEquals(6.0, r.values()[0]);
        assertEquals(6.0, r.values()[1]);
        assertEquals(2.0, r.values()[2]);
        assertEquals(3.0, r.values()[3]);
        assertEquals("0", SeedModels.inventory().actionLabel(r.choice(1, 3)));
    }

    @Test
    void longHorizonApproachesTheLabsInfiniteHorizonValues() {
        HorizonResult r = BackwardInduction.run(SeedModels.inventory(), 200, false, SolverOptions.defaults());
        for (int s = 0; s < 4; s++) {
            // |v_N − v*| ≤ β^N ‖v*‖ ≈ 4e-18 · 27
            assertEquals(SeedModels.INVENTORY_OPTIMAL[s], r.values()[s], 1e-10);
        }
        assertFalse(r.hasPolicy());
        assertThrows(IllegalStateException.class, () -> r.choice(1, 0));
    }

    @Test
    void stepBoundedReachabilityOfAGeometricTrialHasClosedForm() {
        // state 0: "try" reaches target 1 w.p. p, stays w.p. 1-p; "wait" stays. Pmax(F<=k target) = 1-(1-p)^k, Pmin = 0.
        double p = 0.3;
        MdpBuilder b = new MdpBuilder(2).discount(1.0).objective(Objective.MAXIMIZE);
        b.startChoice(0, "try", 0).addTransition(0, 1 - p).addTransition(1, p).finishChoice();
        b.startChoice(0, "wait", 0).addTransition(0, 1).finishChoice();
        b.startChoice(1, "stay", 0).addTransition(1, 1).finishChoice();
        Mdp mdp = b.build();
        BitSet target = new BitSet();
        target.set(1);
        double[] initial = {0, 1};
        for (int k : new int[] {1, 2, 7, 30}) {
            HorizonResult max = BackwardInduction.run(mdp, null, initial, target, 1.0, Objective.MAXIMIZE, k, true, null);
            assertEquals(1 - Math.pow(1 - p, k), max.values()[0], 1e-14);
            assertEquals(1.0, max.values()[1]);
            assertEquals(-1, max.choice(k, 1), "frozen states choose nothing");
            assertEquals(0, max.choice(k, 0), "try is optimal");
            HorizonResult min = BackwardInduction.run(mdp, null, initial, target, 1.0, Objective.MINIMIZE, k, true, null);
            assertEquals(0.0, min.values()[0]);
            assertEquals(1, min.choice(k, 0), "wait is optimal");
        }
    }

    @Test
    void randomModelsMatchADenseBackwardInduction() {
        for (long seed = 1; seed <= 12; seed++) {
            Objective dir = seed % 2 == 0 ? Objective.MAXIMIZE : Objective.MINIMIZE;
            Mdp mdp = RandomMdps.random(seed, 25, 4, 6, 0.95, dir, 0.1);
            SplittableRandom rnd = new SplittableRandom(seed);
            int n = mdp.numStates();
            double[] initial = new double[n];
            BitSet frozen = new BitSet();
            for (int s = 0; s < n; s++) {
                initial[s] = rnd.nextDouble() * 5;
                if (rnd.nextDouble() < 0.15) {
                    frozen.set(s);
                }
            }
            double[] reward = new double[mdp.numChoices()];
            for (int c = 0; c < reward.length; c++) {
                reward[c] = rnd.nextDouble() - 0.5;
            }
            double gamma = seed % 3 == 0 ? 1.0 : 0.9;
            int steps = 17;
            double[] want = denseBackwardInduction(mdp, reward, initial, frozen, gamma, dir, steps);
            HorizonResult r = BackwardInduction.run(mdp, reward, initial, frozen, gamma, dir, steps, true, null);
            for (int s = 0; s < n; s++) {
                assertEquals(want[s], r.values()[s], 1e-11, "seed " + seed + " state " + s);
            }
        }
    }

    /** A dense matrix P[c][s'] and straightforward loops, independent of the CSR sweep. */
    private static double[] denseBackwardInduction(Mdp mdp, double[] reward, double[] initial, BitSet frozen,
                                                   double gamma, Objective dir, int steps) {
        int n = mdp.numStates();
        double[][] p = new double[mdp.numChoices()][n];
        for (int c = 0; c < mdp.numChoices(); c++) {
            for (int k = mdp.transitionStart(c); k < mdp.transitionEnd(c); k++) {
                p[c][mdp.successor(k)] += mdp.probability(k);
            }
        }
        double[] v = initial.clone();
        for (int k = 0; k < steps; k++) {
            double[] w = new double[n];
            for (int s = 0; s < n; s++) {
                if (frozen.get(s)) {
                    w[s] = initial[s];
                    continue;
                }
                if (mdp.isTerminal(s)) {
                    w[s] = 0;
                    continue;
                }
                double best = dir == Objective.MAXIMIZE ? -Double.MAX_VALUE : Double.MAX_VALUE;
                for (int c = mdp.choiceStart(s); c < mdp.choiceEnd(s); c++) {
                    double q = reward[c];
                    for (int t = 0; t < n; t++) {
                        q += gamma * p[c][t] * v[t];
                    }
                    best = dir == Objective.MAXIMIZE ? Math.max(best, q) : Math.min(best, q);
                }
                w[s] = best;
            }
            v = w;
        }
        return v;
    }

    @Test
    void statesWithMoreThan255ChoicesKeepTheirPolicy() {
        // state 0 has 300 choices, choice i rewards i and moves to the absorbing state 1; the best is the last.
        MdpBuilder b = new MdpBuilder(2).discount(1.0).objective(Objective.MAXIMIZE);
        for (int i = 0; i < 300; i++) {
            b.startChoice(0, "a" + i, i).addTransition(1, 1).finishChoice();
        }
        b.startChoice(1, "stay", 0).addTransition(1, 1).finishChoice();
        Mdp mdp = b.build();
        HorizonResult r = BackwardInduction.run(mdp, 3, true, SolverOptions.defaults());
        assertEquals(299.0, r.values()[0]);
        assertEquals("a299", mdp.actionLabel(r.choice(3, 0)));
        assertEquals(mdp.choiceStart(1), r.choice(2, 1));
    }

    @Test
    void limitsStopTheRunAndSayWhy() {
        RunLimits limits = RunLimits.of(SolverOptions.builder().maxIterations(3).build());
        Mdp mdp = SeedModels.inventory();
        HorizonResult r = BackwardInduction.run(mdp, mdp.rewardArray(), new double[4], null, 0.8,
                Objective.MINIMIZE, 10, false, limits);
        assertEquals(Status.MAX_ITERATIONS, r.status());
        assertEquals(3, r.steps());
        BigDecimal[][] exact = inventoryExact(3);
        assertEquals(exact[3][0].doubleValue(), r.values()[0], 1e-12);
        // exactly as many steps as the cap: all steps ran, converged
        assertEquals(Status.CONVERGED, BackwardInduction.run(mdp, mdp.rewardArray(), new double[4], null, 0.8,
                Objective.MINIMIZE, 3, false, RunLimits.of(SolverOptions.builder().maxIterations(3).build())).status());
    }

    @Test
    void badArgumentsAreRefusedClearly() {
        Mdp mdp = SeedModels.inventory();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> BackwardInduction.run(mdp, new double[2], new double[4], null, 1, Objective.MINIMIZE, 3, false, null));
        assertTrue(e.getMessage().contains("choiceReward"), e.getMessage());
        assertThrows(IllegalArgumentException.class,
                () -> BackwardInduction.run(mdp, null, new double[4], null, 1, Objective.MINIMIZE, -1, false, null));
        assertThrows(IllegalArgumentException.class,
                () -> BackwardInduction.run(mdp, null, new double[3], null, 1, Objective.MINIMIZE, 1, false, null));
        InvalidModelException big = assertThrows(InvalidModelException.class,
                () -> BackwardInduction.run(mdp, null, new double[4], null, 1, Objective.MINIMIZE, Integer.MAX_VALUE, true, null));
        assertTrue(big.getMessage().contains("policy"), big.getMessage());
    }

    @Test
    void observerSeesEveryStepAsARunOfThatLengthWouldReturnIt() {
        Mdp mdp = RandomMdps.random(5, 30, 3, 4, 0.9, Objective.MAXIMIZE, 0.1);
        int steps = 9;
        double[][] seen = new double[steps + 1][];
        int[][] chosen = new int[steps + 1][];
        HorizonResult all = BackwardInduction.run(mdp, mdp.rewardArray(), new double[30], null, 0.9,
                Objective.MAXIMIZE, steps, true, null, (k, v, choices) -> {
                    seen[k] = v.clone();
                    chosen[k] = choices.clone();
                });
        for (int k = 1; k <= steps; k++) {
            HorizonResult r = BackwardInduction.run(mdp, k, false, SolverOptions.defaults());
            for (int s = 0; s < 30; s++) {
                assertEquals(r.values()[s], seen[k][s], 0.0, "step " + k);
                assertEquals(all.choice(k, s), chosen[k][s], "step " + k);
            }
        }
    }
}
