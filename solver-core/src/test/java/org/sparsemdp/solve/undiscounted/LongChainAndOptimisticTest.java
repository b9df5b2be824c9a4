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
import org.sparsemdp.result.Status;
import org.sparsemdp.result.Solution;
import org.sparsemdp.solve.SolverOptions;

/**
 * Rmax/Rmin on long chains of self-loops (huge expected times) against their closed form, and
 * optimistic value iteration against interval iteration and hand-derived values.
 */
class LongChainAndOptimisticTest {

    /**
     * States 0..n−1 and the target n; every state has "go" (to the next state with p, else stay)
     * and "slow" (next with p/2), reward 1 each step. Expected steps to the target from i:
     * Rmin = (n − i)/p, Rmax = 2(n − i)/p (a sum of geometric waiting times).
     */
    private static Mdp chain(int n, double p, boolean backEdges) {
        MdpBuilder b = new MdpBuilder(n + 1).discount(1.0).objective(Objective.MAXIMIZE);
        for (int i = 0; i < n; i++) {
            b.addChoice(i, "go", 1.0, new int[] {i, i + 1}, new double[] {1 - p, p});
            b.addChoice(i, "slow", 1.0, new int[] {i, i + 1}, new double[] {1 - p / 2, p / 2});
            if (backEdges && i > 0 && i % 10 == 5) {
                // half back, half forward (two-state components): worth 1 + R(i) under Rmin's values,
                // so never optimal for min; taken for max
                b.addChoice(i, "back", 1.0, new int[] {i - 1, i + 1}, new double[] {0.5, 0.5});
            }
        }
        b.addChoice(n, "loop", 0.0, new int[] {n}, new double[] {1.0});
        return b.build();
    }

    @Test
    void longChainIsSolvedInOnePassByDefaultAndTopologically() {
        int n = 20_000;
        double p = 0.01;
        Mdp mdp = chain(n, p, false);
        BitSet target = new BitSet();
        target.set(n);
        for (Objective o : Objective.values()) {
            for (IterationOrder order : new IterationOrder[] {IterationOrder.GLOBAL, IterationOrder.TOPOLOGICAL}) {
                // Global sweeps would need about the expected time (4e6 steps) in sweeps for the
                // a-priori bound alone; one pass over the self-loop components needs none.
                Solution s = Reachability.reward(mdp, mdp.rewardArray(), target, o,
                        SolverOptions.builder().epsilon(1e-8).maxIterations(10).build(), true, order);
                assertEquals(Status.CONVERGED, s.status(), order + " " + o);
                assertEquals(Accuracy.CERTIFIED, s.accuracy());
                assertEquals(0, s.iterations(), "one pass, no sweeps");
                for (int i = 0; i < n; i += 997) {
                    double exact = (o == Objective.MAXIMIZE ? 2.0 : 1.0) * (n - i) / p;
                    double slack = 1e-12 * exact; // the closed form itself in double
                    assertTrue(s.lower()[i] <= exact + slack && exact <= s.upper()[i] + slack,
                            o + " state " + i + ": " + exact + " outside [" + s.lower()[i] + ", " + s.upper()[i] + "]");
                    assertTrue(s.upper()[i] - s.lower()[i] <= 1e-8 * s.lower()[i]);
                }
            }
        }
    }

    @Test
    void chainWithBackEdgesUsesPerComponentUpperBounds() {
        int n = 400;
        double p = 0.05;
        Mdp mdp = chain(n, p, true);
        BitSet target = new BitSet();
        target.set(n);
        for (Objective o : Objective.values()) {
            for (IterationOrder order : IterationOrder.values()) {
                Solution s = Reachability.reward(mdp, mdp.rewardArray(), target, o,
                        SolverOptions.builder().epsilon(1e-9).maxIterations(1_000_000).build(), true, order);
                assertEquals(Status.CONVERGED, s.status(), order + " " + o);
                if (o == Objective.MINIMIZE) {
                    for (int i = 0; i < n; i++) {
                        double exact = (n - i) / p;
                        double slack = 1e-12 * exact;
                        assertTrue(s.lower()[i] <= exact + slack && exact <= s.upper()[i] + slack,
                                order + " state " + i + ": " + exact + " outside [" + s.lower()[i] + ", "
                                        + s.upper()[i] + "]");
                    }
                } else {
                    // max: at least the value 2n/p of always taking "slow"
                    assertTrue(s.lower()[0] >= 2.0 * n / p * (1 - 1e-9), order + " " + s.lower()[0]);
                }
            }
        }
    }

