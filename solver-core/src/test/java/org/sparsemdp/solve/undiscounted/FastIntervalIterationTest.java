package org.sparsemdp.solve.undiscounted;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.math.MathContext;
import java.time.Duration;
import java.util.BitSet;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.sparsemdp.generate.GarnetGenerator;
import org.sparsemdp.generate.StopEmbedding;
import org.sparsemdp.io.LoadedModel;
import org.sparsemdp.model.Mdp;
import org.sparsemdp.model.MdpBuilder;
import org.sparsemdp.model.Objective;
import org.sparsemdp.result.Accuracy;
import org.sparsemdp.result.Status;
import org.sparsemdp.result.Solution;
import org.sparsemdp.solve.SolverOptions;

/**
 * The fast undiscounted kernels (exit-rate bounds with Jacobi steps for uniform exit rates, fused
 * outward-rounded interval iteration otherwise, value-0 states fixed by graph search) against
 * independent answers: exhaustive policy enumeration with exact Gaussian elimination
 * ({@link ReachabilityOracleTest.Oracle}), a plain discounted value iteration written here, and a
 * one-state chain solved in {@link BigDecimal}.
 */
class FastIntervalIterationTest {

    /** Plain Jacobi value iteration of the discounted model, 5000 steps (γ ≤ 0.9: error below 1e-200). */
    private static double[] discountedReference(Mdp mdp, boolean max) {
        int n = mdp.numStates();
        double[] v = new double[n];
        double g = mdp.discount();
        for (int it = 0; it < 5000; it++) {
            double[] next = new double[n];
            for (int s = 0; s < n; s++) {
                double best = max ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY;
                for (int c = mdp.choiceStart(s); c < mdp.choiceEnd(s); c++) {
                    double q = mdp.reward(c);
                    for (int k = mdp.transitionStart(c); k < mdp.transitionEnd(c); k++) {
                        q += g * mdp.probability(k) * v[mdp.successor(k)];
                    }
                    best = max ? Math.max(best, q) : Math.min(best, q);
                }
                next[s] = best;
            }
            v = next;
        }
        return v;
    }

    @Test
    void stopEmbeddedGarnetMatchesTheDiscountedValuesAndUsesExitRateBounds() {
        for (long seed = 1; seed <= 6; seed++) {
            Mdp discounted = GarnetGenerator.generate(40, 3, 3, seed % 2 == 0 ? 0.9 : 0.8, seed);
            LoadedModel embedded = StopEmbedding.embed(discounted);
            BitSet stop = embedded.label(StopEmbedding.STOP);
            for (Objective o : Objective.values()) {
                double[] ref = discountedReference(discounted, o == Objective.MAXIMIZE);
                for (boolean relative : new boolean[] {false, true}) {
                    double eps = 1e-7;
                    Solution s = Reachability.reward(embedded.mdp(), embedded.mdp().rewardArray(), stop, o,
                            SolverOptions.builder().epsilon(eps).build(), relative);
                    assertEquals(Status.CONVERGED, s.status());
                    assertEquals(Accuracy.CERTIFIED, s.accuracy());
                    // Exit-rate bounds converge with the mixing of the chain: far fewer steps than
                    // interval iteration's ~ln(1/eps)/(1 - gamma) = 160 (gamma 0.9) sweeps.
                    assertTrue(s.iterations() < 60, "iterations " + s.iterations());
                    for (int st = 0; st < ref.length; st++) {
                        double slack = 1e-12 * Math.max(1, ref[st]);
                        assertTrue(s.lower()[st] <= ref[st] + slack && ref[st] <= s.upper()[st] + slack,
                                "state " + st + ": " + ref[st] + " outside [" + s.lower()[st] + ", " + s.upper()[st] + "]");
                        double allowed = relative ? eps * s.lower()[st] : eps;
                        assertTrue(s.upper()[st] - s.lower()[st] <= allowed, "gap at " + st);
                        assertTrue(Math.abs(s.value(st) - ref[st]) <= s.errorBound() + slack);
                    }
                    assertEquals(0.0, s.value(discounted.numStates()));
                }
            }
        }
    }

