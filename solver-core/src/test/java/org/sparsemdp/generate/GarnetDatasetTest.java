package org.sparsemdp.generate;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.sparsemdp.io.mdp.MdpTextReader;
import org.sparsemdp.model.Mdp;
import org.sparsemdp.testing.DenseOracle;

/** The bundled Garnet instance (datasets/garnet) against its generator and its reference values. */
class GarnetDatasetTest {
    @Test
    void bundledInstanceIsTheGeneratorsOutput() throws IOException {
        Mdp bundled = MdpTextReader.read(Path.of("../datasets/garnet/garnet-10.mdp"));
        ModelAssertions.assertSameModel(bundled, GarnetGenerator.generate(10, 3, 4, 0.9, 1));
    }

    @Test
    void bundledInstanceHasTheReferenceValues() throws IOException {
        // datasets/garnet/README.md: exhaustive policy enumeration with numpy (3^10 policies, exact
        // linear solves), Bellman residual of the optimum 9e-16.
        Mdp mdp = MdpTextReader.read(Path.of("../datasets/garnet/garnet-10.mdp"));
        double[] reference = {6.2711375823, 6.5248896833, 6.6311971959, 5.9963777986, 6.5031877386, 6.2813581618,
            6.7571815536, 6.4567761696, 6.6188714651, 6.4576311678};
        assertArrayEquals(reference, DenseOracle.optimalValues(mdp), 1e-9);
        int[] policy = DenseOracle.optimalPolicy(mdp);
        int[] actions = new int[policy.length];
        for (int s = 0; s < policy.length; s++) {
            actions[s] = Integer.parseInt(mdp.actionLabel(policy[s]).substring(1));
        }
        assertArrayEquals(new int[] {0, 0, 2, 1, 2, 2, 1, 2, 2, 0}, actions);
    }
}
