package org.sparsemdp.model;

import it.unimi.dsi.fastutil.doubles.DoubleArrayList;
import it.unimi.dsi.fastutil.ints.IntArrayList;
import it.unimi.dsi.fastutil.objects.Object2IntOpenHashMap;
import java.util.ArrayList;
import java.util.List;

/**
 * Builds an immutable {@link Mdp}, one choice at a time, in any state order.
 *
 * <p>Usage: either {@link #addChoice(int, String, double, int[], double[])}, or the streaming
 * form {@link #startChoice}, {@link #addTransition} (repeated), {@link #finishChoice}, which
 * lets readers feed transitions without intermediate arrays. Choices of one state keep the order
 * in which they were added. Storage grows in fastutil primitive array lists, so a model with T
 * transitions takes about 12·T bytes while building; {@link #build()} hands the arrays over
 * without copying when choices arrived in non-decreasing state order and sorts them stably by
 * state (one extra copy) otherwise.
 *
 * <p>Each choice is checked as soon as it is finished, so that a reader can attach its file
 * name and line number to the {@link InvalidModelException}:
 * <ul>
 *   <li>states and successors are non-negative and, when the number of states was declared,
 *       below it;</li>
 *   <li>each probability lies in [0, 1]; zero probabilities are dropped and duplicate successors
 *       merged by adding their probabilities;</li>
 *   <li>the probabilities of a choice sum to 1 within {@link #probabilityTolerance(double)}
 *       (default {@value #DEFAULT_PROBABILITY_TOLERANCE}, absolute, which for a probability row
 *       is the same as relative to the row's mass). A row accepted with |sum - 1| above
 *       {@value #RENORMALISE_THRESHOLD} is divided by its sum, so that every stored row sums to one
 *       up to rounding: the solvers' certified bounds assume stochastic rows. Renormalisation is
 *       idempotent, so writing and re-reading a model gives identical arrays;</li>
 *   <li>rewards are finite.</li>
 * </ul>
 *
 * <p>Not thread-safe. A builder builds one model.
 */
public final class MdpBuilder {
    /** Default tolerance on |Σ p − 1| of a choice. */
    public static final double DEFAULT_PROBABILITY_TOLERANCE = 1e-9;
    /** Rows whose |Σ p − 1| exceeds this (but is within tolerance) are renormalised. */
    public static final double RENORMALISE_THRESHOLD = 1e-12;

    private final int declaredStates; // -1 when the number of states is inferred
    private int maxStateSeen = -1;

    private final IntArrayList choiceState = new IntArrayList();
    private final IntArrayList transStart = new IntArrayList();
    private final DoubleArrayList reward = new DoubleArrayList();
    private final IntArrayList actionIndex = new IntArrayList();
    private final IntArrayList successor = new IntArrayList();
    private final DoubleArrayList probability = new DoubleArrayList();
    private final Object2IntOpenHashMap<String> labelIndex = new Object2IntOpenHashMap<>();
    private final List<String> labels = new ArrayList<>();
    private boolean sortedByState = true;

    private Objective objective = Objective.MINIMIZE;
    private double discount = 1.0;
    private int[] initialStates = {0};
    private double tolerance = DEFAULT_PROBABILITY_TOLERANCE;

    private boolean inChoice;
    private int currentState;
    private boolean built;

    /** A builder whose number of states is one more than the largest state or successor seen. */
    public MdpBuilder() {
        this.declaredStates = -1;
        transStart.add(0);
        labelIndex.defaultReturnValue(-1);
    }

    /**
     * A builder for exactly {@code numStates} states; states and successors outside 0..numStates-1
     * are rejected as they are added. Nothing is allocated from {@code numStates} before
     * {@link #build()}, which checks that the state index fits in the heap first.
     */
    public MdpBuilder(int numStates) {
        if (numStates <= 0) {
            throw new InvalidModelException("the number of states must be positive, got " + numStates);
        }
        this.declaredStates = numStates;
        transStart.add(0);
        labelIndex.defaultReturnValue(-1);
    }

