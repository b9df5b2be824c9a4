package org.sparsemdp.generate;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.sparsemdp.model.Mdp;

class SubstationTreeGeneratorTest {
    /**
     * A forked feeder of 9 substations: 1 is the head; 1 forks into 2 and 6; 2 forks into 3 and 4;
     * 3 forks into 8 and 9; 4 - 5 and 6 - 7 are laterals.
     */
    private static final int[] FORKED = {0, 1, 2, 2, 4, 1, 6, 3, 3};
    private static final double[] FORKED_GAPS = {1.5, 0.5, 2, 1, 0.5, 3, 1, 0.5, 2.5};
    private static final double[] FORKED_USERS = {10, 3, 50, 7, 1, 20, 5, 30, 2};
    private static final double[] FORKED_PRIOR = {0.05, 0.1, 0.2, 0.05, 0.2, 0.1, 0.1, 0.15, 0.05};

    @Test
    void pathShapedTreeIsExactlyTheLineModel() {
        for (int n = 1; n <= SubstationRestorationGenerator.MAX_SUBSTATIONS; n += 2) {
            for (long seed = 1; seed <= 2; seed++) {
                SubstationRestorationGenerator line = SubstationRestorationGenerator.random(n, seed);
                SubstationTreeGenerator tree = SubstationTreeGenerator.random(n, 0, seed,
                        SubstationTreeGenerator.DEFAULT_MAX_STATES);
                assertTrue(tree.network().isPath());
                ModelAssertions.assertSameModel(line.generate(), tree.generate());
                assertArrayEquals(line.observations(), tree.observations(), "n = " + n);
                assertEquals(line.numObservations(), tree.numObservations());
                for (int s = 0; s < line.numStates(); s++) {
                    assertEquals(line.stateName(s), tree.stateName(s));
                }
            }
        }
    }

    @Test
    void pathWithExplicitTravelTimesAndPriorIsTheLineModel() {
        double[] users = {10, 3, 50, 7, 1, 20, 5};
        double[] prior = {0.05, 0.1, 0.2, 0.05, 0.3, 0.1, 0.2};
        SplittableRandom rng = new SplittableRandom(7);
        double[][] d = new double[8][8];
        for (double[] row : d) {
            for (int j = 0; j < row.length; j++) {
                row[j] = rng.nextInt(50) / 7.0; // not a metric: any matrix is allowed
            }
        }
        Mdp line = new SubstationRestorationGenerator(users, d, prior).generate();
        Mdp tree = new SubstationTreeGenerator(RadialNetwork.path(new double[7]), users, d, prior, 1000).generate();
        ModelAssertions.assertSameModel(line, tree);
    }

    @Test
    void travelTimesAreDistancesAlongTheTree() {
        RadialNetwork net = new RadialNetwork(FORKED, FORKED_GAPS);
        double[][] d = net.travelTimes();
        // by hand, with the edge above each node: 8 -> 5 goes 8-3-2-4-5 over edges 8, 3, 4, 5
        assertEquals(0.5 + 2 + 1 + 0.5, d[8][5], 1e-12);
        assertEquals(1.5 + 3 + 1, d[0][7], 1e-12);
        assertEquals(0.5 + 1 + 0.5 + 3 + 1, d[5][7], 1e-12); // 5-4-2-1-6-7
        for (int i = 0; i <= 9; i++) {
            assertEquals(0.0, d[i][i]);
            for (int j = 0; j <= 9; j++) {
                assertEquals(d[i][j], d[j][i], 1e-12);
            }
        }
    }

