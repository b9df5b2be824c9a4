package org.sparsemdp.generate;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.sparsemdp.model.Mdp;

class GeneratorsTest {
    @Test
    void garnetHasTheRequestedShapeAndIsDeterministicPerSeed() {
        Mdp a = GarnetGenerator.generate(500, 3, 6, 0.9, 42);
        assertEquals(500, a.numStates());
        assertEquals(1500, a.numChoices());
        assertEquals(0.9, a.discount());
        for (int c = 0; c < a.numChoices(); c++) {
            assertEquals(6, a.transitionEnd(c) - a.transitionStart(c), "distinct successors of choice " + c);
            double sum = 0;
            for (int k = a.transitionStart(c); k < a.transitionEnd(c); k++) {
                sum += a.probability(k);
            }
            assertEquals(1.0, sum, 1e-12);
            assertTrue(a.reward(c) >= 0 && a.reward(c) < 1);
        }
        Mdp again = GarnetGenerator.generate(500, 3, 6, 0.9, 42);
        assertArrayEquals(a.successorArray(), again.successorArray());
        assertArrayEquals(a.probabilityArray(), again.probabilityArray());
        assertArrayEquals(a.rewardArray(), again.rewardArray());
        assertFalse(Arrays.equals(a.successorArray(), GarnetGenerator.generate(500, 3, 6, 0.9, 43).successorArray()));
    }

    @Test
    void bandedSuccessorsStayWithinTheBand() {
        int n = 1000;
        int w = 5;
        Mdp m = BandedGenerator.generate(n, 2, 8, w, 0.95, 7);
        for (int s = 0; s < n; s++) {
            for (int c = m.choiceStart(s); c < m.choiceEnd(s); c++) {
                assertEquals(8, m.transitionEnd(c) - m.transitionStart(c));
                for (int k = m.transitionStart(c); k < m.transitionEnd(c); k++) {
                    int d = Math.abs(m.successor(k) - s);
                    assertTrue(Math.min(d, n - d) <= w, "state " + s + " → " + m.successor(k));
                }
            }
        }
        // a band wider than the model covers all states; the full window can be used
        assertEquals(10, BandedGenerator.generate(10, 1, 10, 50, 0.9, 1).transitionEnd(0));
    }

    @Test
    void impossibleShapesAreRejected() {
        assertThrows(IllegalArgumentException.class, () -> GarnetGenerator.generate(5, 2, 6, 0.9, 1));
        assertThrows(IllegalArgumentException.class, () -> GarnetGenerator.generate(0, 2, 1, 0.9, 1));
        assertThrows(IllegalArgumentException.class, () -> BandedGenerator.generate(100, 2, 8, 3, 0.9, 1));
        assertThrows(IllegalArgumentException.class, () -> BandedGenerator.generate(100, 2, 2, -1, 0.9, 1));
    }
}
