package org.sparsemdp.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.BitSet;
import java.util.Random;
import org.apache.spark.api.java.JavaSparkContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.sparsemdp.model.Mdp;
import org.sparsemdp.model.MdpBuilder;
import org.sparsemdp.model.Objective;
import org.sparsemdp.solve.undiscounted.GraphAnalysis;

/**
 * The distributed qualitative sets against the single-machine {@link GraphAnalysis} (the same
 * definitions, computed there by breadth-first searches on the whole model): Prob0A, Prob0E,
 * Prob1A, Prob1E on random models cut into up to 7 blocks, and on a chain that runs against the
 * block order, where every block boundary costs a round.
 */
class DistributedGraphAnalysisTest {
    private static JavaSparkContext sc;

    @BeforeAll
    static void start() {
        sc = LocalSpark.start("DistributedGraphAnalysisTest");
    }

    @AfterAll
    static void stop() {
        sc.stop();
    }

    @Test
    void setsEqualTheSingleMachineAnalysis() {
        for (int seed = 1; seed <= 6; seed++) {
            Mdp mdp = SparkReachabilityTest.randomModel(60 + 10 * seed, seed);
            BitSet target = SparkReachabilityTest.randomTarget(mdp.numStates(), new Random(seed));
            GraphAnalysis single = new GraphAnalysis(mdp);
            try (DistributedModel model = DistributedModel.fromMdp(sc, mdp, 2 + seed % 6)) {
                DistributedGraphAnalysis g = new DistributedGraphAnalysis(sc, model);
                boolean[] t = toArray(target, mdp.numStates());
                String at = "seed " + seed;
                assertEquals(single.prob0A(target), toBitSet(g.prob0A(t)), at + " prob0A");
                assertEquals(single.prob0E(target), toBitSet(g.prob0E(t)), at + " prob0E");
                assertEquals(single.prob1A(target), toBitSet(g.prob1A(t)), at + " prob1A");
                assertEquals(single.prob1E(target), toBitSet(g.prob1E(t)), at + " prob1E");
            }
        }
    }

    /**
     * States 0 → 1 → … → n−1 (target) with a second choice that loops: every state reaches the
     * target, and the path crosses all 5 block boundaries, so it takes several rounds.
     */
    @Test
    void chainAcrossEveryBlock() {
        int n = 50;
        MdpBuilder b = new MdpBuilder(n).objective(Objective.MAXIMIZE).discount(1.0);
        for (int s = 0; s < n - 1; s++) {
            b.addChoice(s, "go", 0, new int[] {s + 1}, new double[] {1});
            b.addChoice(s, "stay", 0, new int[] {s}, new double[] {1});
        }
        Mdp mdp = b.build();
        BitSet target = new BitSet();
        target.set(n - 1);
        try (DistributedModel model = DistributedModel.fromMdp(sc, mdp, 6)) {
            DistributedGraphAnalysis g = new DistributedGraphAnalysis(sc, model);
            boolean[] t = toArray(target, n);
            BitSet prob1E = toBitSet(g.prob1E(t));
            assertEquals(n, prob1E.cardinality()); // Pmax = 1 everywhere: always go
            assertEquals(target, toBitSet(g.prob1A(t))); // Pmin < 1 elsewhere: stay forever
            assertTrue(g.rounds() >= 2 && g.rounds() <= 40, "rounds " + g.rounds());
        }
    }

    private static boolean[] toArray(BitSet set, int n) {
        boolean[] a = new boolean[n];
        for (int s = set.nextSetBit(0); s >= 0; s = set.nextSetBit(s + 1)) {
            a[s] = true;
        }
        return a;
    }

    private static BitSet toBitSet(boolean[] a) {
        BitSet b = new BitSet(a.length);
        for (int s = 0; s < a.length; s++) {
            b.set(s, a[s]);
        }
        return b;
    }
}