    @Test
    void forkedInstanceMatchesBruteForceOverCandidatesAndCrew() {
        RadialNetwork net = new RadialNetwork(FORKED, FORKED_GAPS);
        int n = FORKED.length;
        double[][] d = new double[n + 1][n + 1];
        SplittableRandom rng = new SplittableRandom(3);
        for (double[] row : d) {
            for (int j = 0; j < row.length; j++) {
                row[j] = 1 + rng.nextInt(30) / 10.0;
            }
        }
        SubstationTreeGenerator g = new SubstationTreeGenerator(net, FORKED_USERS, d, FORKED_PRIOR, 1_000_000);
        Mdp mdp = g.generate();
        BruteForce bf = new BruteForce(FORKED, FORKED_USERS, FORKED_PRIOR, d);
        int all = (1 << (n + 1)) - 2;
        double[] optimal = TotalRewardIteration.optimalValues(mdp);
        double[] random = TotalRewardIteration.uniformPolicyValues(mdp);
        double clairvoyant = 0;
        double uniform = 0;
        for (int f = 1; f <= n; f++) {
            int s = g.state(f, 0, 1, 2, 3, 4, 5, 6, 7, 8, 9);
            assertEquals(bf.clairvoyant(f, all, 0), optimal[s], 1e-9, "fault " + f);
            assertEquals(bf.uniform(f, all, 0), random[s], 1e-9, "fault " + f);
            clairvoyant += FORKED_PRIOR[f - 1] * bf.clairvoyant(f, all, 0);
            uniform += FORKED_PRIOR[f - 1] * bf.uniform(f, all, 0);
        }
        assertEquals(clairvoyant, optimal[0], 1e-9);
        assertEquals(uniform, random[0], 1e-9);
        // a state deep inside: candidates {3, 8, 9} after the crew tested 2 and found the fault below 3
        assertEquals(bf.clairvoyant(9, bit(3) | bit(8) | bit(9), 2), optimal[g.state(9, 2, 3, 8, 9)], 1e-9);
        assertEquals(-1, g.state(9, 0, 3, 8, 9), "the crew cannot be at the source with candidates {3, 8, 9}");

        // the belief model: same uniform-policy cost, and its optimum is the best observation-based cost
        Mdp belief = g.generateBeliefModel();
        assertEquals(g.numObservations(), belief.numStates());
        assertEquals(uniform, TotalRewardIteration.uniformPolicyValues(belief)[0], 1e-9);
        double observationOptimum = bf.observationOptimum(all, 0);
        assertEquals(observationOptimum, TotalRewardIteration.optimalValues(belief)[0], 1e-9);
        assertTrue(observationOptimum > clairvoyant + 1, "hiding the fault costs something here");
    }

    @Test
    void stateCountFollowsTheFormulaForTrees() {
        int[][] trees = {
                FORKED,
                {0, 1, 1, 1, 1, 1, 1, 1},            // a star: head 1 with 7 leaves
                {0, 1, 2, 3, 2, 5, 6, 1, 8, 9, 10},  // forks with long branches
                {0, 1, 2, 3, 4, 5},                  // a path
        };
        for (int[] parents : trees) {
            int n = parents.length;
            double[] q = new double[n];
            java.util.Arrays.fill(q, 1.0 / n);
            double[] ones = new double[n];
            java.util.Arrays.fill(ones, 1);
            SubstationTreeGenerator g = SubstationTreeGenerator.of(new RadialNetwork(parents, ones), ones, q);
            long expected = 2;
            long blocks = 0;
            for (int set = 1; set < 1 << (n + 1); set++) {
                if ((set & 1) != 0 || Integer.bitCount(set) < 2 || !connected(parents, set)) {
                    continue;
                }
                int top = 0;
                int outside = 0;
                for (int x = 1; x <= n; x++) {
                    if ((set & bit(x)) != 0 && (set & bit(parents[x - 1])) == 0) {
                        top = x;
                    }
                    if ((set & bit(x)) == 0 && (set & bit(parents[x - 1])) != 0) {
                        outside++;
                    }
                }
                boolean whole = set == (1 << (n + 1)) - 2;
                int crews = outside + (whole || parents[top - 1] != 0 ? 1 : 0);
                expected += (long) Integer.bitCount(set) * crews;
                blocks += crews;
            }
            Mdp mdp = g.generate();
            assertEquals(expected, mdp.numStates(), java.util.Arrays.toString(parents));
            assertEquals(blocks + 2, g.numObservations());
            assertEquals(1, mdp.numTerminalStates());
        }
        // a star with m leaves: the candidate sets are the head with k >= 1 leaves (closed form below)
        SubstationTreeGenerator star = SubstationTreeGenerator.of(new RadialNetwork(trees[1], new double[8]),
                new double[8], new double[] {1, 0, 0, 0, 0, 0, 0, 0});
        assertEquals(countStarCrews(7) + 2, star.numObservations());
    }

