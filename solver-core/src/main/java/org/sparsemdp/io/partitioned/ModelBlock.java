package org.sparsemdp.io.partitioned;

import java.util.Arrays;
import org.sparsemdp.model.Mdp;
import org.sparsemdp.model.MdpBuilder;

/**
 * The contiguous block of states [lo, hi) of a model with all their choices and transitions, as
 * compressed sparse rows in primitive arrays: the unit that {@link PartitionedModelWriter} writes to
 * one block file and {@link PartitionedModelReader} reads back, one block per machine.
 *
 * <pre>
 * local state i = s − lo has choices  choiceStart[i] .. choiceStart[i+1]−1   (rebased to 0)
 * local choice c has transitions      transStart[c]  .. transStart[c+1]−1    (rebased to 0)
 * transition k                        successor[k] (GLOBAL state index), probability[k]
 * local choice c                      reward[c]; its global index is firstChoice + c
 *                                     actionIndex[c]: its label in the model's label table, or −1
 * </pre>
 *
 * <p>Memory: 12 bytes per transition, 16 per choice, 4 per state. Instances are immutable by
 * convention: the accessors return the internal arrays, which callers must not modify.
 */
public final class ModelBlock implements java.io.Serializable {
    private static final long serialVersionUID = 1L;

    private final int lo;
    private final int hi;
    private final int firstChoice;
    private final int[] choiceStart;
    private final int[] transStart;
    private final int[] successor;
    private final double[] probability;
    private final double[] reward;
    private final int[] actionIndex;

    /** Wraps the arrays (no copies; see the class comment for their layout). */
    public ModelBlock(int lo, int hi, int firstChoice, int[] choiceStart, int[] transStart, int[] successor,
                      double[] probability, double[] reward, int[] actionIndex) {
        this.lo = lo;
        this.hi = hi;
        this.firstChoice = firstChoice;
        this.choiceStart = choiceStart;
        this.transStart = transStart;
        this.successor = successor;
        this.probability = probability;
        this.reward = reward;
        this.actionIndex = actionIndex;
    }

    /** The block [lo, hi) of {@code mdp}, copied out of its raw arrays (rebased offsets). */
    public static ModelBlock slice(Mdp mdp, int lo, int hi) {
        if (lo < 0 || hi > mdp.numStates() || lo > hi) {
            throw new IllegalArgumentException("block [" + lo + ", " + hi + ") is not within the model's "
                    + mdp.numStates() + " states");
        }
        int[] cs = mdp.choiceStartArray();
        int[] ts = mdp.transitionStartArray();
        int c0 = cs[lo];
        int c1 = cs[hi];
        int k0 = ts[c0];
        int k1 = ts[c1];
        int[] choiceStart = new int[hi - lo + 1];
        for (int s = lo; s <= hi; s++) {
            choiceStart[s - lo] = cs[s] - c0;
        }
        int[] transStart = new int[c1 - c0 + 1];
        int[] actionIndex = new int[c1 - c0];
        for (int c = c0; c <= c1; c++) {
            transStart[c - c0] = ts[c] - k0;
        }
        for (int c = c0; c < c1; c++) {
            actionIndex[c - c0] = mdp.actionIndex(c);
        }
        return new ModelBlock(lo, hi, c0, choiceStart, transStart,
                Arrays.copyOfRange(mdp.successorArray(), k0, k1),
                Arrays.copyOfRange(mdp.probabilityArray(), k0, k1),
                Arrays.copyOfRange(mdp.rewardArray(), c0, c1), actionIndex);
    }

