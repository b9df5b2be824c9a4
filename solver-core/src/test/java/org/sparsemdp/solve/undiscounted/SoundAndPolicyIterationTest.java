package org.sparsemdp.solve.undiscounted;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.BitSet;
import org.junit.jupiter.api.Test;
import org.sparsemdp.generate.GarnetGenerator;
import org.sparsemdp.generate.StopEmbedding;
import org.sparsemdp.io.LoadedModel;
import org.sparsemdp.model.Mdp;
import org.sparsemdp.model.MdpBuilder;
import org.sparsemdp.model.Objective;
import org.sparsemdp.result.Accuracy;
import org.sparsemdp.result.Solution;
import org.sparsemdp.result.Status;
import org.sparsemdp.solve.SolverOptions;

/**
 * Sound value iteration ({@link IterationOrder#SOUND}) and SSP policy iteration
 * ({@link IterationOrder#POLICY}) against closed forms, against interval iteration, and on
 * choices that tie. The random-model oracle of {@link ReachabilityOracleTest} covers it too
 * (it runs every {@link IterationOrder}).
 */
class SoundAndPolicyIterationTest {
    /** The methods under test: sound value iteration and SSP policy iteration. */
    private static final IterationOrder[] ORDERS = {IterationOrder.SOUND, IterationOrder.POLICY};


    /**
     * States 0..n−1 and the target n: "go" moves on with p (else stays), "slow" with p/2, reward 1
     * each step, so Rmin(i) = (n − i)/p and Rmax(i) = 2(n − i)/p (sums of geometric waiting times).
     */
    private static Mdp chain(int n, double p) {
        MdpBuilder b = new MdpBuilder(n + 1).discount(1.0).objective(Objective.MAXIMIZE);
        for (int i = 0; i < n; i++) {
            b.addChoice(i, "go", 1.0, new int[] {i, i + 1}, new double[] {1 - p, p});
            b.addChoice(i, "slow", 1.0, new int[] {i, i + 1}, new double[] {1 - p / 2, p / 2});
        }
        return b.build();
    }

    @Test
    void chainMatchesClosedForm() {
        int n = 200;
        double p = 0.05;
        Mdp mdp = chain(n, p);
        BitSet target = new BitSet();
        target.set(n);
        for (IterationOrder order : ORDERS) {
            for (Objective o : Objective.values()) {
                for (boolean relative : new boolean[] {false, true}) {
                    // the outward rounding of each update adds up over the expected 8000 steps: about
                    // 1e-11 relative, so no tighter absolute target than 1e-6 at values up to 8000
                    double eps = relative ? 1e-9 : 1e-6;
                    Solution s = Reachability.reward(mdp, mdp.rewardArray(), target, o,
                            SolverOptions.builder().epsilon(eps).maxIterations(1_000_000).build(), relative, order);
                    assertEquals(Status.CONVERGED, s.status(), order + " " + o + " relative=" + relative);
                    assertEquals(Accuracy.CERTIFIED, s.accuracy());
                    assertTrue(s.method().startsWith(order == IterationOrder.SOUND ? "svi-r" : "ssp-pi-r"), s.method());
                    for (int i = 0; i <= n; i++) {
                        double exact = (o == Objective.MINIMIZE ? 1 : 2) * (n - i) / p;
                        assertTrue(s.lower()[i] <= exact && exact <= s.upper()[i],
                                "state " + i + ": [" + s.lower()[i] + ", " + s.upper()[i] + "] vs " + exact);
                        assertTrue(s.upper()[i] - s.lower()[i] <= (relative ? eps * s.lower()[i] : eps), "gap at " + i);
                    }
                }
            }
        }
    }

    /** Each method's and ii's certified intervals intersect on stop-embedded Garnets, each meets ε. */
    @Test
    void agreesWithIntervalIterationOnGarnets() {
        for (long seed = 1; seed <= 4; seed++) {
            LoadedModel m = StopEmbedding.embed(GarnetGenerator.generate(300, 3, 4, seed % 2 == 0 ? 0.95 : 0.9, seed));
            Mdp mdp = m.mdp();
            BitSet stop = m.label(StopEmbedding.STOP);
            for (Objective o : Objective.values()) {
                for (boolean relative : new boolean[] {false, true}) {
                    SolverOptions opt = SolverOptions.builder().epsilon(1e-7).build();
                    Solution ii = Reachability.reward(mdp, mdp.rewardArray(), stop, o, opt, relative);
                    for (IterationOrder order : ORDERS) {
                        Solution svi = Reachability.reward(mdp, mdp.rewardArray(), stop, o, opt, relative, order);
                        assertEquals(Status.CONVERGED, svi.status());
                        assertEquals(Accuracy.CERTIFIED, svi.accuracy());
                        for (int s = 0; s < mdp.numStates(); s++) {
                            assertTrue(svi.lower()[s] <= ii.upper()[s] && ii.lower()[s] <= svi.upper()[s],
                                    "state " + s);
                            double allowed = relative ? 1e-7 * svi.lower()[s] : 1e-7;
                            assertTrue(svi.upper()[s] - svi.lower()[s] <= allowed, "gap at " + s);
                        }
                    }
                }
            }
        }
    }

