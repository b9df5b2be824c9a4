package org.sparsemdp.spark;

import java.io.Serializable;
import org.sparsemdp.io.partitioned.ModelBlock;

/**
 * One block's part of the equation system that distributed interval iteration solves (the
 * block form of the single-machine {@code ReducedSystem}, without end-component merging): the
 * block's states of unknown value ("maybe" states), their usable choices, and per choice the
 * constant into which the rewards and the states of known value are folded,
 * <pre>
 *   value of choice c = constant[c] + Σ_k probability[k] · x[successor[k]]   (successors: maybe states, GLOBAL)
 * </pre>
 * with {@code exit[c]} the probability of moving to a state of known value. Choices leading to
 * a state of value +∞ are left out (they are never optimal for a minimum, and a maximum never
 * sees them: its finite states have no such choice).
 *
 * <p>Memory: about that of the block's maybe part (12 bytes per kept transition, 24 per kept
 * choice, 8 per maybe state), plus 8 bytes per state of the block for the local index and
 * the first choices.
 */
final class ReducedBlock implements Serializable {
    private static final long serialVersionUID = 1L;

    final int lo;
    final int hi;
    /** Global index of each maybe state, increasing. */
    final int[] states;
    /** Position in {@link #states} of each state of [lo, hi), −1 for states of known value. */
    final int[] position;
    final int[] choiceStart;
    final int[] transStart;
    final int[] successor;
    final double[] probability;
    final double[] constant;
    final double[] exit;
    /** Global choice index of each reduced choice. */
    final int[] originalChoice;
    /** First global choice of each state of [lo, hi), −1 for terminal states (their policy). */
    final int[] firstChoice;
    /** Largest number of transitions of a kept choice (for the rounding error), at least 1. */
    final int maxTerms;

    private ReducedBlock(int lo, int hi, int[] states, int[] position, int[] choiceStart, int[] transStart,
                         int[] successor, double[] probability, double[] constant, double[] exit,
                         int[] originalChoice, int[] firstChoice, int maxTerms) {
        this.lo = lo;
        this.hi = hi;
        this.states = states;
        this.position = position;
        this.choiceStart = choiceStart;
        this.transStart = transStart;
        this.successor = successor;
        this.probability = probability;
        this.constant = constant;
        this.exit = exit;
        this.originalChoice = originalChoice;
        this.firstChoice = firstChoice;
        this.maxTerms = maxTerms;
    }

    /**
     * The reduced part of block {@code b}.
     *
     * @param known      per global state its known value, NaN for maybe states
     * @param useRewards whether the block's choice rewards are added to the constants (rewards
     *                   until the target) or not (probabilities)
     * @throws IllegalStateException if a maybe state keeps no choice (a precomputation bug)
     */
    static ReducedBlock of(ModelBlock b, double[] known, boolean useRewards) {
        final int lo = b.lo();
        final int n = b.numStates();
        final int[] cs = b.choiceStartArray();
        final int[] ts = b.transitionStartArray();
        final int[] succ = b.successorArray();
        final double[] prob = b.probabilityArray();
        final double[] reward = b.rewardArray();
        int[] position = new int[n];
        int[] firstChoice = new int[n];
        int count = 0;
        int choices = 0;
        int transitions = 0;
        for (int i = 0; i < n; i++) {
            firstChoice[i] = cs[i] < cs[i + 1] ? b.firstChoice() + cs[i] : -1;
            position[i] = Double.isNaN(known[lo + i]) ? count++ : -1;
            if (position[i] >= 0) {
                for (int c = cs[i]; c < cs[i + 1]; c++) {
                    if (usable(c, ts, succ, known)) {
                        choices++;
                        for (int k = ts[c]; k < ts[c + 1]; k++) {
                            transitions += Double.isNaN(known[succ[k]]) ? 1 : 0;
                        }
                    }
                }
            }
        }
        int[] states = new int[count];
        int[] qStart = new int[count + 1];
        int[] tStart = new int[choices + 1];
        int[] qSucc = new int[transitions];
        double[] qProb = new double[transitions];
        double[] constant = new double[choices];
        double[] exit = new double[choices];
        int[] orig = new int[choices];
        int maxTerms = 1;
        int q = 0;
        int w = 0;
        for (int i = 0; i < n; i++) {
            if (position[i] < 0) {
                continue;
            }
            int p = position[i];
            states[p] = lo + i;
            for (int c = cs[i]; c < cs[i + 1]; c++) {
                if (!usable(c, ts, succ, known)) {
                    continue;
                }
                maxTerms = Math.max(maxTerms, ts[c + 1] - ts[c]);
                double con = useRewards ? reward[c] : 0.0;
                double ex = 0.0;
                for (int k = ts[c]; k < ts[c + 1]; k++) {
                    double v = known[succ[k]];
                    if (Double.isNaN(v)) {
                        qSucc[w] = succ[k];
                        qProb[w++] = prob[k];
                    } else {
                        con += prob[k] * v;
                        ex += prob[k];
                    }
                }
                constant[q] = con;
                exit[q] = ex;
                orig[q] = b.firstChoice() + c;
                tStart[++q] = w;
            }
            qStart[p + 1] = q;
            if (qStart[p] == q) {
                throw new IllegalStateException("state " + (lo + i) + " of unknown value has no usable choice: the"
                        + " graph precomputation should have given it a known value");
            }
        }
        return new ReducedBlock(lo, b.hi(), states, position, qStart, tStart, qSucc, qProb, constant, exit, orig,
                firstChoice, maxTerms);
    }