    /** Random tiny models with a stop probability, some zero rewards, against exact policy enumeration. */
    @Test
    void exitRatePathAgreesWithTheExactOracle() {
        Random rnd = new Random(2112);
        int checked = 0;
        for (int round = 0; round < 120; round++) {
            int n = 2 + rnd.nextInt(4);
            double gamma = 0.5 + 0.45 * rnd.nextDouble();
            MdpBuilder b = new MdpBuilder(n).discount(gamma).objective(Objective.MAXIMIZE);
            for (int s = 0; s < n; s++) {
                int actions = 1 + rnd.nextInt(2);
                for (int a = 0; a < actions; a++) {
                    int t1 = rnd.nextInt(n);
                    int t2 = rnd.nextInt(n);
                    double p = rnd.nextDouble();
                    double r = rnd.nextInt(3) == 0 ? 0.0 : rnd.nextDouble() * 10;
                    if (t1 == t2) {
                        b.addChoice(s, "a" + a, r, new int[] {t1}, new double[] {1.0});
                    } else {
                        b.addChoice(s, "a" + a, r, new int[] {t1, t2}, new double[] {p, 1 - p});
                    }
                }
            }
            LoadedModel m = StopEmbedding.embed(b.build());
            BitSet stop = m.label(StopEmbedding.STOP);
            for (Objective o : Objective.values()) {
                double[] exact = ReachabilityOracleTest.Oracle.optimum(m.mdp(), stop, o, true);
                Solution s = Reachability.reward(m.mdp(), m.mdp().rewardArray(), stop, o,
                        SolverOptions.builder().epsilon(1e-9).build(), true);
                for (int st = 0; st < exact.length; st++) {
                    final int fs = st;
                    double slack = 1e-12 * Math.max(1, Math.abs(exact[st]));
                    assertTrue(s.lower()[st] <= exact[st] + slack && exact[st] <= s.upper()[st] + slack,
                            () -> "round " + fs + " " + o + ": exact " + exact[fs] + " outside [" + s.lower()[fs] + ", "
                                    + s.upper()[fs] + "], iterations " + s.iterations() + " " + s.method());
                }
                checked += ReachabilityOracleTest.check(s, exact, 1e-8 * Math.max(1, max(exact)));
                ReachabilityOracleTest.checkPolicy(s,
                        ReachabilityOracleTest.Oracle.rewardOf(m.mdp(), stop, ReachabilityOracleTest.choices(m.mdp(), s)),
                        exact, 1e-8);
            }
        }
        assertTrue(checked > 400, "checked " + checked);
    }

    /**
     * A one-state chain: reward 1, stay with the double p = 0.999999 (else reach the target).
     * The exact value 1/(1 − p) of the stored double, computed in BigDecimal, must lie inside the
     * certified interval at a tight relative ε (1e-13), where rounding matters.
     */
    @Test
    void boundsHoldInFloatingPointAtTightEpsilon() {
        for (double p : new double[] {0.9, 0.999999, 0.1 + 0.2}) {
            MdpBuilder b = new MdpBuilder(2).discount(1.0).objective(Objective.MAXIMIZE);
            b.addChoice(0, "a", 1.0, new int[] {0, 1}, new double[] {p, 1 - p});
            Mdp mdp = b.build();
            BitSet target = new BitSet();
            target.set(1);
            // the model stores p and 1 - p as doubles; the reduced system stays with p
            BigDecimal exact = BigDecimal.ONE.divide(BigDecimal.ONE.subtract(new BigDecimal(mdp.probability(0))),
                    MathContext.DECIMAL128);
            for (IterationOrder order : IterationOrder.values()) {
                // Optimistic value iteration's lower vector converges like p^k (10^7 sweeps reach
                // only p^k = 5e-5 at p = 0.999999): a smaller cap, where its upper bound stays +inf.
                long cap = order == IterationOrder.OPTIMISTIC ? 100_000 : 10_000_000;
                Solution s = Reachability.reward(mdp, mdp.rewardArray(), target, Objective.MAXIMIZE,
                        SolverOptions.builder().epsilon(1e-13).maxIterations(cap).build(), true, order);
                assertTrue(new BigDecimal(s.lower()[0]).compareTo(exact) <= 0,
                        order + " p " + p + ": lower " + s.lower()[0] + " > " + exact);
                assertTrue(s.upper()[0] == Double.POSITIVE_INFINITY || new BigDecimal(s.upper()[0]).compareTo(exact) >= 0,
                        order + " p " + p + ": upper " + s.upper()[0] + " < " + exact + " iterations " + s.iterations());
            }
        }
    }