    /**
     * Two choices of equal value and different exit behaviour (reward 1 straight to the target, or
     * reward 1/2 and then 1/2 more through another state), and two identical choices: the value
     * is exactly 1 and 3 for max and min, and the pairs must still prove it.
     */
    @Test
    void tiedChoicesAreCertified() {
        MdpBuilder b = new MdpBuilder(5).discount(1.0);
        b.addChoice(0, "direct", 1.0, new int[] {4}, new double[] {1});
        b.addChoice(0, "detour", 0.5, new int[] {1}, new double[] {1});
        b.addChoice(1, "rest", 0.5, new int[] {4}, new double[] {1});
        // state 2: two identical choices, value 2 + 1 = 3 (via state 3 with value 1... reward 1 and stay 1/2)
        b.addChoice(2, "a", 2.0, new int[] {3}, new double[] {1});
        b.addChoice(2, "b", 2.0, new int[] {3}, new double[] {1});
        b.addChoice(3, "loop", 0.5, new int[] {3, 4}, new double[] {0.5, 0.5});
        Mdp mdp = b.build();
        BitSet target = new BitSet();
        target.set(4);
        double[] exact = {1, 0.5, 3, 1, 0};
        for (IterationOrder order : ORDERS) {
            for (Objective o : Objective.values()) {
                for (double eps : new double[] {1e-3, 1e-9, 1e-12}) {
                    Solution s = Reachability.reward(mdp, mdp.rewardArray(), target, o,
                            SolverOptions.builder().epsilon(eps).build(), false, order);
                    assertEquals(Status.CONVERGED, s.status());
                    for (int i = 0; i < exact.length; i++) {
                        assertTrue(s.lower()[i] <= exact[i] && exact[i] <= s.upper()[i],
                                o + " state " + i + ": [" + s.lower()[i] + ", " + s.upper()[i] + "]");
                        assertTrue(s.upper()[i] - s.lower()[i] <= eps);
                    }
                }
            }
        }
    }

    /**
     * Pmax and Pmin on a gambler's ruin with a lazy choice: from i in 1..n−1 "bet" moves up with q
     * and down with 1 − q, "safe" moves up or down with 1/2; 0 and n absorb. Reaching n: with
     * q &lt; 1/2 the fair walk is optimal for max (i/n) and the bet for min
     * ((r<sup>i</sup> − 1)/(r<sup>n</sup> − 1), r = (1 − q)/q), the classical ruin probabilities.
     */
    @Test
    void gamblersRuinMatchesClosedForm() {
        int n = 20;
        double q = 0.4;
        MdpBuilder b = new MdpBuilder(n + 1).discount(1.0);
        b.addChoice(0, "stay", 0.0, new int[] {0}, new double[] {1});
        b.addChoice(n, "stay", 0.0, new int[] {n}, new double[] {1});
        for (int i = 1; i < n; i++) {
            b.addChoice(i, "bet", 0.0, new int[] {i + 1, i - 1}, new double[] {q, 1 - q});
            b.addChoice(i, "safe", 0.0, new int[] {i + 1, i - 1}, new double[] {0.5, 0.5});
        }
        Mdp mdp = b.build();
        BitSet target = new BitSet();
        target.set(n);
        double r = (1 - q) / q;
        double eps = 1e-9;
        for (IterationOrder order : ORDERS) {
            for (Objective o : Objective.values()) {
                Solution s = Reachability.probability(mdp, target, o, SolverOptions.builder().epsilon(eps).build(),
                        false, order);
                assertEquals(Status.CONVERGED, s.status());
                for (int i = 0; i <= n; i++) {
                    double exact = o == Objective.MAXIMIZE ? (double) i / n
                            : (Math.pow(r, i) - 1) / (Math.pow(r, n) - 1);
                    assertTrue(s.lower()[i] <= exact + 1e-15 && exact <= s.upper()[i] + 1e-15,
                            o + " state " + i + ": [" + s.lower()[i] + ", " + s.upper()[i] + "] vs " + exact);
                    assertTrue(s.upper()[i] - s.lower()[i] <= eps);
                }
            }
        }
    }
}