    /**
     * Makes the model have at least {@code n} states, those without choices terminal: for readers
     * that learn the number of states from the input rather than up front (a last state with no
     * choices is seen by nothing else). With a declared number of states, {@code n} must not
     * exceed it.
     */
    public MdpBuilder atLeastStates(int n) {
        if (declaredStates >= 0) {
            if (n > declaredStates) {
                throw new InvalidModelException(n + " states, but the builder was declared for " + declaredStates);
            }
        } else {
            maxStateSeen = Math.max(maxStateSeen, n - 1);
        }
        return this;
    }

    /** Sets the objective (default {@link Objective#MINIMIZE}). */
    public MdpBuilder objective(Objective o) {
        if (o == null) {
            throw new IllegalArgumentException("objective must not be null");
        }
        this.objective = o;
        return this;
    }

    /** Sets the discount factor, 0 &lt; γ ≤ 1 (default 1). */
    public MdpBuilder discount(double gamma) {
        ModelChecks.checkDiscount(gamma);
        this.discount = gamma;
        return this;
    }

    /** Sets the initial state(s) (default state 0). */
    public MdpBuilder initialStates(int... states) {
        if (states.length == 0) {
            throw new InvalidModelException("at least one initial state is required");
        }
        for (int s : states) {
            checkState(s, "initial state");
        }
        this.initialStates = states.clone();
        return this;
    }

    /** Sets the tolerance on |Σ p − 1| per choice (default {@value #DEFAULT_PROBABILITY_TOLERANCE}). */
    public MdpBuilder probabilityTolerance(double tol) {
        if (!(tol >= 0 && tol < 0.5)) {
            throw new IllegalArgumentException("probability tolerance must be in [0, 0.5), got " + tol);
        }
        this.tolerance = tol;
        return this;
    }

    /**
     * Reserves room for {@code choices} more choices and {@code transitions} more transitions, so
     * that a generator that knows its sizes streams into arrays that never grow: the peak memory is
     * then the model itself (plus at most one trimming copy of an array when fewer were added).
     * Only a hint: adding more still works.
     *
     * @throws IllegalArgumentException if a count is negative or exceeds the largest array
     */
    public MdpBuilder ensureCapacity(long choices, long transitions) {
        if (choices < 0 || transitions < 0 || choiceState.size() + choices > Integer.MAX_VALUE - 8
                || successor.size() + transitions > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("capacity out of range: " + choices + " choices, " + transitions
                    + " transitions");
        }
        int c = (int) (choiceState.size() + choices);
        int t = (int) (successor.size() + transitions);
        choiceState.ensureCapacity(c);
        reward.ensureCapacity(c);
        actionIndex.ensureCapacity(c);
        transStart.ensureCapacity(c + 1);
        successor.ensureCapacity(t);
        probability.ensureCapacity(t);
        return this;
    }

    /** The number of choices added so far. */
    public int numChoices() {
        return choiceState.size();
    }

    /** The number of transitions added so far (after merging). */
    public long numTransitions() {
        return successor.size();
    }

    /**
     * Starts a choice of state {@code state} with action {@code label} (null: unlabelled) and
     * immediate reward (or cost) {@code r}.
     */
    public MdpBuilder startChoice(int state, String label, double r) {
        checkOpen();
        if (inChoice) {
            throw new IllegalStateException("finishChoice() was not called for the previous choice");
        }
        checkState(state, "state");
        if (!Double.isFinite(r)) {
            throw new InvalidModelException("state " + state + ": reward " + r + " is not finite");
        }
        if (!choiceState.isEmpty() && state < choiceState.getInt(choiceState.size() - 1)) {
            sortedByState = false;
        }
        inChoice = true;
        currentState = state;
        choiceState.add(state);
        reward.add(r);
        actionIndex.add(label == null ? -1 : internLabel(label));
        return this;
    }

