package org.sparsemdp.solve.undiscounted;

import java.util.Arrays;
import java.util.BitSet;
import org.sparsemdp.model.Mdp;

/**
 * Maximal end components (MECs) of an MDP restricted to a set of states and a set of choices.
 *
 * <p>An end component is a set of states C with, for each of them, a non-empty set of choices
 * whose successors all lie in C, such that the graph they induce is strongly connected. The
 * maximal ones are found by the classical refinement (de Alfaro 1997; Baier &amp; Katoen 2008,
 * Algorithm 47): compute the strongly connected components of the graph of the remaining
 * choices, delete every choice that has a successor outside its state's component, delete states
 * left without choices, and repeat until nothing changes. SCCs are computed by an iterative
 * Tarjan search (explicit stack, no recursion). Worst case O(states · transitions); usually a
 * few rounds of O(transitions).
 */
public final class EndComponents {
    private final int[] component;
    private final int count;
    private final BitSet choices;

    private EndComponents(int[] component, int count, BitSet choices) {
        this.component = component;
        this.count = count;
        this.choices = choices;
    }

    /**
     * The MECs of {@code mdp} inside {@code states}, using only choices in {@code allowed} (null:
     * all choices of those states).
     */
    public static EndComponents maximal(Mdp mdp, BitSet states, BitSet allowed) {
        int n = mdp.numStates();
        int[] cs = mdp.choiceStartArray();
        int[] ts = mdp.transitionStartArray();
        int[] succ = mdp.successorArray();
        BitSet alive = (BitSet) states.clone();
        BitSet live = new BitSet(mdp.numChoices());
        for (int s = alive.nextSetBit(0); s >= 0; s = alive.nextSetBit(s + 1)) {
            for (int c = cs[s]; c < cs[s + 1]; c++) {
                if (allowed == null || allowed.get(c)) {
                    live.set(c);
                }
            }
        }
        int[] scc = new int[n];
        Tarjan tarjan = new Tarjan(n);
        while (true) {
            boolean changed = false;
            // Choices leaving the alive set, and states without choices, go first.
            for (int s = alive.nextSetBit(0); s >= 0; s = alive.nextSetBit(s + 1)) {
                boolean any = false;
                for (int c = cs[s]; c < cs[s + 1]; c++) {
                    if (!live.get(c)) {
                        continue;
                    }
                    for (int k = ts[c]; k < ts[c + 1]; k++) {
                        if (!alive.get(succ[k])) {
                            live.clear(c);
                            changed = true;
                            break;
                        }
                    }
                    any |= live.get(c);
                }
                if (!any) {
                    alive.clear(s);
                    changed = true;
                }
            }
            if (changed) {
                continue;
            }
            tarjan.run(mdp, alive, live, scc);
            for (int s = alive.nextSetBit(0); s >= 0; s = alive.nextSetBit(s + 1)) {
                for (int c = cs[s]; c < cs[s + 1]; c++) {
                    if (!live.get(c)) {
                        continue;
                    }
                    for (int k = ts[c]; k < ts[c + 1]; k++) {
                        if (scc[succ[k]] != scc[s]) {
                            live.clear(c);
                            changed = true;
                            break;
                        }
                    }
                }
            }
            if (!changed) {
                int[] component = new int[n];
                Arrays.fill(component, -1);
                int[] renumber = new int[n];
                Arrays.fill(renumber, -1);
                int count = 0;
                for (int s = alive.nextSetBit(0); s >= 0; s = alive.nextSetBit(s + 1)) {
                    if (renumber[scc[s]] < 0) {
                        renumber[scc[s]] = count++;
                    }
                    component[s] = renumber[scc[s]];
                }
                return new EndComponents(component, count, live);
            }
        }
    }

    /** Number of MECs. */
    public int count() {
        return count;
    }

    /** The MEC of state {@code s} (0..count-1), or −1 if {@code s} is in none. */
    public int componentOf(int s) {
        return component[s];
    }

    /** Whether choice {@code c} belongs to its state's MEC (all its successors stay inside). */
    public boolean isInternal(int c) {
        return choices.get(c);
    }

    /** The internal choices of all MECs (shared, do not modify). */
    BitSet internalChoices() {
        return choices;
    }

    /** Iterative Tarjan SCC search over alive states and live choices. */
    private static final class Tarjan {
        final int[] index;
        final int[] low;
        final int[] stack;
        final BitSet onStack;
        final int[] callState;
        final int[] callChoice;
        final int[] callTrans;

        Tarjan(int n) {
            index = new int[n];
            low = new int[n];
            stack = new int[n];
            onStack = new BitSet(n);
            callState = new int[n];
            callChoice = new int[n];
            callTrans = new int[n];
        }

        void run(Mdp mdp, BitSet alive, BitSet live, int[] scc) {
            int[] cs = mdp.choiceStartArray();
            int[] ts = mdp.transitionStartArray();
            int[] succ = mdp.successorArray();
            Arrays.fill(index, -1);
            onStack.clear();
            int counter = 0;
            int sp = 0;
            int sccCount = 0;
            for (int root = alive.nextSetBit(0); root >= 0; root = alive.nextSetBit(root + 1)) {
                if (index[root] >= 0) {
                    continue;
                }
                int depth = 0;
                index[root] = low[root] = counter++;
                stack[sp++] = root;
                onStack.set(root);
                callState[0] = root;
                callChoice[0] = cs[root];
                callTrans[0] = cs[root] < cs[root + 1] ? ts[cs[root]] : 0;
                depth = 1;
                while (depth > 0) {
                    int v = callState[depth - 1];
                    int c = callChoice[depth - 1];
                    int k = callTrans[depth - 1];
                    boolean descended = false;
                    while (c < cs[v + 1]) {
                        if (!live.get(c) || k >= ts[c + 1]) {
                            c++;
                            k = c < cs[v + 1] ? ts[c] : 0;
                            continue;
                        }
                        int w = succ[k++];
                        if (!alive.get(w)) {
                            continue;
                        }
                        if (index[w] < 0) {
                            callChoice[depth - 1] = c;
                            callTrans[depth - 1] = k;
                            index[w] = low[w] = counter++;
                            stack[sp++] = w;
                            onStack.set(w);
                            callState[depth] = w;
                            callChoice[depth] = cs[w];
                            callTrans[depth] = cs[w] < cs[w + 1] ? ts[cs[w]] : 0;
                            depth++;
                            descended = true;
                            break;
                        } else if (onStack.get(w) && index[w] < low[v]) {
                            low[v] = index[w];
                        }
                    }
                    if (descended) {
                        continue;
                    }
                    if (low[v] == index[v]) {
                        int w;
                        do {
                            w = stack[--sp];
                            onStack.clear(w);
                            scc[w] = sccCount;
                        } while (w != v);
                        sccCount++;
                    }
                    depth--;
                    if (depth > 0) {
                        int parent = callState[depth - 1];
                        if (low[v] < low[parent]) {
                            low[parent] = low[v];
                        }
                    }
                }
            }
        }
    }
}
