package org.sparsemdp.solve;

import org.sparsemdp.model.Mdp;
import org.sparsemdp.model.Objective;

/**
 * The improvement step shared by policy iteration and modified policy iteration: one Bellman
 * sweep T v (with the range of δ = T v − v, for {@link SpanBounds}) and the greedy policy, then an
 * update of the incumbent policy that switches a state's choice only on a strict improvement
 * beyond a relative tolerance, so that ties and rounding noise cannot make the method cycle
 * (Puterman 1994, §6.4.2: "set d_{n+1}(s) = d_n(s) if possible").
 */
final class PolicyImprovement {
    private PolicyImprovement() {
    }

    /**
     * @param v       current values (read only)
     * @param tv      receives T v
     * @param greedy  receives the first choice attaining T v per state (−1 for terminal states)
     * @param current the incumbent policy, updated in place
     * @param range   receives min δ and max δ
     * @param tie     relative tolerance: switch only if the greedy Q-value beats the incumbent's by
     *                more than {@code max(tie · max(1, |Q_incumbent|), noise)}
     * @param noise   absolute tolerance: the uncertainty of the Q-values (2γ times the error bound
     *                of an approximately evaluated v), 0 if none
     * @return the number of states whose choice changed
     */
    static int improve(Mdp mdp, double[] v, double[] tv, int[] greedy, int[] current, double[] range, double tie,
                       double noise) {
        final int n = mdp.numStates();
        BellmanKernel.jacobiSweep(mdp, v, tv, greedy, 0, n, range);
        final boolean minimize = mdp.objective() == Objective.MINIMIZE;
        int changes = 0;
        for (int s = 0; s < n; s++) {
            int g = greedy[s];
            if (g == current[s]) {
                continue;
            }
            if (current[s] < 0) {
                current[s] = g;
                changes++;
                continue;
            }
            double incumbent = BellmanKernel.qValue(mdp, current[s], v);
            double gain = minimize ? incumbent - tv[s] : tv[s] - incumbent;
            if (gain > Math.max(tie * Math.max(1.0, Math.abs(incumbent)), noise)) {
                current[s] = g;
                changes++;
            }
        }
        return changes;
    }
}
