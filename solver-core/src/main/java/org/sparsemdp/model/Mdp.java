package org.sparsemdp.model;

import java.util.Arrays;
import java.util.Collections;
import java.util.List;

/**
 * An immutable finite Markov decision process stored as two-level compressed sparse rows.
 *
 * <pre>
 * state s has choices       choiceStart[s] .. choiceStart[s+1]-1     (int[S+1])
 * choice c has transitions  transStart[c]  .. transStart[c+1]-1      (int[C+1])
 * transition k              successor[k] (int), probability[k] (double)
 * choice c                  reward[c] (expected immediate reward or cost r(s,a)),
 *                           actionIndex[c] into a table of distinct action labels
 * </pre>
 *
 * <p>A state without choices is <em>terminal</em>: absorbing, with value 0. Choices of a state
 * are stored in the order they were given; within a choice the successors are strictly
 * increasing and every probability lies in (0, 1], the row summing to one (see
 * {@link MdpBuilder} for the tolerance and the renormalisation that make this exact up to
 * rounding).
 *
 * <p>The {@link #objective()} says whether rewards are costs to minimise or rewards to maximise;
 * {@link #discount()} is the discount factor γ with 0 &lt; γ ≤ 1 (γ = 1: total reward until a
 * terminal state).
 *
 * <p>Memory: 12 bytes per transition, 16 per choice (offset, reward, action index) and 4 per
 * state. The {@code *Array()} accessors return the internal arrays without copying so that
 * solvers can run unchecked inner loops over them; callers must never modify them.
 *
 * <p>Instances are created by {@link MdpBuilder} or, for readers that produce the arrays
 * directly, by {@link #fromArrays}. Both validate every invariant.
 */
public final class Mdp {
    private final int numStates;
    private final int[] choiceStart;
    private final int[] transStart;
    private final int[] successor;
    private final double[] probability;
    private final double[] reward;
    private final int[] actionIndex;
    private final List<String> actionLabels;
    private final Objective objective;
    private final double discount;
    private final int[] initialStates;

    private Mdp(int numStates, int[] choiceStart, int[] transStart, int[] successor,
                double[] probability, double[] reward, int[] actionIndex, List<String> actionLabels,
                Objective objective, double discount, int[] initialStates) {
        this.numStates = numStates;
        this.choiceStart = choiceStart;
        this.transStart = transStart;
        this.successor = successor;
        this.probability = probability;
        this.reward = reward;
        this.actionIndex = actionIndex;
        this.actionLabels = actionLabels;
        this.objective = objective;
        this.discount = discount;
        this.initialStates = initialStates;
    }

    /**
     * Wraps ready-made CSR arrays, taking ownership of them (no copies), after checking every
     * invariant stated in the class comment.
     *
     * @param actionIndex  per choice, an index into {@code actionLabels}, or -1 for an unlabelled
     *                     choice (its label is then its position within its state)
     * @param actionLabels distinct action labels
     * @throws InvalidModelException naming the first offending state and choice
     */
    public static Mdp fromArrays(int numStates, int[] choiceStart, int[] transStart, int[] successor,
                                 double[] probability, double[] reward, int[] actionIndex,
                                 List<String> actionLabels, Objective objective, double discount,
                                 int[] initialStates) {
        ModelChecks.checkDiscount(discount);
        if (objective == null) {
            throw new InvalidModelException("objective must be given");
        }
        ModelChecks.checkStructure(numStates, choiceStart, transStart, successor, probability, reward,
                actionIndex, actionLabels.size());
        ModelChecks.checkInitialStates(initialStates, numStates);
        return new Mdp(numStates, choiceStart, transStart, successor, probability, reward, actionIndex,
                List.copyOf(actionLabels), objective, discount, initialStates.clone());
    }

