package org.sparsemdp.gradient;

import org.sparsemdp.model.Mdp;
import org.sparsemdp.testing.DenseOracle;

/**
 * Test oracle: J = Σ ρ₀ V of the softmax policy with given logits, by a plain softmax (no max
 * shift; the tests keep logits small) and a dense Gaussian elimination of (I − γP<sub>π</sub>)V = r<sub>π</sub>.
 * Shares no code with the library's gradient or evaluation classes.
 */
final class DenseSoftmax {
    private DenseSoftmax() {
    }

    static double[] softmax(Mdp mdp, double[] logits) {
        double[] p = new double[mdp.numChoices()];
        for (int s = 0; s < mdp.numStates(); s++) {
            double sum = 0;
            for (int c = mdp.choiceStart(s); c < mdp.choiceEnd(s); c++) {
                sum += Math.exp(logits[c]);
            }
            for (int c = mdp.choiceStart(s); c < mdp.choiceEnd(s); c++) {
                p[c] = Math.exp(logits[c]) / sum;
            }
        }
        return p;
    }

    /** Values of the stochastic policy {@code p} (terminal states 0). */
    static double[] values(Mdp mdp, double[] p) {
        int n = mdp.numStates();
        double[][] a = new double[n][n + 1];
        for (int s = 0; s < n; s++) {
            a[s][s] = 1;
            for (int c = mdp.choiceStart(s); c < mdp.choiceEnd(s); c++) {
                a[s][n] += p[c] * mdp.reward(c);
                for (int k = mdp.transitionStart(c); k < mdp.transitionEnd(c); k++) {
                    a[s][mdp.successor(k)] -= mdp.discount() * p[c] * mdp.probability(k);
                }
            }
        }
        return DenseOracle.solve(a);
    }

    /** Occupancy η = (I − γP<sub>π</sub><sup>T</sup>)⁻¹ρ₀ (terminal states count arrivals). */
    static double[] occupancy(Mdp mdp, double[] p, double[] rho0) {
        int n = mdp.numStates();
        double[][] a = new double[n][n + 1];
        for (int s = 0; s < n; s++) {
            a[s][s] += 1;
            a[s][n] = rho0[s];
        }
        for (int s = 0; s < n; s++) {
            for (int c = mdp.choiceStart(s); c < mdp.choiceEnd(s); c++) {
                for (int k = mdp.transitionStart(c); k < mdp.transitionEnd(c); k++) {
                    a[mdp.successor(k)][s] -= mdp.discount() * p[c] * mdp.probability(k);
                }
            }
        }
        return DenseOracle.solve(a);
    }

    static double objective(Mdp mdp, double[] logits, double[] rho0) {
        double[] v = values(mdp, softmax(mdp, logits));
        double j = 0;
        for (int s = 0; s < v.length; s++) {
            j += rho0[s] * v[s];
        }
        return j;
    }
}
