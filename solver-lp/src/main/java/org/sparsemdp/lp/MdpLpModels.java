package org.sparsemdp.lp;

import java.util.List;
import org.sparsemdp.model.Mdp;
import org.sparsemdp.model.Objective;

/**
 * Builds the two linear programs of an MDP (Puterman 1994, <i>Markov Decision Processes</i>,
 * §6.9 for γ &lt; 1 and §7.2.7 for the total-reward case; d'Epenoux 1963). Terminal states have
 * the fixed value 0 and are not variables; transitions into them simply drop out.
 *
 * <p>Primal, one free variable v(s) per non-terminal state, one row per choice c = (s,a):
 * <pre>
 *   costs (min):    max Σ ρ0(s) v(s)  s.t.  v(s) − γ Σ_s' p(s'|c) v(s') ≤ r(c)
 *   rewards (max):  min Σ ρ0(s) v(s)  s.t.  v(s) − γ Σ_s' p(s'|c) v(s') ≥ r(c)
 * </pre>
 * Dual, one variable x(c) ≥ 0 per choice (the discounted occupancy measure), one equality row
 * per non-terminal state s', then one row per cost constraint k:
 * <pre>
 *   opt Σ r(c) x(c)  s.t.  Σ_{c of s'} x(c) − γ Σ_c p(s'|c) x(c) = ρ0(s'),   Σ_c c_k(c) x(c) ≤ b_k
 * </pre>
 * with opt = min for costs, max for rewards (Altman 1999, <i>Constrained Markov Decision
 * Processes</i>, ch. 3, for the cost rows).
 */
final class MdpLpModels {
    private MdpLpModels() {
    }

    /** Per state its LP index among the non-terminal states, −1 for terminal states. */
    static int[] stateIndex(Mdp mdp) {
        int n = mdp.numStates();
        int[] index = new int[n];
        int next = 0;
        for (int s = 0; s < n; s++) {
            index[s] = mdp.isTerminal(s) ? -1 : next++;
        }
        return index;
    }

    static int count(int[] stateIndex) {
        int n = 0;
        for (int j : stateIndex) {
            if (j >= 0) {
                n++;
            }
        }
        return n;
    }

    /** The primal LP; columns are the non-terminal states in {@code stateIndex} order. */
    static SparseLp primal(Mdp mdp, double[] rho, int[] stateIndex) {
        int cols = count(stateIndex);
        double[] objective = new double[cols];
        double[] lo = new double[cols];
        double[] hi = new double[cols];
        java.util.Arrays.fill(lo, Double.NEGATIVE_INFINITY);
        java.util.Arrays.fill(hi, Double.POSITIVE_INFINITY);
        for (int s = 0; s < stateIndex.length; s++) {
            if (stateIndex[s] >= 0) {
                objective[stateIndex[s]] = rho[s];
            }
        }
        boolean costs = mdp.objective() == Objective.MINIMIZE;
        SparseLp lp = new SparseLp(costs, cols, objective, lo, hi);
        int[] succ = mdp.successorArray();
        double[] prob = mdp.probabilityArray();
        double[] reward = mdp.rewardArray();
        double gamma = mdp.discount();
        for (int s = 0; s < stateIndex.length; s++) {
            int js = stateIndex[s];
            for (int c = mdp.choiceStart(s); c < mdp.choiceEnd(s); c++) {
                double self = 1.0;
                int kEnd = mdp.transitionEnd(c);
                for (int k = mdp.transitionStart(c); k < kEnd; k++) {
                    if (succ[k] == s) {
                        self -= gamma * prob[k];
                    }
                }
                lp.add(js, self);
                for (int k = mdp.transitionStart(c); k < kEnd; k++) {
                    int j = stateIndex[succ[k]];
                    if (succ[k] != s && j >= 0) {
                        lp.add(j, -gamma * prob[k]);
                    }
                }
                if (costs) {
                    lp.endRow(Double.NEGATIVE_INFINITY, reward[c]);
                } else {
                    lp.endRow(reward[c], Double.POSITIVE_INFINITY);
                }
            }
        }
        return lp;
    }

    /**
     * The dual LP; columns are the choices (global choice index), rows the non-terminal states
     * in {@code stateIndex} order, then one row per constraint.
     */
    static SparseLp dual(Mdp mdp, double[] rho, int[] stateIndex, List<CostConstraint> constraints) {
        int cols = mdp.numChoices();
        int rows = count(stateIndex);
        double[] lo = new double[cols];
        double[] hi = new double[cols];
        java.util.Arrays.fill(hi, Double.POSITIVE_INFINITY);
        SparseLp lp = new SparseLp(mdp.objective() == Objective.MAXIMIZE, cols, mdp.rewardArray().clone(), lo, hi);
        // Transpose the choice-major transition structure into state-major rows (counting sort).
        int[] succ = mdp.successorArray();
        double[] prob = mdp.probabilityArray();
        double gamma = mdp.discount();
        int[] owner = mdp.choiceStates();
        int[] rowStart = new int[rows + 1];
        for (int c = 0; c < cols; c++) {
            int s = owner[c];
            rowStart[stateIndex[s] + 1]++;
            for (int k = mdp.transitionStart(c); k < mdp.transitionEnd(c); k++) {
                if (succ[k] != s && stateIndex[succ[k]] >= 0) {
                    rowStart[stateIndex[succ[k]] + 1]++;
                }
            }
        }
        for (int i = 0; i < rows; i++) {
            rowStart[i + 1] += rowStart[i];
        }
        int[] fill = java.util.Arrays.copyOf(rowStart, rows);
        int[] col = new int[rowStart[rows]];
        double[] val = new double[rowStart[rows]];
        for (int c = 0; c < cols; c++) {
            int s = owner[c];
            double self = 1.0;
            for (int k = mdp.transitionStart(c); k < mdp.transitionEnd(c); k++) {
                if (succ[k] == s) {
                    self -= gamma * prob[k];
                } else if (stateIndex[succ[k]] >= 0) {
                    int p = fill[stateIndex[succ[k]]]++;
                    col[p] = c;
                    val[p] = -gamma * prob[k];
                }
            }
            int p = fill[stateIndex[s]]++;
            col[p] = c;
            val[p] = self;
        }
        for (int s = 0; s < stateIndex.length; s++) {
            int i = stateIndex[s];
            if (i < 0) {
                continue;
            }
            for (int p = rowStart[i]; p < rowStart[i + 1]; p++) {
                lp.add(col[p], val[p]);
            }
            lp.endRow(rho[s], rho[s]);
        }
        for (CostConstraint k : constraints) {
            double[] cost = k.costs();
            if (cost.length != cols) {
                throw new IllegalArgumentException("constraint '" + k.name() + "' has " + cost.length
                        + " costs but the model has " + cols + " choices");
            }
            for (int c = 0; c < cols; c++) {
                if (cost[c] != 0) {
                    lp.add(c, cost[c]);
                }
            }
            lp.endRow(Double.NEGATIVE_INFINITY, k.budget());
        }
        return lp;
    }
}
