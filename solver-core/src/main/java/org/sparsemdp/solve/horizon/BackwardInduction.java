package org.sparsemdp.solve.horizon;

import java.util.BitSet;
import org.sparsemdp.model.Mdp;
import org.sparsemdp.model.Objective;
import org.sparsemdp.solve.RunLimits;
import org.sparsemdp.solve.Status;

/**
 * Finite-horizon backward induction (Puterman 1994, §4.5): exact optimal values of step-bounded
 * objectives by {@code steps} Bellman backups from an initial vector.
 *
 * <p>v<sub>0</sub> = initial; for k = 1..steps: v<sub>k</sub>(s) = initial[s] if s is frozen;
 * 0 if s is terminal (no choices) and not frozen; otherwise
 * opt<sub>c</sub> choiceReward[c] + discount · Σ p(c,s') v<sub>k−1</sub>(s'). Stops after
 * exactly {@code steps} backups. PLACEHOLDER for the finite-horizon engine of the horizon contract.
 */
public final class BackwardInduction {
    private BackwardInduction() {
    }

    /**
     * Runs backward induction over {@code steps} steps.
     *
     * @param choiceReward per-choice reward, or null for all zero
     * @param frozen       states that keep their initial value, or null
     * @param limits       run limits; this placeholder accepts only null (unlimited)
     */
    public static HorizonResult run(Mdp mdp, double[] choiceReward, double[] initial, BitSet frozen,
                                    double discount, Objective direction, int steps, boolean keepPolicy,
                                    RunLimits limits) {
        long start = System.nanoTime();
        if (steps < 0) {
            throw new IllegalArgumentException("steps must be >= 0, not " + steps);
        }
        int n = mdp.numStates();
        if (initial.length != n) {
            throw new IllegalArgumentException("initial has " + initial.length + " entries for " + n + " states");
        }
        int[] cs = mdp.choiceStartArray();
        int[] ts = mdp.transitionStartArray();
        int[] succ = mdp.successorArray();
        double[] prob = mdp.probabilityArray();
        boolean max = direction == Objective.MAXIMIZE;
        double[] prev = initial.clone();
        double[] next = new double[n];
        int[][] policy = keepPolicy ? new int[steps][] : null;
        int done = 0;
        for (int k = 1; k <= steps; k++) {
            int[] pol = keepPolicy ? new int[n] : null;
            for (int s = 0; s < n; s++) {
                if (frozen != null && frozen.get(s)) {
                    next[s] = initial[s];
                    if (pol != null) {
                        pol[s] = -1;
                    }
                    continue;
                }
                if (cs[s] == cs[s + 1]) {
                    next[s] = 0.0;
                    if (pol != null) {
                        pol[s] = -1;
                    }
                    continue;
                }
                double best = max ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY;
                int arg = -1;
                for (int c = cs[s]; c < cs[s + 1]; c++) {
                    double q = 0.0;
                    for (int t = ts[c]; t < ts[c + 1]; t++) {
                        q += prob[t] * prev[succ[t]];
                    }
                    q = (choiceReward == null ? 0.0 : choiceReward[c]) + discount * q;
                    if (max ? q > best : q < best) {
                        best = q;
                        arg = c;
                    }
                }
                next[s] = best;
                if (pol != null) {
                    pol[s] = arg;
                }
            }
            if (policy != null) {
                policy[k - 1] = pol;
            }
            double[] tmp = prev;
            prev = next;
            next = tmp;
            done = k;
        }
        return new HorizonResult(prev, steps, policy, Status.CONVERGED, done, (System.nanoTime() - start) / 1e9);
    }
}