    /** OVI's and ii's certified intervals intersect on stop-embedded Garnets and both meet ε. */
    @Test
    void optimisticAgreesWithIntervalIterationOnGarnets() {
        for (long seed = 1; seed <= 4; seed++) {
            LoadedModel m = StopEmbedding.embed(GarnetGenerator.generate(300, 3, 4, seed % 2 == 0 ? 0.95 : 0.9, seed));
            Mdp mdp = m.mdp();
            BitSet stop = m.label(StopEmbedding.STOP);
            for (Objective o : Objective.values()) {
                for (boolean relative : new boolean[] {false, true}) {
                    SolverOptions opt = SolverOptions.builder().epsilon(1e-7).build();
                    Solution ii = Reachability.reward(mdp, mdp.rewardArray(), stop, o, opt, relative);
                    Solution ovi = Reachability.reward(mdp, mdp.rewardArray(), stop, o, opt, relative,
                            IterationOrder.OPTIMISTIC);
                    assertEquals(Status.CONVERGED, ovi.status());
                    assertEquals(Accuracy.CERTIFIED, ovi.accuracy());
                    for (int s = 0; s < mdp.numStates(); s++) {
                        assertTrue(ovi.lower()[s] <= ii.upper()[s] && ii.lower()[s] <= ovi.upper()[s], "state " + s);
                        double allowed = relative ? 1e-7 * ovi.lower()[s] : 1e-7;
                        assertTrue(ovi.upper()[s] - ovi.lower()[s] <= allowed, "gap at " + s);
                    }
                }
            }
        }
    }

    /**
     * A guess below the fixed point is never certified: two states with values 10 and 20 whose
     * lower vector stalls (change below ε_vi long before the gap is small) make the first guesses
     * fail; the result must still contain the exact values.
     */
    @Test
    void optimisticNeverCertifiesAWrongGuess() {
        // 0: reward 1, stay 0.9 else target -> 10; 1: reward 2, stay 0.9 -> 20
        MdpBuilder b = new MdpBuilder(3).discount(1.0).objective(Objective.MAXIMIZE);
        b.addChoice(0, "a", 1.0, new int[] {0, 2}, new double[] {0.9, 0.1});
        b.addChoice(1, "a", 2.0, new int[] {1, 2}, new double[] {0.9, 0.1});
        b.addChoice(2, "a", 0.0, new int[] {2}, new double[] {1.0});
        Mdp mdp = b.build();
        BitSet target = new BitSet();
        target.set(2);
        for (double eps : new double[] {1e-2, 1e-6, 1e-12}) {
            Solution s = Reachability.reward(mdp, mdp.rewardArray(), target, Objective.MAXIMIZE,
                    SolverOptions.builder().epsilon(eps).build(), false, IterationOrder.OPTIMISTIC);
            assertEquals(Status.CONVERGED, s.status());
            assertTrue(s.lower()[0] <= 10 && 10 <= s.upper()[0], s.lower()[0] + " " + s.upper()[0]);
            assertTrue(s.lower()[1] <= 20 && 20 <= s.upper()[1], s.lower()[1] + " " + s.upper()[1]);
            assertTrue(s.upper()[1] - s.lower()[1] <= eps);
        }
    }
    /**
     * A 1000-state walk (step: on 0.6, back 0.4; hop: on 0.99, to 0 with 0.01) whose Rmin near
     * 4841 at absolute ε = 1e-6 no optimistic guess can certify under outward rounding: the run
     * must fall back to interval iteration and still converge, agreeing with ii.
     */
    @Test
    void optimisticFallsBackWhereNoGuessCanBeCertified() {
        int n = 1000;
        MdpBuilder b = new MdpBuilder(n + 1).discount(1.0).objective(Objective.MINIMIZE);
        b.addChoice(0, "step", 1, new int[] {1}, new double[] {1});
        for (int s = 1; s < n; s++) {
            b.addChoice(s, "step", 1, new int[] {s + 1, s - 1}, new double[] {0.6, 0.4});
            b.addChoice(s, "hop", 2, new int[] {s + 1, 0}, new double[] {0.99, 0.01});
        }
        Mdp mdp = b.build();
        BitSet target = new BitSet();
        target.set(n);
        SolverOptions opt = SolverOptions.builder().epsilon(1e-6).maxIterations(1_000_000).build();
        Solution ii = Reachability.reward(mdp, mdp.rewardArray(), target, Objective.MINIMIZE, opt, false);
        Solution ovi = Reachability.reward(mdp, mdp.rewardArray(), target, Objective.MINIMIZE, opt, false,
                IterationOrder.OPTIMISTIC);
        assertEquals(Status.CONVERGED, ii.status());
        assertEquals(Status.CONVERGED, ovi.status());
        for (int s = 0; s < n; s++) {
            assertTrue(ovi.lower()[s] <= ii.upper()[s] && ii.lower()[s] <= ovi.upper()[s], "state " + s);
            assertTrue(ovi.upper()[s] - ovi.lower()[s] <= 1e-6);
        }
    }
}
