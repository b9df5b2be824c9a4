package org.sparsemdp.generate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.sparsemdp.model.Mdp;
import org.sparsemdp.model.Objective;

class SeededGarnetGeneratorTest {
    @Test
    void blocksGeneratedSeparatelyAreTheWholeModel() {
        Mdp whole = SeededGarnetGenerator.generateBlockwise(50, 3, 4, 0.9, 11);
        assertEquals(50 * 3 * 4, whole.numTransitions());
        assertEquals(Objective.MAXIMIZE, whole.objective());
        int[] cuts = {0, 7, 8, 31, 50};
        int[] next = new int[2]; // next choice, next transition of the whole model
        for (int b = cuts.length - 2; b >= 0; b--) { // any order of blocks
            int c0 = whole.choiceStart(cuts[b]);
            next[0] = c0;
            next[1] = whole.transitionStart(c0);
            SeededGarnetGenerator.generateBlock(50, 3, 4, 11, cuts[b], cuts[b + 1], (s, a, r, succ, prob) -> {
                int c = next[0]++;
                assertEquals(whole.choiceStart(s) + a, c);
                assertEquals(whole.reward(c), r);
                for (int i = 0; i < 4; i++) {
                    int k = next[1]++;
                    assertEquals(whole.successor(k), succ[i]);
                    assertEquals(whole.probability(k), prob[i]);
                }
            });
            assertEquals(whole.choiceStart(cuts[b + 1]), next[0]);
        }
    }

    @Test
    void statesDependOnTheSeed() {
        Mdp a = SeededGarnetGenerator.generateBlockwise(30, 2, 3, 0.9, 1);
        Mdp b = SeededGarnetGenerator.generateBlockwise(30, 2, 3, 0.9, 2);
        int same = 0;
        for (int c = 0; c < a.numChoices(); c++) {
            same += a.reward(c) == b.reward(c) ? 1 : 0;
        }
        assertEquals(0, same);
        for (int s = 0; s < 30; s++) {
            assertTrue(Math.abs(sumOfRow(a, a.choiceStart(s)) - 1) < 1e-12);
        }
        assertThrows(IllegalArgumentException.class,
                () -> SeededGarnetGenerator.generateBlock(30, 2, 3, 1, 10, 31, (s, x, r, succ, prob) -> { }));
    }

    /**
     * The two generators take the same arguments but draw different numbers (one stream against
     * per-state streams), which is why their whole-model methods have different names; the
     * deprecated old name still builds the blockwise model.
     */
    @Test
    @SuppressWarnings("deprecation")
    void theTwoGeneratorsDifferForTheSameSeedAndTheOldNameIsTheBlockwiseModel() {
        Mdp blockwise = SeededGarnetGenerator.generateBlockwise(30, 2, 3, 0.9, 1);
        Mdp oneStream = GarnetGenerator.generate(30, 2, 3, 0.9, 1);
        int same = 0;
        for (int c = 0; c < blockwise.numChoices(); c++) {
            same += blockwise.reward(c) == oneStream.reward(c) ? 1 : 0;
        }
        assertEquals(0, same);
        Mdp old = SeededGarnetGenerator.generate(30, 2, 3, 0.9, 1);
        for (int c = 0; c < blockwise.numChoices(); c++) {
            assertEquals(blockwise.reward(c), old.reward(c));
        }
        for (int k = 0; k < blockwise.numTransitions(); k++) {
            assertEquals(blockwise.successor(k), old.successor(k));
            assertEquals(blockwise.probability(k), old.probability(k));
        }
    }

    private static double sumOfRow(Mdp mdp, int c) {
        double sum = 0;
        for (int k = mdp.transitionStart(c); k < mdp.transitionEnd(c); k++) {
            sum += mdp.probability(k);
        }
        return sum;
    }
}
