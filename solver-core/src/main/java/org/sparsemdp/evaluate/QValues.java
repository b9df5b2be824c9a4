package org.sparsemdp.evaluate;

import org.sparsemdp.model.Mdp;

/**
 * Q-values from state values: Q(c) = r(c) + γ Σ<sub>s'</sub> p(s'|c) V(s') for every choice c.
 * If ‖V − V<sub>π</sub>‖∞ ≤ e then ‖Q − Q<sub>π</sub>‖∞ ≤ γe.
 */
public final class QValues {
    private QValues() {
    }

    /** A new array of the Q-value of every choice under {@code v}. */
    public static double[] of(Mdp mdp, double[] v) {
        double[] q = new double[mdp.numChoices()];
        into(mdp, v, q);
        return q;
    }

    /** Writes the Q-value of every choice under {@code v} into {@code out} (allocation-free). */
    public static void into(Mdp mdp, double[] v, double[] out) {
        if (v.length != mdp.numStates() || out.length != mdp.numChoices()) {
            throw new IllegalArgumentException("expected " + mdp.numStates() + " values and " + mdp.numChoices()
                    + " outputs, got " + v.length + " and " + out.length);
        }
        final int[] transStart = mdp.transitionStartArray();
        final int[] successor = mdp.successorArray();
        final double[] probability = mdp.probabilityArray();
        final double[] reward = mdp.rewardArray();
        final double gamma = mdp.discount();
        for (int c = 0, nc = out.length; c < nc; c++) {
            double sum = 0.0;
            for (int k = transStart[c], end = transStart[c + 1]; k < end; k++) {
                sum += probability[k] * v[successor[k]];
            }
            out[c] = reward[c] + gamma * sum;
        }
    }
}
