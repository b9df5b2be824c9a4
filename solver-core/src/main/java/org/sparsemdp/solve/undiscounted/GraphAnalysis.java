package org.sparsemdp.solve.undiscounted;

import java.util.BitSet;
import org.sparsemdp.model.Mdp;

/**
 * Qualitative reachability on the graph of an MDP (Baier &amp; Katoen, <i>Principles of Model
 * Checking</i>, 2008, §10.6.1, Algorithms 45–46; de Alfaro, PhD thesis, 1997): the states where
 * the optimal probability of eventually reaching a target set T is exactly 0 or exactly 1.
 * <ul>
 *   <li>{@link #prob0A}: Pmax = 0 (every policy reaches T with probability 0);</li>
 *   <li>{@link #prob0E}: Pmin = 0 (some policy avoids T almost surely);</li>
 *   <li>{@link #prob1E}: Pmax = 1 (some policy reaches T almost surely);</li>
 *   <li>{@link #prob1A}: Pmin = 1 (every policy reaches T almost surely).</li>
 * </ul>
 * Terminal states (no choices) outside T reach T with probability 0. Every algorithm is an
 * iterative breadth-first search over a predecessor index built once per instance (no
 * recursion), O(transitions) each, except {@link #prob1E} which nests it in a greatest fixed
 * point (O(states · transitions) in the worst case, a few rounds in practice).
 *
 * <p>Not thread-safe for concurrent calls on one instance only because of its scratch queue;
 * results are new bit sets.
 */
public final class GraphAnalysis {
    private final Mdp mdp;
    private final int n;
    private final int[] choiceStart;
    private final int[] transStart;
    private final int[] successor;
    private final int[] choiceState;
    private final int[] predStart;
    private final int[] predChoice;
    private final int[] queue;

    /** Builds the predecessor index of {@code mdp} (4 bytes per transition and per state). */
    public GraphAnalysis(Mdp mdp) {
        this.mdp = mdp;
        this.n = mdp.numStates();
        this.choiceStart = mdp.choiceStartArray();
        this.transStart = mdp.transitionStartArray();
        this.successor = mdp.successorArray();
        this.choiceState = mdp.choiceStates();
        int m = mdp.numChoices();
        int[] start = new int[n + 1];
        for (int c = 0; c < m; c++) {
            for (int k = transStart[c]; k < transStart[c + 1]; k++) {
                start[successor[k] + 1]++;
            }
        }
        for (int s = 0; s < n; s++) {
            start[s + 1] += start[s];
        }
        int[] pred = new int[start[n]];
        int[] next = java.util.Arrays.copyOf(start, n);
        for (int c = 0; c < m; c++) {
            for (int k = transStart[c]; k < transStart[c + 1]; k++) {
                pred[next[successor[k]]++] = c;
            }
        }
        this.predStart = start;
        this.predChoice = pred;
        this.queue = new int[n];
    }

    /** The model analysed. */
    public Mdp mdp() {
        return mdp;
    }

    /** The state owning each choice (shared array, do not modify). */
    int[] choiceStates() {
        return choiceState;
    }

    /** States from which no path reaches {@code target}: Pmax(F T) = 0. */
    public BitSet prob0A(BitSet target) {
        BitSet reach = existsPathTo(target, null);
        reach.flip(0, n);
        return reach;
    }

    /**
     * States from which some policy avoids {@code target} almost surely: Pmin(F T) = 0. Computed
     * as the complement of the least fixed point R = T ∪ {s : every choice of s (at least one)
     * has a successor in R}.
     */
    public BitSet prob0E(BitSet target) {
        BitSet positive = (BitSet) target.clone();
        int[] remaining = new int[n];
        for (int s = 0; s < n; s++) {
            remaining[s] = choiceStart[s + 1] - choiceStart[s];
        }
        BitSet hit = new BitSet(mdp.numChoices());
        int head = 0;
        int tail = 0;
        for (int t = target.nextSetBit(0); t >= 0 && t < n; t = target.nextSetBit(t + 1)) {
            queue[tail++] = t;
        }
        while (head < tail) {
            int t = queue[head++];
            for (int i = predStart[t]; i < predStart[t + 1]; i++) {
                int c = predChoice[i];
                if (hit.get(c)) {
                    continue;
                }
                hit.set(c);
                int s = choiceState[c];
                if (!positive.get(s) && --remaining[s] == 0) {
                    positive.set(s);
                    queue[tail++] = s;
                }
            }
        }
        positive.flip(0, n);
        return positive;
    }

