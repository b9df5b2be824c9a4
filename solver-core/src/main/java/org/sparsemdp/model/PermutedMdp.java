package org.sparsemdp.model;

import java.util.Arrays;

/**
 * An {@link Mdp} with its states renumbered, together with the maps back to the original
 * numbering: the same model, only stored in another order (for example an order with better
 * memory locality for sweeps, see {@code org.sparsemdp.graph.StateOrdering}).
 *
 * <p>New state i is original state {@code order[i]}. Its choices are the original state's
 * choices in their original order, with the same rewards and action labels; the successors of
 * every choice are renumbered and re-sorted (with their probabilities) so that they increase,
 * as {@link Mdp} requires; the probabilities themselves are copied unchanged, so the permuted
 * model is exactly the original one, relabelled. Initial states are renumbered in their order.
 *
 * <p>Building costs O(S + C + T·log r) time, r being the longest row (each row re-sorted by
 * {@link CanonicalRows#sortBySuccessor}: insertion sort for short rows, quicksort for long
 * ones), and a full copy of the model's arrays plus
 * 8 bytes per state for the two maps.
 */
public final class PermutedMdp {
    private final Mdp original;
    private final Mdp permuted;
    private final int[] order;
    private final int[] position;

    private PermutedMdp(Mdp original, Mdp permuted, int[] order, int[] position) {
        this.original = original;
        this.permuted = permuted;
        this.order = order;
        this.position = position;
    }

    /**
     * Renumbers {@code original} so that new state i is original state {@code order[i]}.
     *
     * @param order a permutation of 0..S−1 (copied)
     * @throws IllegalArgumentException if {@code order} is not a permutation of the states
     */
    public static PermutedMdp of(Mdp original, int[] order) {
        final int n = original.numStates();
        if (order.length != n) {
            throw new IllegalArgumentException("order has " + order.length + " entries for " + n + " states");
        }
        final int[] newToOld = order.clone();
        final int[] oldToNew = new int[n];
        Arrays.fill(oldToNew, -1);
        for (int i = 0; i < n; i++) {
            int s = newToOld[i];
            if (s < 0 || s >= n || oldToNew[s] >= 0) {
                throw new IllegalArgumentException("order is not a permutation of 0.." + (n - 1) + ": entry " + i
                        + " is " + s);
            }
            oldToNew[s] = i;
        }
        return new PermutedMdp(original, permute(original, newToOld, oldToNew), newToOld, oldToNew);
    }

    private static Mdp permute(Mdp mdp, int[] order, int[] position) {
        final int n = mdp.numStates();
        final int[] choiceStart = mdp.choiceStartArray();
        final int[] transStart = mdp.transitionStartArray();
        final int[] successor = mdp.successorArray();
        final double[] probability = mdp.probabilityArray();
        final double[] reward = mdp.rewardArray();
        final int[] actionIndex = mdp.actionIndexArray();
        final int[] newChoiceStart = new int[n + 1];
        final int[] newTransStart = new int[mdp.numChoices() + 1];
        final int[] newSuccessor = new int[successor.length];
        final double[] newProbability = new double[probability.length];
        final double[] newReward = new double[reward.length];
        final int[] newActionIndex = new int[actionIndex.length];
        int c2 = 0;
        int k2 = 0;
        for (int i = 0; i < n; i++) {
            final int s = order[i];
            newChoiceStart[i] = c2;
            for (int c = choiceStart[s]; c < choiceStart[s + 1]; c++, c2++) {
                newTransStart[c2] = k2;
                newReward[c2] = reward[c];
                newActionIndex[c2] = actionIndex[c];
                final int rowStart = k2;
                for (int k = transStart[c]; k < transStart[c + 1]; k++, k2++) {
                    newSuccessor[k2] = position[successor[k]];
                    newProbability[k2] = probability[k];
                }
                CanonicalRows.sortBySuccessor(newSuccessor, newProbability, rowStart, k2);
            }
        }
        newChoiceStart[n] = c2;
        newTransStart[c2] = k2;
        final int[] initial = mdp.initialStates();
        for (int i = 0; i < initial.length; i++) {
            initial[i] = position[initial[i]];
        }
        return Mdp.trusted(n, newChoiceStart, newTransStart, newSuccessor, newProbability, newReward,
                newActionIndex, mdp.actionLabels(), mdp.objective(), mdp.discount(), initial);
    }

    /** The model in its original numbering. */
    public Mdp original() {
        return original;
    }

    /** The renumbered model. */
    public Mdp permuted() {
        return permuted;
    }

    /** The original number of new state {@code i}. */
    public int originalState(int i) {
        return order[i];
    }

    /** The new number of original state {@code s}. */
    public int permutedState(int s) {
        return position[s];
    }

    /**
     * The original (global) index of choice {@code c} of the permuted model: the same position
     * within the state's choices.
     */
    public int originalChoice(int c) {
        final int i = permuted.stateOfChoice(c);
        return original.choiceStart(order[i]) + (c - permuted.choiceStart(i));
    }

    /** Per-state values of the permuted model, in the original numbering (a new array). */
    public double[] valuesToOriginal(double[] values) {
        requireLength(values.length);
        double[] result = new double[values.length];
        for (int i = 0; i < values.length; i++) {
            result[order[i]] = values[i];
        }
        return result;
    }

    /** Per-state values of the original model, in the permuted numbering (a new array). */
    public double[] valuesToPermuted(double[] values) {
        requireLength(values.length);
        double[] result = new double[values.length];
        for (int s = 0; s < values.length; s++) {
            result[position[s]] = values[s];
        }
        return result;
    }

    /**
     * A deterministic policy of the permuted model (per state a global choice index, −1 for
     * none) as a policy of the original model: per original state, the original global index
     * of the same choice (a new array).
     */
    public int[] policyToOriginal(int[] policy) {
        requireLength(policy.length);
        final int[] choiceStart = original.choiceStartArray();
        final int[] newChoiceStart = permuted.choiceStartArray();
        int[] result = new int[policy.length];
        for (int i = 0; i < policy.length; i++) {
            final int c = policy[i];
            final int s = order[i];
            if (c < 0) {
                result[s] = -1;
            } else if (c < newChoiceStart[i] || c >= newChoiceStart[i + 1]) {
                throw new IllegalArgumentException("choice " + c + " does not belong to state " + i);
            } else {
                result[s] = choiceStart[s] + (c - newChoiceStart[i]);
            }
        }
        return result;
    }

    private void requireLength(int length) {
        if (length != order.length) {
            throw new IllegalArgumentException("expected " + order.length + " entries, got " + length);
        }
    }
}
