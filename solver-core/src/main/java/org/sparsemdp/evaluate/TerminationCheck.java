package org.sparsemdp.evaluate;

import org.sparsemdp.model.DeterministicPolicy;
import org.sparsemdp.model.Mdp;
import org.sparsemdp.model.Policy;
import org.sparsemdp.model.StochasticPolicy;

/**
 * Graph test of whether a policy terminates: I − P<sub>π</sub> (γ = 1) is nonsingular if and only
 * if from every state a terminal state is reachable in the graph of P<sub>π</sub> (then P<sub>π</sub>
 * is transient: a finite chain leaves the transient states with probability 1). Backward
 * breadth-first search from the terminal states over the reversed edges; O(S + T<sub>π</sub>) time
 * and memory.
 */
final class TerminationCheck {
    private TerminationCheck() {
    }

    /**
     * Returns −1 if the policy reaches a terminal state from every state, else the first state
     * from which it never terminates.
     */
    static int firstNonTerminating(Mdp mdp, Policy policy) {
        final int n = mdp.numStates();
        final int[] choiceStart = mdp.choiceStartArray();
        final int[] transStart = mdp.transitionStartArray();
        final int[] successor = mdp.successorArray();
        final int[] choice = policy instanceof DeterministicPolicy d ? d.choiceArray() : null;
        final double[] weight = policy instanceof StochasticPolicy p ? p.probabilityArray() : null;
        int[] revStart = new int[n + 1];
        for (int s = 0; s < n; s++) {
            for (int c = choiceStart[s]; c < choiceStart[s + 1]; c++) {
                if (choice != null ? choice[s] == c : weight[c] != 0.0) {
                    for (int k = transStart[c]; k < transStart[c + 1]; k++) {
                        revStart[successor[k] + 1]++;
                    }
                }
            }
        }
        for (int s = 0; s < n; s++) {
            revStart[s + 1] += revStart[s];
        }
        int[] fill = revStart.clone();
        int[] source = new int[revStart[n]];
        for (int s = 0; s < n; s++) {
            for (int c = choiceStart[s]; c < choiceStart[s + 1]; c++) {
                if (choice != null ? choice[s] == c : weight[c] != 0.0) {
                    for (int k = transStart[c]; k < transStart[c + 1]; k++) {
                        source[fill[successor[k]]++] = s;
                    }
                }
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
            for (int i = revStart[t]; i < revStart[t + 1]; i++) {
                int s = source[i];
                if (!reached[s]) {
                    reached[s] = true;
                    queue[tail++] = s;
                }
            }
        }
        for (int s = 0; s < n; s++) {
            if (!reached[s]) {
                return s;
            }
        }
        return -1;
    }
}