    /**
     * Checks the invariants of a model's rows for this block: offsets start at 0, never decrease
     * and end at the array lengths; every choice has a transition, a finite reward and a label
     * index in [−1, labels); successors are in [0, states) and strictly increasing within a choice;
     * probabilities are in (0, 1] and each choice's sum is 1 within
     * {@link MdpBuilder#DEFAULT_PROBABILITY_TOLERANCE} (the checks of {@link Mdp#fromArrays}).
     *
     * @return null if the block is valid, else the first problem found, naming the state and choice
     */
    public String problem(int states, int labels) {
        if (choiceStart.length != hi - lo + 1 || choiceStart[0] != 0 || transStart.length != reward.length + 1
                || transStart[0] != 0 || choiceStart[hi - lo] != reward.length || actionIndex.length != reward.length
                || successor.length != probability.length || transStart[reward.length] != successor.length) {
            return "the offsets do not match the array lengths";
        }
        for (int i = 0; i < hi - lo; i++) {
            if (choiceStart[i + 1] < choiceStart[i]) {
                return "state " + (lo + i) + ": choice offsets decrease";
            }
            for (int c = choiceStart[i]; c < choiceStart[i + 1]; c++) {
                String where = "state " + (lo + i) + ", choice " + (firstChoice + c) + ": ";
                int begin = transStart[c];
                int end = transStart[c + 1];
                if (end <= begin) {
                    return where + "no transitions (or decreasing offsets)";
                }
                if (!Double.isFinite(reward[c])) {
                    return where + "reward " + reward[c] + " is not finite";
                }
                if (actionIndex[c] < -1 || actionIndex[c] >= labels) {
                    return where + "action index " + actionIndex[c] + " is not in [-1, " + labels + ")";
                }
                double sum = 0;
                int previous = -1;
                for (int k = begin; k < end; k++) {
                    if (successor[k] <= previous || successor[k] >= states) {
                        return where + "successor " + successor[k] + " is out of range or out of order";
                    }
                    previous = successor[k];
                    if (!(probability[k] > 0 && probability[k] <= 1)) {
                        return where + "probability " + probability[k] + " is not in (0, 1]";
                    }
                    sum += probability[k];
                }
                if (Math.abs(sum - 1) > MdpBuilder.DEFAULT_PROBABILITY_TOLERANCE) {
                    return where + "probabilities sum to " + sum + ", not 1";
                }
            }
        }
        return null;
    }

    /** First state of the block. */
    public int lo() {
        return lo;
    }

    /** One past the last state of the block. */
    public int hi() {
        return hi;
    }

    /** Number of states in the block. */
    public int numStates() {
        return hi - lo;
    }

    /** Global index of the block's first choice. */
    public int firstChoice() {
        return firstChoice;
    }

    /** Number of choices in the block. */
    public int numChoices() {
        return reward.length;
    }

    /** Number of transitions in the block. */
    public long numTransitions() {
        return successor.length;
    }

    /** Local choice offsets per local state (length hi − lo + 1). */
    public int[] choiceStartArray() {
        return choiceStart;
    }

    /** Local transition offsets per local choice (length numChoices + 1). */
    public int[] transitionStartArray() {
        return transStart;
    }

    /** Global successor state of each transition. */
    public int[] successorArray() {
        return successor;
    }

    /** Probability of each transition. */
    public double[] probabilityArray() {
        return probability;
    }

    /** Reward (or cost) of each local choice. */
    public double[] rewardArray() {
        return reward;
    }

    /** Label table index of each local choice (−1: unlabelled). */
    public int[] actionIndexArray() {
        return actionIndex;
    }

    /**
     * The action label of local choice {@code c}, as {@link Mdp#actionLabel} names it: from the
     * model's label table {@code labels}, or the choice's position within its state when unlabelled.
     *
     * @param state the local state of the choice
     */
    public String actionLabel(int state, int c, String[] labels) {
        int a = actionIndex[c];
        return a >= 0 ? labels[a] : Integer.toString(c - choiceStart[state]);
    }

    /** Bytes held by the arrays (12 per transition, 16 per choice, 4 per state). */
    public long bytes() {
        return 12L * successor.length + 16L * reward.length + 4L * choiceStart.length;
    }

    /** Whether the blocks hold the same states, choices and transitions, bit for bit. */
    public boolean sameAs(ModelBlock o) {
        return lo == o.lo && hi == o.hi && firstChoice == o.firstChoice && Arrays.equals(choiceStart, o.choiceStart)
                && Arrays.equals(transStart, o.transStart) && Arrays.equals(successor, o.successor)
                && Arrays.equals(probability, o.probability) && Arrays.equals(reward, o.reward)
                && Arrays.equals(actionIndex, o.actionIndex);
    }

    @Override
    public String toString() {
        return "ModelBlock[" + lo + ", " + hi + "): " + numChoices() + " choices, " + numTransitions() + " transitions";
    }
}
