package org.sparsemdp.solve.undiscounted;

import java.util.BitSet;
import org.sparsemdp.model.Mdp;

/**
 * The equation system that interval iteration solves: the "maybe" states of an MDP, with the
 * states of one end component merged into one (the quotient of Haddad &amp; Monmege 2018, §4,
 * and of Baier et al. 2017, §4), and the states whose value is already known (target, value 0
 * or 1, ...) folded into a constant per choice. Choice q of a reduced state has the value
 * <pre>
 *   constant[q] + Σ_k probability[k] · x[successor[k]]        (k over the choice's transitions)
 * </pre>
 * and {@code exit[q]} is the probability of moving to a state of known value. Successors are
 * reduced states; a reduced choice may list a reduced state more than once (harmless).
 */
final class ReducedSystem {
    final int numStates;
    final int[] choiceStart;
    final int[] transStart;
    final int[] successor;
    final double[] probability;
    final double[] constant;
    final double[] exit;
    /** The original choice of each reduced choice. */
    final int[] originalChoice;
    /** The reduced state of each original state, −1 for states of known value. */
    final int[] reducedOf;
    /**
     * The largest number of transitions of an original choice used here: the value of a reduced
     * choice is a sum of at most this many products plus the reward (see {@link IntervalSweeps}).
     */
    final int maxTerms;
    /** {@link ExitRateBounds#of} for this system, computed on first use. */
    private ExitRateBounds exitRate;
    private boolean exitRateKnown;

    private ReducedSystem(int numStates, int[] choiceStart, int[] transStart, int[] successor, double[] probability,
                          double[] constant, double[] exit, int[] originalChoice, int[] reducedOf, int maxTerms) {
        this.maxTerms = maxTerms;
        this.numStates = numStates;
        this.choiceStart = choiceStart;
        this.transStart = transStart;
        this.successor = successor;
        this.probability = probability;
        this.constant = constant;
        this.exit = exit;
        this.originalChoice = originalChoice;
        this.reducedOf = reducedOf;
    }

    /**
     * Builds the system.
     *
     * @param maybe   the states whose value is unknown
     * @param known   the value of every other state (read only where {@code maybe} is clear)
     * @param allowed the choices that may be used (null: all); choices of maybe states outside
     *                it are left out
     * @param merge   end components of maybe states to merge (null: none); a choice internal to
     *                its component ({@link EndComponents#isInternal}) is left out
     * @param reward  per-choice reward added to the constant (null: none)
     */
    static ReducedSystem build(Mdp mdp, BitSet maybe, double[] known, BitSet allowed, EndComponents merge,
                               double[] reward) {
        int n = mdp.numStates();
        int[] cs = mdp.choiceStartArray();
        int[] ts = mdp.transitionStartArray();
        int[] succ = mdp.successorArray();
        double[] prob = mdp.probabilityArray();
        int[] red = new int[n];
        java.util.Arrays.fill(red, -1);
        int count = 0;
        int[] ofComponent = merge == null ? null : new int[merge.count()];
        if (ofComponent != null) {
            java.util.Arrays.fill(ofComponent, -1);
        }
        for (int s = maybe.nextSetBit(0); s >= 0; s = maybe.nextSetBit(s + 1)) {
            int comp = merge == null ? -1 : merge.componentOf(s);
            if (comp >= 0) {
                if (ofComponent[comp] < 0) {
                    ofComponent[comp] = count++;
                }
                red[s] = ofComponent[comp];
            } else {
                red[s] = count++;
            }
        }
        // Pass 1: choices per reduced state.
        int[] qStart = new int[count + 1];
        for (int s = maybe.nextSetBit(0); s >= 0; s = maybe.nextSetBit(s + 1)) {
            for (int c = cs[s]; c < cs[s + 1]; c++) {
                if (uses(c, allowed, merge)) {
                    qStart[red[s] + 1]++;
                }
            }
        }
        for (int q = 0; q < count; q++) {
            qStart[q + 1] += qStart[q];
        }
        int numChoices = qStart[count];
        int[] orig = new int[numChoices];
        int[] next = java.util.Arrays.copyOf(qStart, count);
        int[] tStart = new int[numChoices + 1];
        for (int s = maybe.nextSetBit(0); s >= 0; s = maybe.nextSetBit(s + 1)) {
            for (int c = cs[s]; c < cs[s + 1]; c++) {
                if (uses(c, allowed, merge)) {
                    int q = next[red[s]]++;
                    orig[q] = c;
                    int inside = 0;
                    for (int k = ts[c]; k < ts[c + 1]; k++) {
                        if (red[succ[k]] >= 0) {
                            inside++;
                        }
                    }
                    tStart[q + 1] = inside;
                }
            }
        }
        for (int q = 0; q < numChoices; q++) {
            tStart[q + 1] += tStart[q];
        }
        int[] qSucc = new int[tStart[numChoices]];
        double[] qProb = new double[tStart[numChoices]];
        double[] constant = new double[numChoices];
        double[] exit = new double[numChoices];
        int maxTerms = 1;
        for (int q = 0; q < numChoices; q++) {
            int c = orig[q];
            int w = tStart[q];
            maxTerms = Math.max(maxTerms, ts[c + 1] - ts[c]);
            double con = reward == null ? 0.0 : reward[c];
            double ex = 0.0;
            for (int k = ts[c]; k < ts[c + 1]; k++) {
                int t = succ[k];
                if (red[t] >= 0) {
                    qSucc[w] = red[t];
                    qProb[w++] = prob[k];
                } else {
                    con += prob[k] * known[t];
                    ex += prob[k];
                }
            }
            constant[q] = con;
            exit[q] = ex;
        }
        for (int q = 0; q < count; q++) {
            if (qStart[q] == qStart[q + 1]) {
                throw new IllegalStateException("reduced state " + q + " has no choice: the graph precomputation"
                        + " should have given its states a known value");
            }
        }
        return new ReducedSystem(count, qStart, tStart, qSucc, qProb, constant, exit, orig, red, maxTerms);
    }

