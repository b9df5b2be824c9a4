package org.sparsemdp.solve;

import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.sparsemdp.model.Mdp;
import org.sparsemdp.model.Objective;
import org.sparsemdp.testing.RandomMdps;

/** A sweep that meets an overflowed value reports NaN, so no driver can mistake it for convergence. */
class DivergenceGuardTest {
    @Test
    void nanAndInfinityInTheValuesPropagateToTheChangeRange() {
        Mdp mdp = RandomMdps.random(1, 30, 2, 3, 0.9, Objective.MAXIMIZE);
        int n = mdp.numStates();
        for (double bad : new double[] {Double.NaN, Double.POSITIVE_INFINITY}) {
            double[] v = new double[n];
            java.util.Arrays.fill(v, bad);
            double[] range = new double[2];
            BellmanKernel.jacobiSweep(mdp, v, new double[n], new int[n], 0, n, range);
            assertTrue(Double.isNaN(range[0]) && Double.isNaN(range[1]), "jacobi " + bad);
            java.util.Arrays.fill(v, bad);
            BellmanKernel.gaussSeidelSweep(mdp, v, 0, n, range);
            assertTrue(Double.isNaN(range[0]) && Double.isNaN(range[1]), "gauss-seidel " + bad);
            java.util.Arrays.fill(v, bad);
            BellmanKernel.sorSweep(mdp, v, 1.5, 0, n, range);
            assertTrue(Double.isNaN(range[0]) && Double.isNaN(range[1]), "sor " + bad);
        }
    }
}
