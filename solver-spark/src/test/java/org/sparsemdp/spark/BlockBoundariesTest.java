package org.sparsemdp.spark;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.sparsemdp.io.partitioned.ModelBlock;
import org.sparsemdp.model.Mdp;
import org.sparsemdp.model.MdpBuilder;
import org.sparsemdp.model.Objective;
import org.sparsemdp.testing.RandomMdps;

/** Block cuts and block slices, without Spark. */
class BlockBoundariesTest {
    @Test
    void cutsBalanceTransitionsOnASkewedModel() {
        // state s has s + 1 successors (a triangle): equal state counts would be far from balanced
        int n = 100;
        MdpBuilder b = new MdpBuilder(n).discount(0.9).objective(Objective.MAXIMIZE);
        for (int s = 0; s < n; s++) {
            int[] succ = new int[s + 1];
            double[] p = new double[s + 1];
            for (int i = 0; i <= s; i++) {
                succ[i] = i;
                p[i] = 1.0 / (s + 1);
            }
            b.addChoice(s, "a", 1, succ, p);
        }
        Mdp mdp = b.build();
        int[] bounds = BlockBoundaries.byTransitions(mdp, 4);
        assertEquals(0, bounds[0]);
        assertEquals(n, bounds[4]);
        long total = mdp.numTransitions(); // 5050
        for (int p = 0; p < 4; p++) {
            long t = mdp.transitionStartArray()[mdp.choiceStartArray()[bounds[p + 1]]]
                    - mdp.transitionStartArray()[mdp.choiceStartArray()[bounds[p]]];
            // each block within one state's transitions (at most 100) of a quarter
            assertTrue(Math.abs(t - total / 4.0) <= n, "block " + p + " has " + t + " of " + total);
        }
        // the first block has many more states than the last
        assertTrue(bounds[1] - bounds[0] > 2 * (bounds[4] - bounds[3]));
    }

    @Test
    void moreBlocksThanStatesGivesOneStatePerBlock() {
        Mdp mdp = RandomMdps.random(1, 3, 2, 2, 0.9, Objective.MINIMIZE);
        assertArrayEquals(new int[] {0, 1, 2, 3}, BlockBoundaries.byTransitions(mdp, 10));
        assertArrayEquals(new int[] {0, 1, 2, 3}, BlockBoundaries.uniform(3, 10));
        assertArrayEquals(new int[] {0, 3, 6, 10}, BlockBoundaries.uniform(10, 3));
        assertThrows(IllegalArgumentException.class, () -> BlockBoundaries.uniform(10, 0));
    }

    @Test
    void slicesPutTogetherAreTheModel() {
        Mdp mdp = RandomMdps.random(5, 60, 4, 6, 0.9, Objective.MAXIMIZE, 0.2);
        int[] bounds = BlockBoundaries.byTransitions(mdp, 7);
        int c = 0;
        int k = 0;
        for (int p = 0; p < 7; p++) {
            ModelBlock block = ModelBlock.slice(mdp, bounds[p], bounds[p + 1]);
            assertEquals(c, block.firstChoice());
            for (int i = 0; i < block.numStates(); i++) {
                int s = block.lo() + i;
                assertEquals(mdp.numChoices(s), block.choiceStartArray()[i + 1] - block.choiceStartArray()[i]);
            }
            for (int j = 0; j < block.numChoices(); j++, c++) {
                assertEquals(mdp.reward(c), block.rewardArray()[j]);
                assertEquals(mdp.transitionEnd(c) - mdp.transitionStart(c),
                        block.transitionStartArray()[j + 1] - block.transitionStartArray()[j]);
            }
            for (int j = 0; j < block.numTransitions(); j++, k++) {
                assertEquals(mdp.successor(k), block.successorArray()[j]);
                assertEquals(mdp.probability(k), block.probabilityArray()[j]);
            }
        }
        assertEquals(mdp.numChoices(), c);
        assertEquals(mdp.numTransitions(), k);
    }
}
