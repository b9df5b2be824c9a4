package org.sparsemdp.solve;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.sparsemdp.model.Mdp;
import org.sparsemdp.model.MdpBuilder;
import org.sparsemdp.model.Objective;
import org.sparsemdp.testing.RandomMdps;

/**
 * The error model built from statistics gathered block by block (as a distributed solver does)
 * is the error model of the whole model: the same numbers for any cut, and the same certificate.
 */
class RowStatisticsTest {
    /** The rows of states [lo, hi) of {@code mdp}, with local offsets, as a distributed block holds them. */
    private record Block(int lo, int firstChoice, int[] choiceStart, int[] transStart, int[] successor,
                         double[] probability, double[] reward) {
        static Block of(Mdp mdp, int lo, int hi) {
            int[] cs = mdp.choiceStartArray();
            int[] ts = mdp.transitionStartArray();
            int c0 = cs[lo];
            int c1 = cs[hi];
            int[] choiceStart = new int[hi - lo + 1];
            for (int s = lo; s <= hi; s++) {
                choiceStart[s - lo] = cs[s] - c0;
            }
            int[] transStart = new int[c1 - c0 + 1];
            for (int c = c0; c <= c1; c++) {
                transStart[c - c0] = ts[c] - ts[c0];
            }
            return new Block(lo, c0, choiceStart, transStart,
                    Arrays.copyOfRange(mdp.successorArray(), ts[c0], ts[c1]),
                    Arrays.copyOfRange(mdp.probabilityArray(), ts[c0], ts[c1]),
                    Arrays.copyOfRange(mdp.rewardArray(), c0, c1));
        }

        RowStatistics scan(boolean[] zero, boolean any) {
            return RowStatistics.scan(lo, firstChoice, choiceStart, transStart, successor, probability, reward, zero,
                    any);
        }
    }

    private static int[] randomCut(Random random, int n) {
        int parts = 1 + random.nextInt(5);
        int[] cut = new int[parts + 1];
        for (int p = 1; p < parts; p++) {
            cut[p] = random.nextInt(n + 1);
        }
        cut[parts] = n;
        Arrays.sort(cut);
        return cut;
    }

    @Test
    void blockStatisticsMergeIntoTheWholeModelsErrorModel() {
        Random random = new Random(25);
        for (int trial = 0; trial < 30; trial++) {
            double gamma = trial % 2 == 0 ? 0.9 : 0.999999;
            Mdp mdp = RandomMdps.random(trial, 5 + random.nextInt(40), 3, 4, gamma,
                    Objective.values()[trial % 2], 0.2);
            RoundingBounds whole = RoundingBounds.of(mdp);
            boolean[] zero = new boolean[mdp.numStates()];
            for (int s = 0; s < zero.length; s++) {
                zero[s] = whole.isZero(s);
            }
            int[] cut = randomCut(random, mdp.numStates());
            RowStatistics rows = null;
            for (int p = 0; p + 1 < cut.length; p++) {
                RowStatistics r = Block.of(mdp, cut[p], cut[p + 1]).scan(zero, whole.zeroCount() > 0);
                rows = rows == null ? r : RowStatistics.merge(rows, r);
            }
            assertEquals(mdp.numChoices(), rows.choices());
            RoundingBounds merged = RoundingBounds.of(gamma, rows, zero, whole.zeroCount(), mdp::actionLabel);
            String what = "trial " + trial + ", cut " + Arrays.toString(cut);
            assertEquals(whole.betaHigh(), merged.betaHigh(), what);
            assertEquals(whole.amplification(), merged.amplification(), what);
            assertEquals(whole.maxReward(), merged.maxReward(), what);
            for (double norm : new double[] {0, 1, 1e6}) {
                assertEquals(whole.sweepError(norm), merged.sweepError(norm), what);
            }
            double[] a = new double[3];
            double[] b = new double[3];
            for (double[] d : new double[][] {{-1e-3, 2e-3}, {0, 0}, {1e-9, 1e-8}, {-5, -4}}) {
                whole.enclose(d[0], d[1], 1e-12, a);
                merged.enclose(d[0], d[1], 1e-12, b);
                assertArrayEquals(a, b, what);
            }
        }
    }

    /** Marks block by block in rounds from the set known so far; returns the set and the number of rounds. */
    private static boolean[] markInRounds(Mdp mdp, int[] cut, int[] rounds) {
        boolean[] known = new boolean[mdp.numStates()];
        int added;
        do {
            boolean[] next = known.clone();
            added = 0;
            for (int p = 0; p + 1 < cut.length; p++) {
                Block block = Block.of(mdp, cut[p], cut[p + 1]);
                boolean[] marks = Arrays.copyOfRange(known, cut[p], cut[p + 1]);
                added += RoundingBounds.markZeroStates(block.lo(), block.choiceStart(), block.transStart(),
                        block.successor(), block.reward(), known, marks);
                System.arraycopy(marks, 0, next, cut[p], marks.length);
            }
            known = next;
            rounds[0]++;
        } while (added > 0);
        return known;
    }

