package org.sparsemdp.generate;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.sparsemdp.io.mdp.MdpTextReader;
import org.sparsemdp.model.Mdp;
import org.sparsemdp.testing.DenseOracle;
import org.sparsemdp.testing.SeedModels;

class InventoryGeneratorTest {
    @Test
    void labInstanceIsTheBundledDataset() throws IOException {
        Mdp bundled = MdpTextReader.read(Path.of("../datasets/inventory/inventory.mdp"));
        ModelAssertions.assertSameModel(bundled, InventoryGenerator.lab().generate());
    }

    @Test
    void labInstanceHasTheLabsOptimalValuesAndPolicy() {
        Mdp mdp = InventoryGenerator.lab().generate();
        assertArrayEquals(SeedModels.INVENTORY_OPTIMAL, DenseOracle.optimalValues(mdp), 1e-9);
        int[] policy = DenseOracle.optimalPolicy(mdp);
        for (int s = 0; s < 4; s++) {
            assertEquals(SeedModels.INVENTORY_POLICY[s], mdp.actionLabel(policy[s]));
        }
    }

    @Test
    void labsFirstPolicyEvaluationMatches() {
        // The lab's first policy-iteration step evaluates x = (2, 1, 0, 0): V = (30, 30, 26, 25.4).
        Mdp mdp = InventoryGenerator.lab().generate();
        String[] labels = {"2", "1", "0", "0"};
        int[] policy = new int[4];
        for (int s = 0; s < 4; s++) {
            policy[s] = mdp.findChoice(s, labels[s]);
        }
        assertArrayEquals(new double[] {30, 30, 26, 25.4}, DenseOracle.evaluate(mdp, policy), 1e-9);
    }

    @Test
    void generalInstanceRespectsDemandAndCapacity() {
        int capacity = 6;
        DemandDistribution demand = new DemandDistribution(new int[] {3, 0, 1}, new double[] {0.2, 0.3, 0.5});
        Mdp mdp = new InventoryGenerator(capacity, 2.5, 0.5, 0.25, InventoryGenerator.HoldingBasis.STARTING, demand,
                0.9).generate();
        assertEquals(capacity + 1, mdp.numStates());
        for (int s = 0; s <= capacity; s++) {
            int count = 0;
            for (int x = 0; x <= capacity + 3; x++) {
                boolean allowed = s + x >= 3 && s + x <= capacity;
                int c = mdp.findChoice(s, Integer.toString(x));
                assertEquals(allowed, c >= 0, "state " + s + ", x " + x);
                if (allowed) {
                    count++;
                    assertEquals((x > 0 ? 2.5 : 0) + 0.5 * x + 0.25 * s, mdp.reward(c), 1e-12);
                    assertEquals(3, mdp.transitionEnd(c) - mdp.transitionStart(c));
                    for (int k = mdp.transitionStart(c); k < mdp.transitionEnd(c); k++) {
                        int d = s + x - mdp.successor(k);
                        assertEquals(d == 0 ? 0.3 : d == 1 ? 0.5 : 0.2, mdp.probability(k), 1e-15);
                    }
                }
            }
            assertEquals(count, mdp.numChoices(s));
        }
    }

    @Test
    void expectedEndingHoldingCost() {
        // Lab numbers with holding charged on the expected ending inventory s + x − 1.5:
        // s = 0, x = 2 costs 4 + 2 + 0.5; s = 3, x = 0 costs 0 + 0 + 1.5.
        Mdp mdp = new InventoryGenerator(3, 4, 1, 1, InventoryGenerator.HoldingBasis.EXPECTED_ENDING,
                DemandDistribution.uniform(1, 2), 0.8).generate();
        assertEquals(6.5, mdp.reward(mdp.findChoice(0, "2")), 1e-12);
        assertEquals(1.5, mdp.reward(mdp.findChoice(3, "0")), 1e-12);
    }

    @Test
    void rejectsDemandWiderThanCapacity() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new InventoryGenerator(1, 4, 1,
                1, InventoryGenerator.HoldingBasis.STARTING, DemandDistribution.uniform(0, 2), 0.8));
        assertTrue(e.getMessage().contains("wider than the capacity"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new DemandDistribution(new int[] {1, 1},
                new double[] {0.5, 0.5}));
        assertThrows(IllegalArgumentException.class, () -> new DemandDistribution(new int[] {1, 2},
                new double[] {0.5, 0.4}));
    }
}