    /**
     * Wraps arrays whose every choice was already checked by {@link MdpBuilder} as it was added;
     * the invariants are therefore not checked a second time.
     */
    static Mdp trusted(int numStates, int[] choiceStart, int[] transStart, int[] successor, double[] probability,
                       double[] reward, int[] actionIndex, List<String> actionLabels, Objective objective,
                       double discount, int[] initialStates) {
        return new Mdp(numStates, choiceStart, transStart, successor, probability, reward, actionIndex,
                List.copyOf(actionLabels), objective, discount, initialStates.clone());
    }

    /** Number of states S; states are 0..S-1. */
    public int numStates() {
        return numStates;
    }

    /** Total number of choices (state-action pairs) C. */
    public int numChoices() {
        return transStart.length - 1;
    }

    /** Total number of transitions T (non-zero probabilities). */
    public long numTransitions() {
        return successor.length;
    }

    /** First choice of state {@code s}. */
    public int choiceStart(int s) {
        return choiceStart[s];
    }

    /** One past the last choice of state {@code s}. */
    public int choiceEnd(int s) {
        return choiceStart[s + 1];
    }

    /** Number of choices of state {@code s}; 0 for a terminal state. */
    public int numChoices(int s) {
        return choiceStart[s + 1] - choiceStart[s];
    }

    /** Whether {@code s} has no choices (absorbing with value 0). */
    public boolean isTerminal(int s) {
        return choiceStart[s + 1] == choiceStart[s];
    }

    /** First transition of choice {@code c}. */
    public int transitionStart(int c) {
        return transStart[c];
    }

    /** One past the last transition of choice {@code c}. */
    public int transitionEnd(int c) {
        return transStart[c + 1];
    }

    /** Successor state of transition {@code k}. */
    public int successor(int k) {
        return successor[k];
    }

    /** Probability of transition {@code k}. */
    public double probability(int k) {
        return probability[k];
    }

    /** Expected immediate reward (or cost) of choice {@code c}. */
    public double reward(int c) {
        return reward[c];
    }

    /** Index of the action label of choice {@code c} in {@link #actionLabels()}, or -1 if unlabelled. */
    public int actionIndex(int c) {
        return actionIndex[c];
    }

    /**
     * The action label of choice {@code c}. An unlabelled choice is named by its position within
     * its state ({@code "0"}, {@code "1"}, ...).
     */
    public String actionLabel(int c) {
        int a = actionIndex[c];
        return a >= 0 ? actionLabels.get(a) : Integer.toString(c - choiceStart[stateOfChoice(c)]);
    }

    /** The distinct action labels, in order of first appearance. */
    public List<String> actionLabels() {
        return actionLabels;
    }

    /**
     * The choice of state {@code s} whose label is {@code label}, or -1 if none. Unlabelled
     * choices match their position within the state.
     */
    public int findChoice(int s, String label) {
        for (int c = choiceStart[s]; c < choiceStart[s + 1]; c++) {
            int a = actionIndex[c];
            if (a >= 0 ? actionLabels.get(a).equals(label) : Integer.toString(c - choiceStart[s]).equals(label)) {
                return c;
            }
        }
        return -1;
    }

    /** The state that owns choice {@code c} (binary search, O(log S)). */
    public int stateOfChoice(int c) {
        if (c < 0 || c >= numChoices()) {
            throw new IndexOutOfBoundsException("choice " + c + " out of range 0.." + (numChoices() - 1));
        }
        int lo = 0;
        int hi = numStates - 1;
        while (lo < hi) { // last s with choiceStart[s] <= c
            int mid = (lo + hi + 1) >>> 1;
            if (choiceStart[mid] <= c) {
                lo = mid;
            } else {
                hi = mid - 1;
            }
        }
        return lo;
    }

    /** A new array mapping every choice to its state (4 bytes per choice). */
    public int[] choiceStates() {
        int[] owner = new int[numChoices()];
        for (int s = 0; s < numStates; s++) {
            Arrays.fill(owner, choiceStart[s], choiceStart[s + 1], s);
        }
        return owner;
    }

