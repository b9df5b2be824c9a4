package org.sparsemdp.solve;

import org.sparsemdp.model.Mdp;

/**
 * Turns the last iterate of a value-iteration-type method and the range [min δ, max δ] of its
 * last change into a {@link Solution} with MacQueen–Porteus bounds (Puterman 1994, §6.6.3):
 * values shifted to the midpoint of the interval, error bound γ·span/(2(1−γ)), policy bound
 * span/(1−γ).
 */
final class SpanBounds {
    private SpanBounds() {
    }

    /**
     * @param v      the last iterate v_{n+1}; shifted in place to the midpoint values
     * @param range  min and max of v_{n+1} − v_n
     */
    static Solution finish(Mdp mdp, String method, Status status, double[] v, int[] policy, double[] range,
                           long iterations, long startNanos) {
        double gamma = mdp.discount();
        double factor = gamma / (1 - gamma);
        double span = range[1] - range[0];
        double shift = factor * (range[0] + range[1]) / 2;
        for (int s = 0, n = mdp.numStates(); s < n; s++) {
            if (!mdp.isTerminal(s)) {
                v[s] += shift;
            }
        }
        return Solution.builder()
                .method(method)
                .status(status)
                .accuracy(Accuracy.CERTIFIED)
                .values(v)
                .policy(policy)
                .iterations(iterations)
                .residual(Math.max(Math.abs(range[0]), Math.abs(range[1])))
                .errorBound(factor * span / 2)
                .policyBound(span / (1 - gamma))
                .seconds((System.nanoTime() - startNanos) / 1e9)
                .build();
    }
}
