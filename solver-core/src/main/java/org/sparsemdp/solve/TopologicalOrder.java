package org.sparsemdp.solve;

import org.sparsemdp.model.Mdp;

/**
 * Topological order of the states of an acyclic model, over the edges s → s' of every choice
 * (all choices, all successors), by Kahn's algorithm (A. B. Kahn, CACM 5(11), 1962): O(S + T)
 * time and memory.
 */
public final class TopologicalOrder {
    private TopologicalOrder() {
    }

    /**
     * The states with every successor before its predecessors (terminal states first), or null
     * if the transition graph has a cycle (a self-loop counts).
     */
    public static int[] successorsFirst(Mdp mdp) {
        final int n = mdp.numStates();
        final int[] choiceStart = mdp.choiceStartArray();
        final int[] transStart = mdp.transitionStartArray();
        final int[] successor = mdp.successorArray();
        int[] pending = new int[n]; // outgoing edges not yet resolved (multi-edges counted)
        int[] inStart = new int[n + 1];
        for (int s = 0; s < n; s++) {
            for (int k = transStart[choiceStart[s]]; k < transStart[choiceStart[s + 1]]; k++) {
                pending[s]++;
                inStart[successor[k] + 1]++;
            }
        }
        for (int s = 0; s < n; s++) {
            inStart[s + 1] += inStart[s];
        }
        int[] fill = inStart.clone();
        int[] source = new int[inStart[n]];
        for (int s = 0; s < n; s++) {
            for (int k = transStart[choiceStart[s]]; k < transStart[choiceStart[s + 1]]; k++) {
                source[fill[successor[k]]++] = s;
            }
        }
        int[] order = new int[n];
        int tail = 0;
        for (int s = 0; s < n; s++) {
            if (pending[s] == 0) {
                order[tail++] = s;
            }
        }
        for (int head = 0; head < tail; head++) {
            int t = order[head];
            for (int i = inStart[t]; i < inStart[t + 1]; i++) {
                int s = source[i];
                if (--pending[s] == 0) {
                    order[tail++] = s;
                }
            }
        }
        return tail == n ? order : null;
    }
}