    /** Blocks of a star with m leaves, by direct count: a set of k ≥ 1 leaves with the head has m − k crews below (plus the source for k = m). */
    private static long countStarCrews(int m) {
        long total = 0;
        for (int k = 1; k <= m; k++) {
            total += binomial(m, k) * ((m - k) + (k == m ? 1 : 0));
        }
        return total;
    }

    private static long binomial(int m, int k) {
        long b = 1;
        for (int i = 0; i < k; i++) {
            b = b * (m - i) / (i + 1);
        }
        return b;
    }

    @Test
    void statesSharingAnObservationOfferTheSameActionsAtTheSameCosts() {
        SubstationTreeGenerator g = SubstationTreeGenerator.of(new RadialNetwork(FORKED, FORKED_GAPS), FORKED_USERS,
                FORKED_PRIOR);
        Mdp mdp = g.generate();
        int[] obs = g.observations();
        Map<Integer, String> signature = new HashMap<>();
        Map<Integer, Set<String>> names = new HashMap<>();
        for (int s = 0; s < mdp.numStates(); s++) {
            StringBuilder sig = new StringBuilder();
            for (int c = mdp.choiceStart(s); c < mdp.choiceEnd(s); c++) {
                sig.append(mdp.actionLabel(c)).append('=').append(mdp.reward(c)).append(';');
            }
            String previous = signature.putIfAbsent(obs[s], sig.toString());
            if (previous != null) {
                assertEquals(previous, sig.toString(), g.stateName(s));
            }
            names.computeIfAbsent(obs[s], o -> new HashSet<>()).add(g.stateName(s).replaceFirst("fault=\\d+,", ""));
            if (s > 0 && s < g.doneState()) {
                assertEquals(g.beliefStateName(obs[s]), g.stateName(s).replaceFirst("fault=\\d+,", ""));
            }
        }
        for (Set<String> set : names.values()) {
            assertEquals(1, set.size(), "one observation mixes " + set);
        }
        assertEquals(names.size(), g.numObservations());
    }

