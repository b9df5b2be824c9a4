package org.sparsemdp.solve.average;

import org.sparsemdp.model.Mdp;
import org.sparsemdp.model.Objective;

/**
 * Reference gains for tiny models, independent of the solver: every deterministic stationary
 * policy is enumerated (one of them is optimal in every state at once, Puterman 1994, Theorem
 * 9.1.8), and each policy's gain is P* r with the limiting matrix P* obtained by squaring the
 * aperiodic matrix (I + P)/2 sixty times (its powers converge to P*, which it shares with P),
 * renormalising the rows after each squaring.
 * Terminal states are absorbing with reward 0.
 */
final class GainOracle {
    private GainOracle() {
    }

    static double[] optimalGain(Mdp mdp, Objective dir) {
        int n = mdp.numStates();
        int[] policy = new int[n];
        double[] best = new double[n];
        java.util.Arrays.fill(best, dir == Objective.MAXIMIZE ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY);
        for (int s = 0; s < n; s++) {
            policy[s] = mdp.isTerminal(s) ? -1 : mdp.choiceStart(s);
        }
        while (true) {
            double[] g = policyGain(mdp, policy);
            for (int s = 0; s < n; s++) {
                best[s] = dir == Objective.MAXIMIZE ? Math.max(best[s], g[s]) : Math.min(best[s], g[s]);
            }
            int s = 0;
            while (s < n && (policy[s] < 0 || policy[s] + 1 == mdp.choiceEnd(s))) {
                if (policy[s] >= 0) {
                    policy[s] = mdp.choiceStart(s);
                }
                s++;
            }
            if (s == n) {
                return best;
            }
            policy[s]++;
        }
    }

    static double[] policyGain(Mdp mdp, int[] policy) {
        int n = mdp.numStates();
        double[][] p = new double[n][n];
        double[] r = new double[n];
        for (int s = 0; s < n; s++) {
            p[s][s] += 0.5;
            if (policy[s] < 0) {
                p[s][s] += 0.5;
                continue;
            }
            r[s] = mdp.reward(policy[s]);
            for (int k = mdp.transitionStart(policy[s]); k < mdp.transitionEnd(policy[s]); k++) {
                p[s][mdp.successor(k)] += 0.5 * mdp.probability(k);
            }
        }
        for (int i = 0; i < 60; i++) {
            p = square(p);
            // renormalise: stored rows sum to 1 only up to rounding, and 2^60 steps would leak the mass
            for (double[] row : p) {
                double sum = 0;
                for (double x : row) {
                    sum += x;
                }
                for (int j = 0; j < n; j++) {
                    row[j] /= sum;
                }
            }
        }
        double[] g = new double[n];
        for (int s = 0; s < n; s++) {
            for (int t = 0; t < n; t++) {
                g[s] += p[s][t] * r[t];
            }
        }
        return g;
    }

    private static double[][] square(double[][] a) {
        int n = a.length;
        double[][] c = new double[n][n];
        for (int i = 0; i < n; i++) {
            for (int k = 0; k < n; k++) {
                double aik = a[i][k];
                for (int j = 0; j < n; j++) {
                    c[i][j] += aik * a[k][j];
                }
            }
        }
        return c;
    }
}
