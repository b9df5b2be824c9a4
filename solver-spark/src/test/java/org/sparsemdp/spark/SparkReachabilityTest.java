package org.sparsemdp.spark;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.BitSet;
import java.util.List;
import java.util.Random;
import org.apache.spark.api.java.JavaSparkContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.sparsemdp.generate.SeededGarnetGenerator;
import org.sparsemdp.generate.StopEmbedding;
import org.sparsemdp.io.LabelExpression;
import org.sparsemdp.io.LoadedModel;
import org.sparsemdp.io.prism.PrismExplicitReader;
import org.sparsemdp.io.prism.PrismExplicitReader.RewardFiles;
import org.sparsemdp.model.Mdp;
import org.sparsemdp.model.MdpBuilder;
import org.sparsemdp.model.Objective;
import org.sparsemdp.result.Accuracy;
import org.sparsemdp.result.Solution;
import org.sparsemdp.result.Status;
import org.sparsemdp.solve.SolverOptions;
import org.sparsemdp.solve.ValueIterationSolver;
import org.sparsemdp.solve.undiscounted.EndComponents;
import org.sparsemdp.solve.undiscounted.GraphAnalysis;
import org.sparsemdp.solve.undiscounted.IterationOrder;
import org.sparsemdp.solve.undiscounted.Reachability;

/**
 * Undiscounted reachability on Spark (local mode) against the single-machine {@code ii}
 * ({@link Reachability}): on random models, for every objective, the states of known value
 * (0, 1, +∞) are the same, both runs converge to ε, and the two certified intervals intersect
 * in every state (both contain the true value). Where the maybe states of Pmax or Rmin contain
 * an end component (as the single-machine {@link EndComponents} (Tarjan) finds them), the
 * overloads without the driver's model refuse, and those with it merge them and agree likewise.
 * Also: a hand-built Pmax model whose end components must be merged, the stop-embedded Garnet
 * against the discounted {@code vi}, and Storm's published two-dice values.
 */
class SparkReachabilityTest {
    private static final double EPS = 1e-7;
    private static final SolverOptions OPTIONS = SolverOptions.builder().epsilon(EPS).build();
    private static JavaSparkContext sc;

    @BeforeAll
    static void start() {
        sc = LocalSpark.start("SparkReachabilityTest");
    }

    @AfterAll
    static void stop() {
        sc.stop();
    }

    /**
     * A random model: states with 0–3 choices (about one in eight terminal), 1–3 successors, rewards
     * 0 (one in three) or uniform in [0, 2), successors near the state in two of three cases (so
     * that paths cross the block boundaries in both directions), anywhere otherwise.
     */
    static Mdp randomModel(int n, long seed) {
        Random rnd = new Random(seed);
        MdpBuilder b = new MdpBuilder(n).objective(Objective.MAXIMIZE).discount(1.0);
        for (int s = 0; s < n; s++) {
            int choices = rnd.nextInt(8) == 0 ? 0 : 1 + rnd.nextInt(3);
            for (int a = 0; a < choices; a++) {
                int k = 1 + rnd.nextInt(3);
                int[] succ = new int[k];
                double[] prob = new double[k];
                double sum = 0;
                for (int i = 0; i < k; i++) {
                    succ[i] = rnd.nextInt(3) < 2 ? Math.floorMod(s + rnd.nextInt(7) - 3, n) : rnd.nextInt(n);
                    prob[i] = 1 + rnd.nextInt(4);
                    sum += prob[i];
                }
                for (int i = 0; i < k; i++) {
                    prob[i] /= sum;
                }
                double r = rnd.nextInt(3) == 0 ? 0.0 : 2 * rnd.nextDouble();
                b.addChoice(s, "a" + a, r, succ, prob);
            }
        }
        return b.build();
    }

    static BitSet randomTarget(int n, Random rnd) {
        BitSet t = new BitSet(n);
        for (int s = 0; s < n; s++) {
            if (rnd.nextInt(10) == 0) {
                t.set(s);
            }
        }
        return t;
    }