    /** Whether choices are costs to minimise or rewards to maximise. */
    public Objective objective() {
        return objective;
    }

    /** Discount factor γ, 0 &lt; γ ≤ 1; 1 means undiscounted total reward. */
    public double discount() {
        return discount;
    }

    /** Whether γ &lt; 1. */
    public boolean isDiscounted() {
        return discount < 1.0;
    }

    /** The initial states (at least one); the first is the primary initial state. */
    public int[] initialStates() {
        return initialStates.clone();
    }

    /** The primary initial state. */
    public int initialState() {
        return initialStates[0];
    }

    /** Number of terminal states. */
    public int numTerminalStates() {
        int n = 0;
        for (int s = 0; s < numStates; s++) {
            if (choiceStart[s + 1] == choiceStart[s]) {
                n++;
            }
        }
        return n;
    }

    /** Approximate heap bytes of the arrays of this model. */
    public long memoryBytes() {
        return 4L * choiceStart.length + 4L * transStart.length + 12L * successor.length
                + 8L * reward.length + 4L * actionIndex.length + 4L * initialStates.length;
    }

    /** This model with another discount factor (arrays are shared, nothing is copied). */
    public Mdp withDiscount(double gamma) {
        ModelChecks.checkDiscount(gamma);
        return new Mdp(numStates, choiceStart, transStart, successor, probability, reward, actionIndex,
                actionLabels, objective, gamma, initialStates);
    }

    /** This model with another objective (arrays are shared, nothing is copied). */
    public Mdp withObjective(Objective newObjective) {
        return new Mdp(numStates, choiceStart, transStart, successor, probability, reward, actionIndex,
                actionLabels, newObjective, discount, initialStates);
    }

    /** This model with other initial states (arrays are shared, nothing is copied). */
    public Mdp withInitialStates(int... states) {
        ModelChecks.checkInitialStates(states, numStates);
        return new Mdp(numStates, choiceStart, transStart, successor, probability, reward, actionIndex,
                actionLabels, objective, discount, states.clone());
    }

    /** This model with other per-choice rewards (copied and checked; structure shared). */
    public Mdp withRewards(double[] newRewards) {
        if (newRewards.length != numChoices()) {
            throw new InvalidModelException("expected " + numChoices() + " rewards, got " + newRewards.length);
        }
        double[] copy = newRewards.clone();
        for (int c = 0; c < copy.length; c++) {
            if (!Double.isFinite(copy[c])) {
                throw new InvalidModelException("choice " + c + ": reward " + copy[c] + " is not finite");
            }
        }
        return new Mdp(numStates, choiceStart, transStart, successor, probability, copy, actionIndex,
                actionLabels, objective, discount, initialStates);
    }

    /** Internal array {@code choiceStart[S+1]}; must not be modified. */
    public int[] choiceStartArray() {
        return choiceStart;
    }

    /** Internal array {@code transStart[C+1]}; must not be modified. */
    public int[] transitionStartArray() {
        return transStart;
    }

    /** Internal array {@code successor[T]}; must not be modified. */
    public int[] successorArray() {
        return successor;
    }

    /** Internal array {@code probability[T]}; must not be modified. */
    public double[] probabilityArray() {
        return probability;
    }

    /** Internal array {@code reward[C]}; must not be modified. */
    public double[] rewardArray() {
        return reward;
    }

    /** Internal array {@code actionIndex[C]}; must not be modified. */
    public int[] actionIndexArray() {
        return actionIndex;
    }

    /** Unmodifiable empty-label list, for models without action labels. */
    static List<String> noLabels() {
        return Collections.emptyList();
    }

    @Override
    public String toString() {
        return "Mdp[states=" + numStates + ", choices=" + numChoices() + ", transitions=" + numTransitions()
                + ", objective=" + objective.keyword() + ", discount=" + discount + "]";
    }
}
