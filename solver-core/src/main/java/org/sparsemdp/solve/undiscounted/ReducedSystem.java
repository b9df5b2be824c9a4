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
}