    /** A zero-reward chain through states order[0] → order[1] → order[2] (terminal); state 3 has reward 1. */
    private static Mdp chain(int... order) {
        MdpBuilder b = new MdpBuilder(4).objective(Objective.MAXIMIZE).discount(0.9);
        b.addChoice(order[0], "a", 0, new int[] {order[1]}, new double[] {1});
        b.addChoice(order[1], "a", 0, new int[] {order[2]}, new double[] {1});
        b.addChoice(3, "a", 1, new int[] {order[0], 3}, new double[] {0.5, 0.5});
        return b.build();
    }

    @Test
    void zeroStatesMarkedBlockByBlockInRounds() {
        int[] cut = {0, 1, 2, 4};
        // 2 → 1 → 0 (terminal): the whole model's two passes in state order find all three
        Mdp down = chain(2, 1, 0);
        RoundingBounds whole = RoundingBounds.of(down);
        assertEquals(3, whole.zeroCount());
        int[] rounds = {0};
        boolean[] marked = markInRounds(down, cut, rounds);
        assertEquals(4, rounds[0], "the chain crosses three blocks: three rounds that mark, one that does not");
        for (int s = 0; s < 4; s++) {
            assertEquals(whole.isZero(s), marked[s], "state " + s);
        }
        // 0 → 1 → 2 (terminal): two passes in state order miss state 0, the rounds find it (sound: its
        // only choice has reward 0 and leads to a state of value 0)
        Mdp up = chain(0, 1, 2);
        RoundingBounds upWhole = RoundingBounds.of(up);
        assertEquals(2, upWhole.zeroCount());
        rounds[0] = 0;
        boolean[] upMarked = markInRounds(up, cut, rounds);
        assertTrue(upMarked[0] && upMarked[1] && upMarked[2] && !upMarked[3]);
    }

    @Test
    void theCertificateFromStatisticsIsTheCertificateOfTheSweep() {
        Mdp mdp = RandomMdps.random(3, 30, 3, 4, 0.95, Objective.MINIMIZE, 0.2);
        RoundingBounds rb = RoundingBounds.of(mdp);
        double[] u = new double[mdp.numStates()];
        double[] w = new double[mdp.numStates()];
        double[] range = new double[2];
        for (int sweep = 0; sweep < 5; sweep++) {
            BellmanKernel.jacobiSweep(mdp, u, w, new int[u.length], 0, mdp.numStates(), range);
            double[] measured = new double[SpanBounds.SIZE];
            SpanBounds.measure(mdp, rb, u, w, measured);
            // statistics of two halves, merged
            CheckStatistics first = new CheckStatistics();
            CheckStatistics second = new CheckStatistics();
            for (int s = 0; s < u.length; s++) {
                (s < u.length / 2 ? first : second).add(rb.isZero(s), u[s], w[s]);
            }
            first.merge(second);
            CheckCertificate c = CheckCertificate.of(rb, first);
            assertTrue(c.finite());
            assertEquals(measured[SpanBounds.VALUE], c.valueBound());
            assertEquals(measured[SpanBounds.POLICY], c.policyBound());
            assertEquals(measured[SpanBounds.LOW], c.low());
            assertEquals(measured[SpanBounds.HIGH], c.high());
            double[] swap = u;
            u = w;
            w = swap;
        }
        CheckStatistics infinite = new CheckStatistics();
        infinite.add(false, 1, Double.POSITIVE_INFINITY);
        CheckCertificate none = CheckCertificate.of(rb, infinite);
        assertTrue(!none.finite() && none.valueBound() == Double.POSITIVE_INFINITY);
    }

    @Test
    void theOverflowMessageNamesTheChoiceFromMergedStatistics() {
        MdpBuilder b = new MdpBuilder(3).objective(Objective.MAXIMIZE).discount(0.9);
        b.addChoice(0, "a", 1, new int[] {0}, new double[] {1});
        b.addChoice(1, "b", 2, new int[] {1}, new double[] {1});
        b.addChoice(2, "c", 3, new int[] {2}, new double[] {1});
        b.addChoice(2, "boom", -1e308, new int[] {0}, new double[] {1});
        Mdp mdp = b.build();
        RowStatistics rows = RowStatistics.merge(Block.of(mdp, 0, 2).scan(null, false),
                Block.of(mdp, 2, 3).scan(null, false));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> RoundingBounds.of(0.9, rows, new boolean[3], 0, mdp::actionLabel));
        assertTrue(e.getMessage().contains("reward -1.0E308 of choice 'boom' of state 2"), e.getMessage());
    }
}