    /** Adds a transition of the current choice to {@code target} with probability {@code p} ∈ [0, 1]. */
    public MdpBuilder addTransition(int target, double p) {
        if (!inChoice) {
            throw new IllegalStateException("startChoice() must be called before addTransition()");
        }
        if (target < 0 || (declaredStates >= 0 && target >= declaredStates)) {
            throw new InvalidModelException("state " + currentState + ": successor " + target + " out of range 0.."
                    + (declaredStates >= 0 ? declaredStates - 1 : Integer.MAX_VALUE));
        }
        if (!(p >= 0.0 && p <= 1.0)) {
            throw new InvalidModelException("state " + currentState + ": probability " + p + " of successor "
                    + target + " is not in [0, 1]");
        }
        if (p > 0.0) {
            successor.add(target);
            probability.add(p);
            if (target > maxStateSeen) {
                maxStateSeen = target;
            }
        }
        return this;
    }

    /**
     * Finishes the current choice: sorts its successors, merges duplicates, checks the sum and
     * renormalises (see the class comment).
     *
     * @return the index of the choice among all choices added so far
     * @throws InvalidModelException if the choice is empty or its probabilities do not sum to 1
     */
    public int finishChoice() {
        if (!inChoice) {
            throw new IllegalStateException("startChoice() must be called before finishChoice()");
        }
        inChoice = false;
        int c = choiceState.size() - 1;
        int begin = transStart.getInt(c);
        int end = successor.size();
        if (end == begin) {
            rollBack(c, begin);
            throw new InvalidModelException("state " + currentState + ": a choice needs at least one transition with"
                    + " positive probability");
        }
        end = sortAndMerge(begin, end);
        successor.size(end);
        probability.size(end);
        double[] prob = probability.elements();
        double sum = 0;
        for (int k = begin; k < end; k++) {
            sum += prob[k];
        }
        if (Math.abs(sum - 1.0) > tolerance) {
            rollBack(c, begin);
            throw new InvalidModelException("state " + currentState + ": probabilities sum to " + sum
                    + ", not 1 (tolerance " + tolerance + ")");
        }
        if (Math.abs(sum - 1.0) > RENORMALISE_THRESHOLD) {
            for (int k = begin; k < end; k++) {
                prob[k] /= sum;
            }
        }
        transStart.add(end);
        return c;
    }

    /** Adds a complete choice; see {@link #startChoice}, {@link #addTransition}, {@link #finishChoice}. */
    public int addChoice(int state, String label, double r, int[] targets, double[] probabilities) {
        if (targets.length != probabilities.length) {
            throw new IllegalArgumentException("targets and probabilities differ in length");
        }
        startChoice(state, label, r);
        try {
            for (int i = 0; i < targets.length; i++) {
                addTransition(targets[i], probabilities[i]);
            }
        } catch (InvalidModelException e) {
            rollBack(choiceState.size() - 1, transStart.getInt(choiceState.size() - 1));
            inChoice = false;
            throw e;
        }
        return finishChoice();
    }

    /**
     * Builds the model. The builder cannot be used afterwards.
     *
     * @throws InvalidModelException if a choice is still open, an initial state is out of range,
     *                               or the state index would not fit in the free heap
     */
    public Mdp build() {
        checkOpen();
        if (inChoice) {
            throw new IllegalStateException("finishChoice() was not called for the last choice");
        }
        int numStates = declaredStates >= 0 ? declaredStates : Math.max(1, maxStateSeen + 1);
        for (int s : initialStates) {
            if (s >= numStates) {
                throw new InvalidModelException("initial state " + s + " out of range 0.." + (numStates - 1));
            }
        }
        HeapCheck.ensureFree(4L * (numStates + 1), "the state index of " + numStates + " states");
        built = true;
        int numChoices = choiceState.size();
        int[] states = choiceState.elements();
        int[] choiceStart = new int[numStates + 1];
        for (int c = 0; c < numChoices; c++) {
            choiceStart[states[c] + 1]++;
        }
        for (int s = 0; s < numStates; s++) {
            choiceStart[s + 1] += choiceStart[s];
        }
        Mdp mdp;
        if (sortedByState) {
            mdp = Mdp.trusted(numStates, choiceStart, trimmed(transStart), trimmed(successor),
                    trimmed(probability), trimmed(reward), trimmed(actionIndex), labels, objective, discount,
                    initialStates);
        } else {
            mdp = buildSorted(numStates, choiceStart);
        }
        return mdp;
    }

