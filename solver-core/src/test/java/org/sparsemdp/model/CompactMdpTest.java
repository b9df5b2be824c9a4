package org.sparsemdp.model;

import java.math.BigDecimal;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.sparsemdp.generate.SeededGarnetGenerator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Compact storage: exact fixed-point rows, the recorded deviations, the layout and its checks. */
class CompactMdpTest {
    private static final BigDecimal TWO_32 = new BigDecimal(1L << 32);

    @Test
    void roundedRowsSumToExactlyOneAndStayWithinOneUnitOfTheDoubles() {
        Random random = new Random(26);
        FixedPointRows rows = new FixedPointRows();
        for (int trial = 0; trial < 2000; trial++) {
            int k = 1 + random.nextInt(trial % 10 == 0 ? 200 : 9);
            double[] p = new double[k];
            double sum = 0;
            for (int i = 0; i < k; i++) {
                // some entries below one unit (2^-32), which must still keep their successor
                p[i] = random.nextInt(7) == 0 ? random.nextDouble() * 1e-11 : random.nextDouble();
                sum += p[i];
            }
            for (int i = 0; i < k; i++) {
                p[i] /= sum;
            }
            int[] codes = new int[k];
            double deviation = rows.quantise(p, k, codes, 0);
            int raised = 0;
            for (int i = 0; i < k; i++) {
                raised += p[i] < 0x1p-32 ? 1 : 0;
            }
            BigDecimal allowed = new BigDecimal(1 + raised).divide(TWO_32);
            long total = 0;
            BigDecimal l1 = BigDecimal.ZERO;
            for (int i = 0; i < k; i++) {
                long q = (codes[i] & 0xFFFFFFFFL) + 1;
                assertTrue(q >= 1, "every successor is kept");
                total += q;
                BigDecimal exactP = new BigDecimal(p[i]);
                BigDecimal stored = new BigDecimal(q).divide(TWO_32);
                assertEquals(0, stored.compareTo(new BigDecimal(FixedPointRows.value(codes[i]))), "decoding is exact");
                BigDecimal diff = exactP.subtract(stored).abs();
                assertTrue(diff.compareTo(allowed) < 0, "entry moved by " + diff + " (" + raised + " raised)");
                l1 = l1.add(diff);
            }
            assertEquals(1L << 32, total, "row integers sum to 2^32");
            assertTrue(l1.compareTo(new BigDecimal(deviation)) <= 0, "recorded deviation " + deviation + " < " + l1);
        }
    }

    @Test
    void aDeterministicRowIsStoredAsExactlyOne() {
        int[] codes = new int[1];
        assertEquals(0.0, new FixedPointRows().quantise(new double[] {1.0}, 1, codes, 0));
        assertEquals(1.0, FixedPointRows.value(codes[0]));
    }

    @Test
    void garnetShapeTakesNineBytesPerTransitionAndKeepsTheModel() {
        Mdp mdp = SeededGarnetGenerator.generateBlockwise(500, 4, 8, 0.95, 7);
        CompactMdp compact = CompactMdp.of(mdp);
        assertNull(compact.choiceStartArray(), "uniform choices need no offsets");
        assertNull(compact.transitionStartArray(), "uniform rows need no offsets");
        assertNull(compact.actionIndexStorage(), "labels a0..a3 are positional");
        assertEquals(9.0, (double) (compact.memoryBytes() - 4) / compact.numTransitions(), 1e-12);
        assertSameStructure(mdp, compact);
        assertTrue(compact.maxDeviation() > 0 && compact.maxDeviation() < 8 * 0x1p-32, "" + compact.maxDeviation());
    }

    @Test
    void irregularModelsKeepOffsetsLabelsAndTerminalStates() {
        MdpBuilder b = new MdpBuilder(4).objective(Objective.MINIMIZE).discount(0.9);
        b.addChoice(0, "x", 1.5, new int[] {0, 1, 2}, new double[] {0.1, 0.7, 0.2});
        b.addChoice(0, "y", 3, new int[] {3}, new double[] {1});
        b.addChoice(1, "y", 0.3, new int[] {0, 1}, new double[] {1.0 / 3, 2.0 / 3});
        b.addChoice(2, "stay", 0, new int[] {2}, new double[] {1});
        Mdp mdp = b.build();
        CompactMdp compact = CompactMdp.of(mdp);
        assertTrue(compact.choiceStartArray() != null && compact.transitionStartArray() != null);
        assertSameStructure(mdp, compact);
        assertEquals(0, compact.choiceEnd(3) - compact.choiceStart(3), "terminal state");
    }

    private static void assertSameStructure(Mdp mdp, CompactMdp compact) {
        assertEquals(mdp.numStates(), compact.numStates());
        assertEquals(mdp.numChoices(), compact.numChoices());
        assertEquals(mdp.numTransitions(), compact.numTransitions());
        for (int s = 0; s < mdp.numStates(); s++) {
            assertEquals(mdp.choiceStart(s), compact.choiceStart(s));
            assertEquals(mdp.choiceEnd(s), compact.choiceEnd(s));
        }
        for (int c = 0; c < mdp.numChoices(); c++) {
            assertEquals(mdp.reward(c), compact.reward(c));
            assertEquals(mdp.actionLabel(c), compact.actionLabel(c));
            assertEquals(mdp.transitionStart(c), compact.transitionStart(c));
            assertEquals(mdp.transitionEnd(c), compact.transitionEnd(c));
            for (int k = mdp.transitionStart(c); k < mdp.transitionEnd(c); k++) {
                assertEquals(mdp.successor(k), compact.successor(k));
                assertTrue(Math.abs(mdp.probability(k) - compact.probability(k)) < 0x1p-32);
            }
        }
    }

    @Test
    void badInputIsRefusedNamingStateAndChoice() {
        CompactMdpBuilder b = new CompactMdpBuilder(3, List.of("a"));
        b.addChoice(1, 0, 1, new int[] {0}, new double[] {1}, 1);
        InvalidModelException order = assertThrows(InvalidModelException.class,
                () -> b.addChoice(0, 0, 1, new int[] {0}, new double[] {1}, 1));
        assertTrue(order.getMessage().contains("state 0"), order.getMessage());
        InvalidModelException range = assertThrows(InvalidModelException.class,
                () -> b.addChoice(2, 0, 1, new int[] {3}, new double[] {1}, 1));
        assertTrue(range.getMessage().contains("state 2, choice 0: successor 3"), range.getMessage());
        InvalidModelException sum = assertThrows(InvalidModelException.class,
                () -> b.addChoice(2, 0, 1, new int[] {0, 1}, new double[] {0.5, 0.4}, 2));
        assertTrue(sum.getMessage().contains("sum to"), sum.getMessage());
        InvalidModelException reward = assertThrows(InvalidModelException.class,
                () -> b.addChoice(2, 0, Double.NaN, new int[] {0}, new double[] {1}, 1));
        assertTrue(reward.getMessage().contains("reward"), reward.getMessage());
        assertThrows(InvalidModelException.class, () -> new CompactMdpBuilder(3, List.of()).discount(1.0));
    }
}
