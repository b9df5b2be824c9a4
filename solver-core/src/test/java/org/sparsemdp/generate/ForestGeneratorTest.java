package org.sparsemdp.generate;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.sparsemdp.io.mdp.MdpTextReader;
import org.sparsemdp.model.Mdp;
import org.sparsemdp.testing.DenseOracle;

class ForestGeneratorTest {
    @Test
    void defaultInstanceIsTheBundledDataset() throws IOException {
        Mdp bundled = MdpTextReader.read(Path.of("../datasets/forest/forest.mdp"));
        ModelAssertions.assertSameModel(bundled, ForestGenerator.pymdptoolboxDefault().generate());
    }

    @Test
    void defaultInstanceHasPymdptoolboxDocumentedValues() {
        // pymdptoolbox docs, PolicyIteration(forest(), 0.9): V = (26.244, 29.484, 33.484), policy (0, 0, 0).
        Mdp mdp = ForestGenerator.pymdptoolboxDefault().generate();
        assertArrayEquals(new double[] {26.244, 29.484, 33.484}, DenseOracle.optimalValues(mdp), 1e-9);
        int[] policy = DenseOracle.optimalPolicy(mdp);
        for (int s = 0; s < 3; s++) {
            assertEquals("wait", mdp.actionLabel(policy[s]));
        }
    }

    @Test
    void largerInstanceFollowsThePymdptoolboxMatrices() {
        int states = 7;
        Mdp mdp = new ForestGenerator(states, 5, 3, 0.25, 0.95).generate();
        assertEquals(3L * states, mdp.numTransitions());
        for (int s = 0; s < states; s++) {
            int wait = mdp.findChoice(s, "wait");
            int cut = mdp.findChoice(s, "cut");
            assertEquals(s == states - 1 ? 5.0 : 0.0, mdp.reward(wait));
            assertEquals(s == 0 ? 0.0 : s == states - 1 ? 3.0 : 1.0, mdp.reward(cut));
            int k = mdp.transitionStart(wait);
            assertEquals(0, mdp.successor(k));
            assertEquals(0.25, mdp.probability(k));
            assertEquals(Math.min(s + 1, states - 1), mdp.successor(k + 1));
            assertEquals(0.75, mdp.probability(k + 1));
        }
    }

    @Test
    void rejectsParametersOutOfRange() {
        assertThrows(IllegalArgumentException.class, () -> new ForestGenerator(1, 4, 2, 0.1, 0.9));
        assertThrows(IllegalArgumentException.class, () -> new ForestGenerator(3, 4, 2, 1.5, 0.9));
        assertThrows(IllegalArgumentException.class, () -> new ForestGenerator(3, 4, 2, 0.1, 0));
        assertThrows(IllegalArgumentException.class, () -> new ForestGenerator(3, Double.NaN, 2, 0.1, 0.9));
    }
}