    /**
     * States where every policy reaches {@code target} almost surely: Pmin(F T) = 1. A policy
     * that avoids T with positive probability ends, with positive probability, in a set where
     * Pmin = 0; so this is the complement of the states that can reach {@link #prob0E} states
     * along paths outside T.
     */
    public BitSet prob1A(BitSet target) {
        BitSet zero = prob0E(target);
        BitSet bad = existsPathTo(zero, target);
        bad.flip(0, n);
        return bad;
    }

    /**
     * States where some policy reaches {@code target} almost surely: Pmax(F T) = 1. Greatest
     * fixed point over U (initially all states) of the states that reach T inside U using only
     * choices whose successors all lie in U (Baier &amp; Katoen, Algorithm 45).
     */
    public BitSet prob1E(BitSet target) {
        return prob1E(target, null);
    }

    /**
     * {@link #prob1E(BitSet)} using only the choices in {@code allowed} (null: all choices).
     */
    public BitSet prob1E(BitSet target, BitSet allowed) {
        int m = mdp.numChoices();
        BitSet u = new BitSet(n);
        u.set(0, n);
        BitSet ok = new BitSet(m);
        while (true) {
            ok.clear();
            for (int c = 0; c < m; c++) {
                if (allowed != null && !allowed.get(c)) {
                    continue;
                }
                boolean inside = true;
                for (int k = transStart[c]; k < transStart[c + 1]; k++) {
                    if (!u.get(successor[k])) {
                        inside = false;
                        break;
                    }
                }
                if (inside) {
                    ok.set(c);
                }
            }
            BitSet r = statesOf(target);
            backwardSearch(r, (c, s) -> ok.get(c), null);
            if (r.equals(u)) {
                return u;
            }
            u = r;
        }
    }

    /**
     * Backward attractor strategy: breadth-first from the states in {@code done}, every state of
     * {@code region} not yet in {@code done} that has a choice in {@code allowed} with a
     * successor already attracted takes that choice in {@code policy} and joins {@code done}.
     * Every state so reached moves, with positive probability, one layer closer to the initial
     * {@code done} set (Baier &amp; Katoen 2008, proof of Lemma 10.111). Modifies {@code done}
     * and {@code policy}; states of the region that cannot be attracted keep their entries.
     */
    void attract(BitSet done, BitSet region, BitSet allowed, int[] policy) {
        backwardSearch(done, (c, s) -> region.get(s) && allowed.get(c), policy);
    }

    /**
     * States with a path to {@code to} whose intermediate states (all but the last) lie outside
     * {@code avoid} (null: none avoided); the states of {@code to} themselves are included.
     */
    public BitSet existsPathTo(BitSet to, BitSet avoid) {
        BitSet reach = statesOf(to);
        backwardSearch(reach, (c, s) -> avoid == null || !avoid.get(s), null);
        return reach;
    }
    /** The states of {@code set} (its bits below the number of states), as a new set. */
    private BitSet statesOf(BitSet set) {
        BitSet states = (BitSet) set.clone();
        if (states.length() > n) {
            states.clear(n, states.length());
        }
        return states;
    }

    /** Which predecessor edges a {@link #backwardSearch} follows. */
    @FunctionalInterface
    private interface Edge {
        /** Whether state {@code s} joins through its choice {@code c} (which has a reached successor). */
        boolean accept(int c, int s);
    }

    /**
     * Breadth-first search backwards from the states of {@code reached} (bits below the number of
     * states): a state not yet reached joins when one of its choices with a reached successor is
     * accepted by {@code edge}; then {@code policy[s]} (if not null) records that choice.
     * Modifies {@code reached}. O(S + T).
     */
    private void backwardSearch(BitSet reached, Edge edge, int[] policy) {
        int head = 0;
        int tail = 0;
        for (int t = reached.nextSetBit(0); t >= 0 && t < n; t = reached.nextSetBit(t + 1)) {
            queue[tail++] = t;
        }
        while (head < tail) {
            int t = queue[head++];
            for (int i = predStart[t]; i < predStart[t + 1]; i++) {
                int c = predChoice[i];
                int s = choiceState[c];
                if (!reached.get(s) && edge.accept(c, s)) {
                    reached.set(s);
                    if (policy != null) {
                        policy[s] = c;
                    }
                    queue[tail++] = s;
                }
            }
        }
    }
}
