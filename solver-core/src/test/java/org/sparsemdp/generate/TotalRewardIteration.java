package org.sparsemdp.generate;

import org.sparsemdp.model.Mdp;
import org.sparsemdp.model.Objective;

/**
 * Test oracle for models with γ ≤ 1: plain Jacobi value iteration from v = 0 until no value
 * changes by more than 1e-13 (for the grid worlds and the acyclic restoration models used here
 * this converges to the optimal total reward). Shares no code with the library's solvers.
 */
final class TotalRewardIteration {
    private TotalRewardIteration() {
    }

    static double[] optimalValues(Mdp mdp) {
        return iterate(mdp, false);
    }

    /** The values of the uniform random policy (every choice of a state equally likely), by the same iteration. */
    static double[] uniformPolicyValues(Mdp mdp) {
        return iterate(mdp, true);
    }

    private static double[] iterate(Mdp mdp, boolean uniform) {
        int n = mdp.numStates();
        double[] v = new double[n];
        double[] next = new double[n];
        boolean min = mdp.objective() == Objective.MINIMIZE;
        for (int it = 0; it < 1_000_000; it++) {
            double change = 0;
            for (int s = 0; s < n; s++) {
                if (mdp.isTerminal(s)) {
                    next[s] = 0;
                    continue;
                }
                double best = uniform ? 0 : min ? Double.POSITIVE_INFINITY : Double.NEGATIVE_INFINITY;
                for (int c = mdp.choiceStart(s); c < mdp.choiceEnd(s); c++) {
                    double q = mdp.reward(c);
                    for (int k = mdp.transitionStart(c); k < mdp.transitionEnd(c); k++) {
                        q += mdp.discount() * mdp.probability(k) * v[mdp.successor(k)];
                    }
                    best = uniform ? best + q / (mdp.choiceEnd(s) - mdp.choiceStart(s))
                            : min ? Math.min(best, q) : Math.max(best, q);
                }
                next[s] = best;
                change = Math.max(change, Math.abs(best - v[s]));
            }
            double[] t = v;
            v = next;
            next = t;
            if (change <= 1e-13) {
                return v;
            }
        }
        throw new AssertionError("value iteration did not converge");
    }
}