    @Test
    void randomModelsAgreeWithSingleMachineIi() {
        int solved = 0;
        int mergedPmax = 0;
        int mergedRmin = 0;
        boolean refusalSeen = false;
        for (int seed = 1; seed <= 12; seed++) {
            int n = 40 + 7 * seed;
            Mdp mdp = randomModel(n, seed);
            BitSet target = randomTarget(n, new Random(100 + seed));
            int partitions = 1 + seed % 4;
            try (DistributedModel model = DistributedModel.fromMdp(sc, mdp, partitions)) {
                for (Objective dir : Objective.values()) {
                    for (boolean reward : new boolean[] {false, true}) {
                        Solution single = reward
                                ? Reachability.reward(mdp, mdp.rewardArray(), target, dir, OPTIONS, false,
                                IterationOrder.GLOBAL, false)
                                : Reachability.probability(mdp, target, dir, OPTIONS, false, IterationOrder.GLOBAL,
                                false);
                        boolean needsMerge = hasEndComponent(mdp, target, dir, reward);
                        SparkReachability spark = new SparkReachability(sc, needsMerge ? 8 : 2); // 8: fewer exchanges
                        String what = "seed " + seed + (reward ? " R" : " P") + dir.keyword();
                        if (needsMerge && !refusalSeen) { // without the driver's model: refused (once suffices)
                            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                                    () -> solve(spark, model, null, target, dir, reward).close(), what);
                            assertTrue(e.getMessage().contains("end components"), e.getMessage());
                            refusalSeen = true;
                        }
                        try (DistributedResult r = solve(spark, model, mdp, target, dir, reward)) {
                            Solution s = r.toSolution();
                            assertAgree(single, s, what);
                            if (needsMerge) {
                                assertTrue(Double.isNaN(s.policyBound()), what); // not certified after merging
                                assertPolicyOfStates(mdp, s.policy(), what);
                                mergedPmax += reward ? 0 : 1;
                                mergedRmin += reward ? 1 : 0;
                            } else {
                                solved++;
                            }
                        }
                    }
                }
            }
        }
        // both branches must have been exercised, or the test proves less than it claims
        assertTrue(solved >= 20, "solved " + solved);
        assertTrue(mergedPmax >= 2, "merged for Pmax " + mergedPmax);
        assertTrue(mergedRmin >= 2, "merged for Rmin " + mergedRmin);
    }

    /** Solves with the driver's model {@code mdp} (end components merged), or without it (null: refused). */
    private static DistributedResult solve(SparkReachability spark, DistributedModel model, Mdp mdp, BitSet target,
                                           Objective dir, boolean reward) {
        if (mdp == null) {
            return reward ? spark.reward(model, target, dir, OPTIONS, false)
                    : spark.probability(model, target, dir, OPTIONS, false);
        }
        return reward ? spark.reward(model, mdp, target, dir, OPTIONS, false)
                : spark.probability(model, mdp, target, dir, OPTIONS, false);
    }

    /** Every state's policy entry is one of its own choices (−1 only for a terminal state). */
    private static void assertPolicyOfStates(Mdp mdp, int[] policy, String what) {
        for (int s = 0; s < mdp.numStates(); s++) {
            if (mdp.isTerminal(s)) {
                assertEquals(-1, policy[s], what + ", state " + s);
            } else {
                assertTrue(policy[s] >= 0 && mdp.stateOfChoice(policy[s]) == s, what + ", state " + s);
            }
        }
    }

    /**
     * A hand-built Pmax model that needs end-component merging: states 0 and 1 form an end
     * component (a: 0→1, b: 1→0) with exits c (0: goal ½, sink ½), d (1: goal 0.8, sink 0.2) and
     * e (1: back to 0 ½, sink ½); state 4 loops on itself (g) or takes f (0 ½, sink ½); state 5
     * takes h (0 ¼, 1 ¼, goal ½). By hand: from {0, 1} walk to 1 and take d, Pmax = 0.8;
     * Pmax(4) = ½·0.8 = 0.4; Pmax(5) = ¼·0.8 + ¼·0.8 + ½ = 0.9. Without merging, the upper bound
     * 1 is a fixed point on {0, 1, 4}: the run would never converge.
     */
    @Test
    void handBuiltPmaxNeedsEndComponentMerging() {
        MdpBuilder b = new MdpBuilder(6).objective(Objective.MAXIMIZE).discount(1.0);
        b.addChoice(0, "a", 0.0, new int[] {1}, new double[] {1});
        b.addChoice(0, "c", 0.0, new int[] {2, 3}, new double[] {0.5, 0.5});
        b.addChoice(1, "b", 0.0, new int[] {0}, new double[] {1});
        b.addChoice(1, "d", 0.0, new int[] {2, 3}, new double[] {0.8, 0.2});
        b.addChoice(1, "e", 0.0, new int[] {0, 3}, new double[] {0.5, 0.5});
        b.addChoice(3, "stay", 0.0, new int[] {3}, new double[] {1});
        b.addChoice(4, "f", 0.0, new int[] {0, 3}, new double[] {0.5, 0.5});
        b.addChoice(4, "g", 0.0, new int[] {4}, new double[] {1});
        b.addChoice(5, "h", 0.0, new int[] {0, 1, 2}, new double[] {0.25, 0.25, 0.5});
        Mdp mdp = b.build();
        BitSet goal = new BitSet();
        goal.set(2);
        SolverOptions tight = SolverOptions.builder().epsilon(1e-10).build();
        double[] expected = {0.8, 0.8, 1.0, 0.0, 0.4, 0.9};
        try (DistributedModel model = DistributedModel.fromMdp(sc, mdp, 2)) {
            SparkReachability spark = new SparkReachability(sc, 2);
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> spark.probability(model, goal, Objective.MAXIMIZE, tight, false).close());
            assertTrue(e.getMessage().contains("3 states of unknown value (the first is state 0) can stay among"
                    + " themselves forever"), e.getMessage());
            try (DistributedResult r = spark.probability(model, mdp, goal, Objective.MAXIMIZE, tight, false)) {
                Solution s = r.toSolution();
                assertEquals(Status.CONVERGED, s.status());
                assertEquals("spark-ii-pmax", s.method());
                for (int q = 0; q < expected.length; q++) {
                    assertTrue(s.lower()[q] <= expected[q] + 1e-15 && expected[q] <= s.upper()[q] + 1e-15,
                            "state " + q + ": [" + s.lower()[q] + ", " + s.upper()[q] + "]");
                    assertEquals(expected[q], s.values()[q], 1e-10, "state " + q);
                }
                assertEquals("a", mdp.actionLabel(s.policy()[0])); // walk to 1 ...
                assertEquals("d", mdp.actionLabel(s.policy()[1])); // ... which takes the best exit
                assertEquals("f", mdp.actionLabel(s.policy()[4]));
                assertTrue(Double.isNaN(s.policyBound()));
            }
        }
    }

    /**
     * Whether the maybe states of Pmax (or the zero-reward choices of Rmin's) hold an end
     * component, by the single-machine graph analysis and Tarjan-based {@link EndComponents}.
     */
    private static boolean hasEndComponent(Mdp mdp, BitSet target, Objective dir, boolean reward) {
        GraphAnalysis g = new GraphAnalysis(mdp);
        int n = mdp.numStates();
        BitSet maybe = new BitSet(n);
        maybe.set(0, n);
        BitSet allowed = null;
        if (!reward && dir == Objective.MAXIMIZE) {
            maybe.andNot(g.prob0A(target));
            maybe.andNot(g.prob1E(target));
            maybe.andNot(target);
        } else if (reward && dir == Objective.MINIMIZE) {
            BitSet finite = g.prob1E(target);
            finite.or(target);
            maybe.and(finite);
            maybe.andNot(target);
            allowed = new BitSet(mdp.numChoices());
            for (int c = 0; c < mdp.numChoices(); c++) {
                allowed.set(c, mdp.rewardArray()[c] == 0.0);
            }
        } else {
            return false;
        }
        return EndComponents.maximal(mdp, maybe, allowed).count() > 0;
    }

    /** Same known values, both converged to ε, certified intervals intersecting in every state. */
    static void assertAgree(Solution single, Solution spark, String what) {
        assertEquals(Status.CONVERGED, single.status(), what);
        assertEquals(Status.CONVERGED, spark.status(), what);
        assertEquals(Accuracy.CERTIFIED, spark.accuracy(), what);
        for (int s = 0; s < single.values().length; s++) {
            double l1 = single.lower()[s];
            double u1 = single.upper()[s];
            double l2 = spark.lower()[s];
            double u2 = spark.upper()[s];
            String at = what + ", state " + s + ": single [" + l1 + ", " + u1 + "], spark [" + l2 + ", " + u2 + "]";
            if (l1 == u1 && (l1 == 0 || l1 == 1 || l1 == Double.POSITIVE_INFINITY)) { // known (graph analysis, zero values)
                assertEquals(l1, spark.values()[s], at);
            }
            assertTrue(l2 <= u1 && l1 <= u2, at);
            assertTrue(u2 - l2 <= EPS || (l2 == u2), at);
            assertTrue(l2 <= spark.values()[s] && spark.values()[s] <= u2, at);
        }
        assertTrue(spark.errorBound() <= EPS / 2, what);
    }

    /**
     * The stop-embedded Garnet: Rmax until "stop" is the discounted value (Puterman §5.3), so the
     * Spark interval must intersect the discounted {@code vi}'s certified interval in every state.
     * Its exit rates are uniform (1 − γ), so both the Spark and the single-machine {@code ii} take
     * Jacobi steps with exit-rate bounds: the same bounds bit for bit, after as many steps.
     */
    @Test
    void stopEmbeddedGarnetMatchesDiscountedVi() {
        Mdp discounted = SeededGarnetGenerator.generate(300, 3, 4, 0.9, 7);
        LoadedModel embedded = StopEmbedding.embed(discounted);
        Mdp mdp = embedded.mdp();
        BitSet stop = embedded.label(StopEmbedding.STOP);
        SolverOptions tight = SolverOptions.builder().epsilon(1e-8).build();
        Solution vi = new ValueIterationSolver().solve(discounted, tight);
        assertEquals(Accuracy.CERTIFIED, vi.accuracy());
        assertTrue(vi.errorBound() <= 1e-8);
        try (DistributedModel model = DistributedModel.fromMdp(sc, mdp, 3);
             DistributedResult r = new SparkReachability(sc, 4).reward(model, stop, Objective.MAXIMIZE, tight, false)) {
            Solution s = r.toSolution();
            assertEquals(Status.CONVERGED, s.status());
            assertEquals("spark-ii-rmax", s.method());
            for (int q = 0; q < discounted.numStates(); q++) {
                double viLower = vi.values()[q] - vi.errorBound(); // vi's certified sup-norm bound
                double viUpper = vi.values()[q] + vi.errorBound();
                assertTrue(s.lower()[q] <= viUpper && viLower <= s.upper()[q], "state " + q);
                assertTrue(s.upper()[q] - s.lower()[q] <= 1e-8, "state " + q);
            }
            assertEquals(0.0, s.values()[discounted.numStates()]); // the stop state itself
            Solution single = Reachability.reward(mdp, mdp.rewardArray(), stop, Objective.MAXIMIZE, tight, false,
                    IterationOrder.GLOBAL, false);
            assertAgree(single, s, "stop-embedded Garnet");
            // uniform exit rates: Jacobi steps with exit-rate bounds, the single-machine ii's very operations
            assertEquals(1, r.stats().sweepsPerExchange());
            assertEquals(single.iterations(), s.iterations());
            assertArrayEquals(single.lower(), s.lower(), 0.0);
            assertArrayEquals(single.upper(), s.upper(), 0.0);
            // and the same certified policy (the greedy choices of the last step) with the same bound
            assertArrayEquals(single.policy(), s.policy());
            assertEquals(single.policyBound(), s.policyBound(), 0.0);
            assertTrue(s.policyBound() <= 1e-6, "policy bound " + s.policyBound());
        }
    }

    /** Negative rewards are refused naming the choice, before any iteration. */
    @Test
    void negativeRewardIsRefused() {
        MdpBuilder b = new MdpBuilder(2).objective(Objective.MINIMIZE).discount(1.0);
        b.addChoice(0, "a", 1.0, new int[] {1}, new double[] {1});
        b.addChoice(0, "b", -2.0, new int[] {1}, new double[] {1});
        try (DistributedModel model = DistributedModel.fromMdp(sc, b.build(), 2)) {
            BitSet t = new BitSet();
            t.set(1);
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> new SparkReachability(sc, 1).reward(model, t, Objective.MINIMIZE, OPTIONS, false));
            assertTrue(e.getMessage().contains("choice 1 of state 0 has -2.0"), e.getMessage());
        }
    }

    /** Storm's published values for the two-dice model (SOURCES.txt): Pmin = Pmax = 1/36, 2/36, 3/36; R = 22/3. */
    @Test
    void twoDiceMatchesStorm() throws IOException {
        Path d = Paths.get("../../shared/data/external/storm_two_dice");
        assumeTrue(Files.isDirectory(d), "external data not present: " + d.toAbsolutePath());
        LoadedModel m = PrismExplicitReader.read(d.resolve("two_dice.tra"), List.of(d.resolve("two_dice.lab")),
                List.of(new RewardFiles("trans", null, d.resolve("two_dice.flip.trans.rew"))));
        SolverOptions tight = SolverOptions.builder().epsilon(1e-9).build();
        String[] targets = {"two", "three", "four"};
        double[] expected = {1.0 / 36, 2.0 / 36, 3.0 / 36};
        Mdp withRewards = m.mdpWithRewards("trans");
        try (DistributedModel model = DistributedModel.fromMdp(sc, m.mdp(), 3);
             DistributedModel rewardModel = DistributedModel.fromMdp(sc, withRewards, 3)) {
            SparkReachability spark = new SparkReachability(sc, 4);
            for (Objective dir : Objective.values()) {
                for (int i = 0; i < targets.length; i++) {
                    BitSet t = LabelExpression.parse(targets[i]).evaluate(m);
                    try (DistributedResult r = spark.probability(model, t, dir, tight, false)) {
                        Solution s = r.toSolution();
                        assertEquals(Status.CONVERGED, s.status());
                        assertEquals(expected[i], s.values()[0], 1e-6, targets[i] + " " + dir);
                    }
                }
                BitSet done = LabelExpression.parse("done").evaluate(m);
                try (DistributedResult r = spark.reward(rewardModel, done, dir, tight, false)) {
                    assertEquals(22.0 / 3, r.toSolution().values()[0], 1e-6, "R " + dir);
                }
            }
        }
    }
}