    @Test
    void rejectsBadNetworksAndTooManyStates() {
        assertThrows(IllegalArgumentException.class, () -> new RadialNetwork(new int[] {0, 0}, new double[2]),
                "two feeder heads");
        assertThrows(IllegalArgumentException.class, () -> new RadialNetwork(new int[] {0, 3, 2}, new double[3]),
                "cycle 2 - 3");
        assertThrows(IllegalArgumentException.class, () -> new RadialNetwork(new int[] {0, 5}, new double[2]));
        assertThrows(IllegalArgumentException.class, () -> new RadialNetwork(new int[] {0, 1}, new double[] {1, -1}));
        int[] star = new int[40];
        for (int i = 1; i < 40; i++) {
            star[i] = 1;
        }
        double[] q = new double[40];
        java.util.Arrays.fill(q, 1.0 / 40);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new SubstationTreeGenerator(new RadialNetwork(star, new double[40]), new double[40],
                        new double[41][41], q, 100_000));
        assertTrue(e.getMessage().contains("more than"), e.getMessage());
    }

    private static int bit(int x) {
        return 1 << x;
    }

    private static boolean connected(int[] parents, int set) {
        int tops = 0;
        for (int x = 1; x < 32; x++) {
            if ((set & bit(x)) != 0 && (set & bit(parents[x - 1])) == 0) {
                tops++;
            }
        }
        return tops == 1; // a set of tree nodes is connected iff exactly one member has its parent outside
    }

    /**
     * The problem definition, over (fault, candidates as a bit mask, crew location), with no state
     * numbering: testing a tells whether the fault is at a, above a, or in which child branch.
     */
    private static final class BruteForce {
        final int[] parents;
        final double[] users;
        final double[] prior;
        final double[][] d;
        final int n;
        final Map<Long, Double> memoClairvoyant = new HashMap<>();
        final Map<Long, Double> memoUniform = new HashMap<>();
        final Map<Long, Double> memoObservation = new HashMap<>();

        BruteForce(int[] parents, double[] users, double[] prior, double[][] d) {
            this.parents = parents;
            this.users = users;
            this.prior = prior;
            this.d = d;
            this.n = parents.length;
        }

        boolean below(int x, int a) {
            for (int y = x; y != 0; y = parents[y - 1]) {
                if (y == a) {
                    return true;
                }
            }
            return false;
        }

        int subtree(int a) {
            int set = 0;
            for (int x = 1; x <= n; x++) {
                if (below(x, a)) {
                    set |= bit(x);
                }
            }
            return set;
        }

        /** Candidates after testing a with the fault at f (f != a). */
        int after(int set, int a, int f) {
            if (!below(f, a)) {
                return set & ~subtree(a);
            }
            int c = f;
            while (parents[c - 1] != a) {
                c = parents[c - 1];
            }
            return set & subtree(c);
        }

        double trip(int set, int k, int a) {
            double u = 0;
            for (int x = 1; x <= n; x++) {
                if ((set & bit(x)) != 0) {
                    u += users[x - 1];
                }
            }
            return d[k][a] * u;
        }

        double clairvoyant(int f, int set, int k) {
            if (Integer.bitCount(set) == 1) {
                return 0;
            }
            long key = ((long) f << 40) | ((long) set << 8) | k;
            Double known = memoClairvoyant.get(key);
            if (known != null) {
                return known;
            }
            double best = Double.POSITIVE_INFINITY;
            for (int a = 1; a <= n; a++) {
                if ((set & bit(a)) != 0) {
                    best = Math.min(best, trip(set, k, a) + (a == f ? 0 : clairvoyant(f, after(set, a, f), a)));
                }
            }
            memoClairvoyant.put(key, best);
            return best;
        }

        double uniform(int f, int set, int k) {
            if (Integer.bitCount(set) == 1) {
                return 0;
            }
            long key = ((long) f << 40) | ((long) set << 8) | k;
            Double known = memoUniform.get(key);
            if (known != null) {
                return known;
            }
            double sum = 0;
            for (int a = 1; a <= n; a++) {
                if ((set & bit(a)) != 0) {
                    sum += trip(set, k, a) + (a == f ? 0 : uniform(f, after(set, a, f), a));
                }
            }
            double v = sum / Integer.bitCount(set);
            memoUniform.put(key, v);
            return v;
        }

        /** Best expected cost over the prior restricted to the candidates, the fault unknown. */
        double observationOptimum(int set, int k) {
            if (Integer.bitCount(set) == 1) {
                return 0;
            }
            long key = ((long) set << 8) | k;
            Double known = memoObservation.get(key);
            if (known != null) {
                return known;
            }
            double mass = 0;
            for (int f = 1; f <= n; f++) {
                mass += (set & bit(f)) != 0 ? prior[f - 1] : 0;
            }
            double best = Double.POSITIVE_INFINITY;
            for (int a = 1; a <= n; a++) {
                if ((set & bit(a)) == 0) {
                    continue;
                }
                double rest = 0;
                for (int f = 1; f <= n; f++) {
                    if ((set & bit(f)) != 0 && f != a) {
                        rest += prior[f - 1] / mass * observationOptimum(after(set, a, f), a);
                    }
                }
                best = Math.min(best, trip(set, k, a) + rest);
            }
            memoObservation.put(key, best);
            return best;
        }
    }
}