    private Mdp buildSorted(int numStates, int[] choiceStart) {
        int numChoices = choiceState.size();
        int[] states = choiceState.elements();
        int[] oldStart = transStart.elements();
        int[] next = java.util.Arrays.copyOf(choiceStart, numStates); // next free slot per state
        int[] newOfOld = new int[numChoices];
        for (int c = 0; c < numChoices; c++) {
            newOfOld[c] = next[states[c]]++;
        }
        int[] oldOfNew = new int[numChoices];
        for (int c = 0; c < numChoices; c++) {
            oldOfNew[newOfOld[c]] = c;
        }
        newOfOld = null;
        int numTransitions = successor.size();
        int[] newStart = new int[numChoices + 1];
        int[] newSucc = new int[numTransitions];
        double[] newProb = new double[numTransitions];
        double[] newReward = new double[numChoices];
        int[] newAction = new int[numChoices];
        int[] succ = successor.elements();
        double[] prob = probability.elements();
        int k = 0;
        for (int c = 0; c < numChoices; c++) {
            int old = oldOfNew[c];
            int begin = oldStart[old];
            int len = oldStart[old + 1] - begin;
            System.arraycopy(succ, begin, newSucc, k, len);
            System.arraycopy(prob, begin, newProb, k, len);
            k += len;
            newStart[c + 1] = k;
            newReward[c] = reward.getDouble(old);
            newAction[c] = actionIndex.getInt(old);
        }
        return Mdp.trusted(numStates, choiceStart, newStart, newSucc, newProb, newReward, newAction, labels,
                objective, discount, initialStates);
    }

    /** Sorts transitions [begin, end) by successor, merges duplicates; returns the new end. */
    private int sortAndMerge(int begin, int end) {
        int[] succ = successor.elements();
        double[] prob = probability.elements();
        boolean sorted = true;
        for (int k = begin + 1; k < end; k++) {
            if (succ[k] <= succ[k - 1]) {
                sorted = false;
                break;
            }
        }
        if (sorted) {
            return end;
        }
        CanonicalRows.sortBySuccessor(succ, prob, begin, end);
        int w = begin;
        for (int k = begin + 1; k < end; k++) {
            if (succ[k] == succ[w]) {
                prob[w] += prob[k]; // a merged probability above 1 fails the sum check
            } else {
                w++;
                succ[w] = succ[k];
                prob[w] = prob[k];
            }
        }
        return w + 1;
    }

    private void rollBack(int c, int transBegin) {
        choiceState.size(c);
        reward.size(c);
        actionIndex.size(c);
        successor.size(transBegin);
        probability.size(transBegin);
    }

    private int internLabel(String label) {
        int id = labelIndex.getInt(label);
        if (id < 0) {
            id = labels.size();
            labels.add(label);
            labelIndex.put(label, id);
        }
        return id;
    }

    private void checkState(int s, String what) {
        if (s < 0 || (declaredStates >= 0 && s >= declaredStates)) {
            throw new InvalidModelException(what + " " + s + " out of range 0.."
                    + (declaredStates >= 0 ? declaredStates - 1 : Integer.MAX_VALUE));
        }
        if (s > maxStateSeen) {
            maxStateSeen = s;
        }
    }

    private void checkOpen() {
        if (built) {
            throw new IllegalStateException("this builder has already built its model");
        }
    }

    private static int[] trimmed(IntArrayList list) {
        list.trim();
        return list.elements();
    }

    private static double[] trimmed(DoubleArrayList list) {
        list.trim();
        return list.elements();
    }
}
