package org.sparsemdp.lp;

import org.sparsemdp.model.Mdp;

/**
 * Evaluates a stationary randomised policy π(c) on per-choice rewards g(c) by Jacobi iteration
 * v ← g_π + γ P_π v from v = 0 (Puterman 1994, §6.3, successive approximation), to check an LP's
 * claims about a policy independently of the LP.
 *
 * <p>Stopping rule: for γ &lt; 1, when γ‖v_{n+1} − v_n‖∞ / (1 − γ) ≤ tolerance, which bounds
 * ‖v_{n+1} − v^π‖∞ (contraction); for γ = 1 when ‖v_{n+1} − v_n‖∞ ≤ tolerance (no bound), or
 * after {@code maxSweeps}. Allocation: two value vectors; none per sweep.
 */
final class StochasticPolicyEvaluation {
    private StochasticPolicyEvaluation() {
    }

    /** The evaluated values and the bound on their error (NaN when not certified). */
    record Result(double[] values, double bound, long sweeps) {
    }

    static Result evaluate(Mdp mdp, double[] pi, double[] g, double tolerance, long maxSweeps) {
        final int n = mdp.numStates();
        final int[] choiceStart = mdp.choiceStartArray();
        final int[] transStart = mdp.transitionStartArray();
        final int[] succ = mdp.successorArray();
        final double[] prob = mdp.probabilityArray();
        final double gamma = mdp.discount();
        double[] v = new double[n];
        double[] next = new double[n];
        long sweeps = 0;
        double bound = Double.NaN;
        while (sweeps < maxSweeps) {
            double delta = 0;
            for (int s = 0; s < n; s++) {
                double sum = 0;
                for (int c = choiceStart[s]; c < choiceStart[s + 1]; c++) {
                    double w = pi[c];
                    if (w == 0) {
                        continue;
                    }
                    double ev = 0;
                    for (int k = transStart[c]; k < transStart[c + 1]; k++) {
                        ev += prob[k] * v[succ[k]];
                    }
                    sum += w * (g[c] + gamma * ev);
                }
                next[s] = sum;
                delta = Math.max(delta, Math.abs(sum - v[s]));
            }
            double[] swap = v;
            v = next;
            next = swap;
            sweeps++;
            if (gamma < 1) {
                bound = gamma * delta / (1 - gamma);
                if (bound <= tolerance) {
                    break;
                }
            } else if (delta <= tolerance) {
                break;
            }
        }
        return new Result(v, gamma < 1 ? bound : Double.NaN, sweeps);
    }

    /** Σ_s ρ0(s) v(s). */
    static double weighted(double[] rho, double[] v) {
        double sum = 0;
        for (int s = 0; s < v.length; s++) {
            sum += rho[s] * v[s];
        }
        return sum;
    }
}