    /** States that cannot reach a positive reward have Rmax 0: fixed, so the relative rule converges. */
    @Test
    void zeroValuedStatesAreFixedAndTheRelativeRuleConverges() {
        // 0 -> 1 (reward 1) -> target 3; 2 loops to itself or reaches the target without reward.
        MdpBuilder b = new MdpBuilder(4).discount(1.0).objective(Objective.MAXIMIZE);
        b.addChoice(0, "a", 1.0, new int[] {0, 1}, new double[] {0.5, 0.5});
        b.addChoice(1, "a", 2.0, new int[] {3}, new double[] {1.0});
        b.addChoice(2, "a", 0.0, new int[] {2, 3}, new double[] {0.9, 0.1});
        b.addChoice(2, "b", 0.0, new int[] {3}, new double[] {1.0});
        Mdp mdp = b.build();
        BitSet target = new BitSet();
        target.set(3);
        for (Objective o : Objective.values()) {
            for (IterationOrder order : IterationOrder.values()) {
                Solution s = Reachability.reward(mdp, mdp.rewardArray(), target, o,
                        SolverOptions.builder().epsilon(1e-9).maxIterations(100_000).build(), true, order);
                assertEquals(Status.CONVERGED, s.status());
                assertEquals(0.0, s.lower()[2]);
                assertEquals(0.0, s.upper()[2]);
                // value of 0: 1 + 0.5 v(0) + 0.5 * 2 -> v(0) = 4
                assertTrue(s.lower()[0] <= 4 && 4 <= s.upper()[0]);
            }
        }
    }

    @Test
    void iterationCapIsNeverExceededAndBoundsStayValid() {
        LoadedModel m = StopEmbedding.embed(GarnetGenerator.generate(300, 3, 3, 0.99, 5));
        Mdp mdp = m.mdp();
        BitSet stop = m.label(StopEmbedding.STOP);
        Solution full = Reachability.reward(mdp, mdp.rewardArray(), stop, Objective.MAXIMIZE,
                SolverOptions.builder().epsilon(1e-10).build(), true);
        for (long cap : new long[] {1, 2, 3, 7}) {
            for (IterationOrder order : IterationOrder.values()) {
                Solution s = Reachability.reward(mdp, mdp.rewardArray(), stop, Objective.MAXIMIZE,
                        SolverOptions.builder().epsilon(1e-12).maxIterations(cap).build(), true, order);
                assertEquals(Status.MAX_ITERATIONS, s.status());
                assertTrue(s.iterations() <= cap, "iterations " + s.iterations() + " > cap " + cap);
                for (int st = 0; st < mdp.numStates(); st++) {
                    assertTrue(s.lower()[st] <= full.upper()[st] && full.lower()[st] <= s.upper()[st]);
                }
            }
        }
    }

    @Test
    void timeLimitStopsALongRunWithValidBounds() {
        // A long random walk (Rmin until the end of a 3000-state line): interval iteration needs
        // millions of sweeps; a 200 ms limit must stop it.
        int n = 3000;
        MdpBuilder b = new MdpBuilder(n).discount(1.0).objective(Objective.MINIMIZE);
        for (int s = 0; s < n - 1; s++) {
            b.addChoice(s, "w", 1.0, new int[] {Math.max(0, s - 1), s + 1}, new double[] {0.5, 0.5});
        }
        Mdp mdp = b.build();
        BitSet end = new BitSet();
        end.set(n - 1);
        long t0 = System.nanoTime();
        Solution s = Reachability.reward(mdp, mdp.rewardArray(), end, Objective.MINIMIZE,
                SolverOptions.builder().epsilon(1e-12).timeLimit(Duration.ofMillis(200)).build(), true);
        double seconds = (System.nanoTime() - t0) / 1e9;
        assertNotEquals(Status.CONVERGED, s.status());
        assertTrue(seconds < 10, "took " + seconds + " s"); // generous: the machine is shared
        for (int st = 0; st < n - 1; st++) {
            assertTrue(s.lower()[st] <= s.upper()[st]);
        }
    }

    @Test
    void overflowIsNeverConverged() {
        // Rewards 1e307 with stop probability 0.001: values about 1e310 overflow double.
        MdpBuilder b = new MdpBuilder(2).discount(0.999).objective(Objective.MAXIMIZE);
        b.addChoice(0, "a", 1e307, new int[] {1}, new double[] {1.0});
        b.addChoice(1, "a", 1e307, new int[] {0}, new double[] {1.0});
        Mdp discounted = b.build();
        LoadedModel m = StopEmbedding.embed(discounted);
        Solution s = Reachability.reward(m.mdp(), m.mdp().rewardArray(), m.label(StopEmbedding.STOP),
                Objective.MAXIMIZE, SolverOptions.builder().epsilon(1e-6).maxIterations(1000).build(), true);
        assertNotEquals(Status.CONVERGED, s.status());
    }

    private static double max(double[] v) {
        double m = 0;
        for (double x : v) {
            if (Double.isFinite(x)) {
                m = Math.max(m, x);
            }
        }
        return m;
    }
}