    /** Whether choice c leads to no state of value +∞. */
    private static boolean usable(int c, int[] ts, int[] succ, double[] known) {
        for (int k = ts[c]; k < ts[c + 1]; k++) {
            if (known[succ[k]] == Double.POSITIVE_INFINITY) {
                return false;
            }
        }
        return true;
    }

    /** Number of maybe states in the block. */
    int numStates() {
        return states.length;
    }

    /** Per reduced choice whether {@code test} holds: the masks of the analyses of the reduced system. */
    boolean[] choices(ChoiceTest test) {
        boolean[] out = new boolean[constant.length];
        for (int c = 0; c < out.length; c++) {
            out[c] = switch (test) {
                case POSITIVE_CONSTANT -> constant[c] > 0;
                case ZERO_CONSTANT -> constant[c] == 0.0;
                case EXITS -> exit[c] > 0;
                case STAYS -> exit[c] == 0.0;
                case STAYS_ZERO_CONSTANT -> exit[c] == 0.0 && constant[c] == 0.0;
            };
        }
        return out;
    }

    /** Per-choice tests of {@link #choices}. */
    enum ChoiceTest {
        /** The choice collects something: constant &gt; 0. */
        POSITIVE_CONSTANT,
        /** Constant exactly 0. */
        ZERO_CONSTANT,
        /** The choice may move to a state of known value. */
        EXITS,
        /** The choice stays among the maybe states. */
        STAYS,
        /** Stays among the maybe states and collects nothing. */
        STAYS_ZERO_CONSTANT
    }

    /** {@link BlockGraph#grow} on this block's reduced graph (recorded choices: reduced indices). */
    int[] grow(boolean[] set, BlockGraph.Rule rule, boolean[] seed, boolean record) {
        return BlockGraph.grow(lo, hi, states, choiceStart, transStart, successor, set, null, rule, null, seed, null, 0,
                record);
    }

    /** {@link BlockGraph#shrink} on this block's reduced graph. */
    int[] shrink(boolean[] set, boolean[] ok) {
        return BlockGraph.shrink(lo, hi, states, choiceStart, transStart, successor, set, ok);
    }

    /** Bytes of the arrays. */
    long bytes() {
        return 12L * successor.length + 28L * constant.length + 4L * states.length + 8L * position.length;
    }

    @Override
    public String toString() {
        return "ReducedBlock[" + lo + ", " + hi + "): " + states.length + " maybe states, " + constant.length
                + " choices, " + successor.length + " transitions";
    }
}
