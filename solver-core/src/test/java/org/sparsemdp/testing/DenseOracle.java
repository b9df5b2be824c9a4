package org.sparsemdp.testing;

import org.sparsemdp.model.Mdp;
import org.sparsemdp.model.Objective;

/**
 * An independent reference solver for small discounted MDPs, for tests only: classical policy
 * iteration (Howard 1960) whose policy evaluation is an exact dense solve of (I − γ P_π) v = r_π by
 * Gaussian elimination with partial pivoting. It shares no code with the library's solvers (it reads
 * the model only through the scalar accessors of {@link Mdp}).
 */
public final class DenseOracle {
    private DenseOracle() {
    }

    /** Optimal values of a discounted model (γ &lt; 1), to about 1e-12 relative accuracy. */
    public static double[] optimalValues(Mdp mdp) {
        return evaluate(mdp, optimalPolicy(mdp));
    }

    /** An optimal deterministic policy (global choice index per state, −1 for terminal states). */
    public static int[] optimalPolicy(Mdp mdp) {
        int n = mdp.numStates();
        int[] policy = new int[n];
        for (int s = 0; s < n; s++) {
            policy[s] = mdp.isTerminal(s) ? -1 : mdp.choiceStart(s);
        }
        boolean minimize = mdp.objective() == Objective.MINIMIZE;
        for (int round = 0; round < 10_000; round++) {
            double[] v = evaluate(mdp, policy);
            boolean changed = false;
            for (int s = 0; s < n; s++) {
                if (mdp.isTerminal(s)) {
                    continue;
                }
                double current = q(mdp, policy[s], v);
                int best = policy[s];
                double bestQ = current;
                for (int c = mdp.choiceStart(s); c < mdp.choiceEnd(s); c++) {
                    double qc = q(mdp, c, v);
                    double tol = 1e-12 * Math.max(1.0, Math.abs(bestQ));
                    if (minimize ? qc < bestQ - tol : qc > bestQ + tol) {
                        bestQ = qc;
                        best = c;
                    }
                }
                if (best != policy[s]) {
                    policy[s] = best;
                    changed = true;
                }
            }
            if (!changed) {
                return policy;
            }
        }
        throw new AssertionError("dense policy iteration did not converge");
    }

    /** Exact values of a deterministic policy: solves (I − γ P_π) v = r_π densely. */
    public static double[] evaluate(Mdp mdp, int[] policy) {
        int n = mdp.numStates();
        double[][] a = new double[n][n + 1];
        for (int s = 0; s < n; s++) {
            a[s][s] = 1.0;
            int c = policy[s];
            if (c < 0) {
                continue;
            }
            a[s][n] = mdp.reward(c);
            for (int k = mdp.transitionStart(c); k < mdp.transitionEnd(c); k++) {
                a[s][mdp.successor(k)] -= mdp.discount() * mdp.probability(k);
            }
        }
        return solve(a);
    }

    /** Q-value of choice c under v. */
    public static double q(Mdp mdp, int c, double[] v) {
        double sum = 0;
        for (int k = mdp.transitionStart(c); k < mdp.transitionEnd(c); k++) {
            sum += mdp.probability(k) * v[mdp.successor(k)];
        }
        return mdp.reward(c) + mdp.discount() * sum;
    }

    /** Solves the dense augmented system a = [A | b] in place; returns x. */
    public static double[] solve(double[][] a) {
        int n = a.length;
        for (int col = 0; col < n; col++) {
            int pivot = col;
            for (int r = col + 1; r < n; r++) {
                if (Math.abs(a[r][col]) > Math.abs(a[pivot][col])) {
                    pivot = r;
                }
            }
            double[] tmp = a[col];
            a[col] = a[pivot];
            a[pivot] = tmp;
            double d = a[col][col];
            if (d == 0) {
                throw new ArithmeticException("singular system");
            }
            for (int r = col + 1; r < n; r++) {
                double f = a[r][col] / d;
                if (f != 0) {
                    for (int k = col; k <= n; k++) {
                        a[r][k] -= f * a[col][k];
                    }
                }
            }
        }
        double[] x = new double[n];
        for (int r = n - 1; r >= 0; r--) {
            double sum = a[r][n];
            for (int k = r + 1; k < n; k++) {
                sum -= a[r][k] * x[k];
            }
            x[r] = sum / a[r][r];
        }
        return x;
    }
}
