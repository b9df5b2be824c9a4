package org.sparsemdp.spark;

import java.io.Serializable;
import java.util.Arrays;
import org.sparsemdp.generate.PartitionedGarnet;
import org.sparsemdp.generate.SeededGarnetGenerator;
import org.sparsemdp.io.partitioned.ModelBlock;
import org.sparsemdp.model.Mdp;

/**
 * One partition of a distributed model: the contiguous block of states [lo, hi) with all their
 * choices and transitions, as compressed sparse rows in primitive arrays (one object per block,
 * never one per state or transition), serializable so that Spark can ship and cache it.
 *
 * <pre>
 * local state i = s − lo has choices  choiceStart[i] .. choiceStart[i+1]−1   (rebased to 0)
 * local choice c has transitions      transStart[c]  .. transStart[c+1]−1    (rebased to 0)
 * transition k                        successor[k] (GLOBAL state index), probability[k]
 * local choice c                      reward[c]; its global index is firstChoice + c
 *                                     actionIndex[c]: its label in the model's label table, or −1
 *                                     for an unlabelled choice (named by its position in its state)
 * </pre>
 *
 * <p>Memory: 12 bytes per transition, 16 per choice, 4 per state, as in {@link Mdp}. Instances
 * are immutable by convention: the accessors return the internal arrays, which callers must not
 * modify.
 */
public final class StateBlock implements Serializable {
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

    StateBlock(int lo, int hi, int firstChoice, int[] choiceStart, int[] transStart, int[] successor,
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

    /** The block [lo, hi) of {@code mdp}, copied out of its raw arrays (rebased offsets; {@link ModelBlock#slice}). */
    public static StateBlock slice(Mdp mdp, int lo, int hi) {
        return of(ModelBlock.slice(mdp, lo, hi));
    }

    /**
     * The block [lo, hi) of the {@link SeededGarnetGenerator} model {@code spec}, generated here
     * without the rest of the model (exact sizes, no growth); action a of every state has label
     * index a ({@link SeededGarnetGenerator#actionLabels}, {@link PartitionedGarnet#block}).
     */
    public static StateBlock garnet(GarnetSpec spec, int lo, int hi) {
        return of(PartitionedGarnet.block(spec.states(), spec.actions(), spec.branching(), spec.seed(), lo, hi));
    }

    /**
     * The block held by {@code b} (e.g. read from a block file by
     * {@link org.sparsemdp.io.partitioned.PartitionedModelReader}), sharing its arrays.
     */
    public static StateBlock of(ModelBlock b) {
        return new StateBlock(b.lo(), b.hi(), b.firstChoice(), b.choiceStartArray(), b.transitionStartArray(),
                b.successorArray(), b.probabilityArray(), b.rewardArray(), b.actionIndexArray());
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

    /** Local choice offsets per local state (length numStates + 1). */
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

    /** Label table index of each local choice (−1: unlabelled). */
    public int[] actionIndexArray() {
        return actionIndex;
    }

    /** Bytes held by the arrays (12 per transition, 16 per choice, 4 per state). */
    public long bytes() {
        return 12L * successor.length + 16L * reward.length + 4L * choiceStart.length;
    }

    /** Whether the blocks hold the same states, choices and transitions, bit for bit. */
    public boolean sameAs(StateBlock o) {
        return lo == o.lo && hi == o.hi && firstChoice == o.firstChoice && Arrays.equals(choiceStart, o.choiceStart)
                && Arrays.equals(transStart, o.transStart) && Arrays.equals(successor, o.successor)
                && Arrays.equals(probability, o.probability) && Arrays.equals(reward, o.reward)
                && Arrays.equals(actionIndex, o.actionIndex);
    }

    @Override
    public String toString() {
        return "StateBlock[" + lo + ", " + hi + "): " + numChoices() + " choices, " + numTransitions() + " transitions";
    }
}