    private static boolean uses(int c, BitSet allowed, EndComponents merge) {
        return (allowed == null || allowed.get(c)) && (merge == null || !merge.isInternal(c));
    }

    /**
     * The transitions into each reduced state, grouped by target: for state t, one entry per
     * transition into it in {@code choice[start[t] .. start[t+1]-1]} (the reduced choice it
     * belongs to), and {@code owner[c]} the state of reduced choice c. For the backward
     * breadth-first searches of the graph analysis. O(states + choices + transitions).
     */
    record Incoming(int[] start, int[] choice, int[] owner) {
    }

    /** The {@link Incoming} transitions of this system (a new copy each call). */
    Incoming incoming() {
        int n = numStates;
        int m = choiceStart[n];
        int[] owner = new int[m];
        for (int q = 0; q < n; q++) {
            for (int c = choiceStart[q]; c < choiceStart[q + 1]; c++) {
                owner[c] = q;
            }
        }
        int[] start = new int[n + 1];
        for (int k = 0; k < successor.length; k++) {
            start[successor[k] + 1]++;
        }
        for (int q = 0; q < n; q++) {
            start[q + 1] += start[q];
        }
        int[] choice = new int[start[n]];
        int[] next = java.util.Arrays.copyOf(start, n);
        for (int c = 0; c < m; c++) {
            for (int k = transStart[c]; k < transStart[c + 1]; k++) {
                choice[next[successor[k]]++] = c;
            }
        }
        return new Incoming(start, choice, owner);
    }

    /** {@link ExitRateBounds#of}(this), computed once; null where it does not apply. */
    ExitRateBounds exitRateBounds() {
        if (!exitRateKnown) {
            exitRate = ExitRateBounds.of(this);
            exitRateKnown = true;
        }
        return exitRate;
    }

    /** The value of reduced choice {@code q} for the vector {@code x}. */
    double value(int q, double[] x) {
        double v = constant[q];
        for (int k = transStart[q]; k < transStart[q + 1]; k++) {
            v += probability[k] * x[successor[k]];
        }
        return v;
    }
    /**
     * The subsystem of the states {@code states[from..to-1]} (one strongly connected component),
     * the other states' values taken from {@code outside} and folded into the constants, rounded
     * up by the relative error {@code rel} of {@link IntervalSweeps} (so that an upper bound of
     * the subsystem, with {@code outside} upper bounds, is an upper bound of the whole system).
     *
     * @param local scratch of {@link #numStates} entries; on return {@code local[states[i]]} is
     *              the subsystem's state {@code i - from}, for the given states only
     */
    ReducedSystem restrict(int[] states, int from, int to, double[] outside, double rel, int[] local) {
        int n = to - from;
        for (int i = from; i < to; i++) {
            local[states[i]] = -1;
        }
        for (int i = from; i < to; i++) {
            local[states[i]] = i - from;
        }
        int[] qStart = new int[n + 1];
        for (int i = 0; i < n; i++) {
            int q = states[from + i];
            qStart[i + 1] = qStart[i] + choiceStart[q + 1] - choiceStart[q];
        }
        int m = qStart[n];
        int[] tStart = new int[m + 1];
        int[] orig = new int[m];
        double[] con = new double[m];
        double[] ex = new double[m];
        int c2 = 0;
        for (int i = 0; i < n; i++) {
            int q = states[from + i];
            for (int c = choiceStart[q]; c < choiceStart[q + 1]; c++, c2++) {
                int inside = 0;
                for (int k = transStart[c]; k < transStart[c + 1]; k++) {
                    if (isLocal(successor[k], states, from, to, local)) {
                        inside++;
                    }
                }
                tStart[c2 + 1] = tStart[c2] + inside;
                orig[c2] = originalChoice[c];
            }
        }
        int[] succ = new int[tStart[m]];
        double[] prob = new double[tStart[m]];
        c2 = 0;
        for (int i = 0; i < n; i++) {
            int q = states[from + i];
            for (int c = choiceStart[q]; c < choiceStart[q + 1]; c++, c2++) {
                int w = tStart[c2];
                double v = constant[c];
                double e = exit[c];
                for (int k = transStart[c]; k < transStart[c + 1]; k++) {
                    int t = successor[k];
                    if (isLocal(t, states, from, to, local)) {
                        succ[w] = local[t];
                        prob[w++] = probability[k];
                    } else {
                        v += probability[k] * outside[t];
                        e += probability[k];
                    }
                }
                con[c2] = v + v * rel;
                ex[c2] = e;
            }
        }
        return new ReducedSystem(n, qStart, tStart, succ, prob, con, ex, orig, null, maxTerms);
    }

    private static boolean isLocal(int t, int[] states, int from, int to, int[] local) {
        int i = local[t];
        return i >= 0 && i < to - from && states[from + i] == t;
    }
}
