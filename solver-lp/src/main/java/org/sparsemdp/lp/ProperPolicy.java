package org.sparsemdp.lp;

import org.sparsemdp.model.Mdp;
import org.sparsemdp.solve.BellmanKernel;

/**
 * A proper optimal policy from optimal values of a total-reward (discount 1) model: with zero-cost
 * cycles, the greedy policy of v* may loop forever (for example a zero-cost self-loop next to a
 * costly exit, which ties with the exit), and such an improper policy does not attain v*. Among the
 * value-optimal choices (|Q(s, c) − v(s)| within a tolerance), a backward breadth-first search from
 * the terminal states gives every state it reaches a choice with a successor reached earlier, so
 * that under the policy every such state reaches a terminal state with positive probability within
 * as many steps as there are states, hence with probability 1 (Bertsekas &amp; Tsitsiklis 1991, "An
 * analysis of stochastic shortest path problems", Math. Oper. Res. 16: a proper policy attaining
 * the optimal values exists when the optimal values are finite). States the search does not reach
 * keep their greedy choice. O(S + C + T) time and memory.
 */
final class ProperPolicy {
    private ProperPolicy() {
    }

    /**
     * Overwrites {@code policy} (greedy for v) with a proper choice among the optimal ones where the
     * search reaches.
     *
     * @param slack the absolute tolerance below which a choice counts as optimal, beyond a relative
     *              1e-9 of the value
     * @return the number of states the search did not reach: 0 means the policy is proper (every
     *         state reaches a terminal state with probability 1); otherwise those states, and states
     *         whose chosen choice can lead to them, may not terminate
     */
    static int extract(Mdp mdp, double[] v, int[] policy, double slack) {
        final int n = mdp.numStates();
        final int[] choiceStart = mdp.choiceStartArray();
        final int[] transStart = mdp.transitionStartArray();
        final int[] successor = mdp.successorArray();
        final int[] choiceState = mdp.choiceStates();
        final int m = mdp.numChoices();
        // predecessor choices of each state, CSR
        int[] predStart = new int[n + 1];
        for (int k = 0; k < transStart[m]; k++) {
            predStart[successor[k] + 1]++;
        }
        for (int s = 0; s < n; s++) {
            predStart[s + 1] += predStart[s];
        }
        int[] fill = predStart.clone();
        int[] predChoice = new int[transStart[m]];
        for (int c = 0; c < m; c++) {
            for (int k = transStart[c]; k < transStart[c + 1]; k++) {
                predChoice[fill[successor[k]]++] = c;
            }
        }
        boolean[] reached = new boolean[n];
        int[] queue = new int[n];
        int head = 0;
        int tail = 0;
        for (int s = 0; s < n; s++) {
            if (choiceStart[s] == choiceStart[s + 1]) {
                reached[s] = true;
                queue[tail++] = s;
            }
        }
        while (head < tail) {
            int t = queue[head++];
            for (int i = predStart[t]; i < predStart[t + 1]; i++) {
                int c = predChoice[i];
                int s = choiceState[c];
                if (reached[s]) {
                    continue;
                }
                double q = BellmanKernel.qValue(mdp, c, v);
                if (Math.abs(q - v[s]) <= slack + 1e-9 * Math.max(1.0, Math.abs(v[s]))) {
                    reached[s] = true;
                    policy[s] = c;
                    queue[tail++] = s;
                }
            }
        }
        return n - tail;
    }
}
