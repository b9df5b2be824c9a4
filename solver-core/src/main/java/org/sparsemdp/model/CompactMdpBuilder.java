package org.sparsemdp.model;

import java.util.Arrays;
import java.util.List;

/**
 * Builds a {@link CompactMdp} choice by choice, in state order, without ever holding the double
 * model: each row is rounded by {@link FixedPointRows} as it arrives, and its deviation is
 * recorded. Offsets are kept only once they stop being uniform (a model whose states all have A
 * choices and whose choices all have K transitions never allocates them), and per-choice label
 * indices only once a choice's label is not its position in its state.
 *
 * <p>With {@link #capacity} set to the exact counts the arrays are allocated once at their final
 * size (a 10<sup>9</sup>-transition model needs no second copy); otherwise they grow by half.
 *
 * <p>Checks, naming the state and choice: states added in non-decreasing order, at least one
 * transition per choice, successors within [0, S), probabilities finite in (0, 1] with row sums
 * within the tolerance of 1 (default {@link MdpBuilder#DEFAULT_PROBABILITY_TOLERANCE}), rewards
 * finite, label indices valid.
 */
public final class CompactMdpBuilder {
    private final int numStates;
    private final List<String> actionLabels;
    private Objective objective = Objective.MAXIMIZE;
    private double discount = 0.99;
    private int[] initialStates = {0};
    private double tolerance = MdpBuilder.DEFAULT_PROBABILITY_TOLERANCE;
    private final FixedPointRows rounding = new FixedPointRows();

    private int[] successor = new int[0];
    private int[] code = new int[0];
    private double[] reward = new double[0];
    private int[] transStart;      // null while every choice has `branching` transitions
    private int[] choiceStart;     // per state, null while every state so far has `actions` choices
    private int[] actionIndex;     // null while every label is the choice's position
    private int branching = -1;
    private int actions = -1;
    private int choices;
    private int transitions;
    private int state;             // the state choices are being added to
    private int choicesOfState;
    private double maxDeviation;
    private double maxSumGap;

    /**
     * @param numStates    S
     * @param actionLabels the distinct action labels that label indices refer to
     */
    public CompactMdpBuilder(int numStates, List<String> actionLabels) {
        if (numStates <= 0) {
            throw new InvalidModelException("the number of states must be positive, not " + numStates);
        }
        this.numStates = numStates;
        this.actionLabels = List.copyOf(actionLabels);
    }

    /** Sets the objective (default maximise). */
    public CompactMdpBuilder objective(Objective o) {
        this.objective = o;
        return this;
    }

    /** Sets the discount factor, 0 &lt; γ &lt; 1 (default 0.99). */
    public CompactMdpBuilder discount(double gamma) {
        ModelChecks.checkDiscount(gamma);
        if (!(gamma < 1)) {
            throw new InvalidModelException("compact storage is for discounted models: discount " + gamma
                    + " must be below 1");
        }
        this.discount = gamma;
        return this;
    }

    /** Sets the initial states (default state 0). */
    public CompactMdpBuilder initialStates(int... states) {
        ModelChecks.checkInitialStates(states, numStates);
        this.initialStates = states.clone();
        return this;
    }

    /** Sets the tolerance on |Σ p − 1| per choice. */
    public CompactMdpBuilder probabilityTolerance(double t) {
        this.tolerance = t;
        return this;
    }

    /**
     * Allocates the arrays for {@code choices} choices and {@code transitions} transitions at once
     * (exact counts avoid any copy).
     *
     * @throws InvalidModelException if a count does not fit in a Java array
     */
    public CompactMdpBuilder capacity(long choices, long transitions) {
        if (choices >= Integer.MAX_VALUE - 8 || transitions >= Integer.MAX_VALUE - 8 || choices < 0 || transitions < 0) {
            throw new InvalidModelException("compact storage holds fewer than 2^31 - 8 choices and transitions; got "
                    + choices + " choices and " + transitions + " transitions");
        }
        HeapCheck.ensureFree(8L * transitions + 8L * choices, "the compact model");
        successor = Arrays.copyOf(successor, (int) transitions);
        code = Arrays.copyOf(code, (int) transitions);
        reward = Arrays.copyOf(reward, (int) choices);
        if (transStart != null) {
            transStart = Arrays.copyOf(transStart, (int) choices + 1);
        }
        if (actionIndex != null) {
            actionIndex = Arrays.copyOf(actionIndex, (int) choices);
        }
        return this;
    }

    /**
     * Adds the next choice: {@code length} transitions to {@code successors[i]} with probability
     * {@code probabilities[i]}. Choices of a state are numbered in the order they are added.
     *
     * @param labelIndex index into the action labels, or −1 for an unlabelled choice
     * @throws InvalidModelException naming the state and choice of the first violated check
     */
    public void addChoice(int s, int labelIndex, double r, int[] successors, double[] probabilities, int length) {
        if (s < state || s >= numStates) {
            throw new InvalidModelException("state " + s + ": states must be added in order within [0, " + numStates
                    + "), after state " + state);
        }
        while (state < s) {
            endState();
        }
        String where = "state " + s + ", choice " + choicesOfState;
        if (length <= 0) {
            throw new InvalidModelException(where + ": a choice needs at least one transition");
        }
        if (!Double.isFinite(r)) {
            throw new InvalidModelException(where + ": reward " + r + " is not finite");
        }
        if (labelIndex < -1 || labelIndex >= actionLabels.size()) {
            throw new InvalidModelException(where + ": action label index " + labelIndex + " out of range");
        }
        double sum = 0;
        for (int i = 0; i < length; i++) {
            double p = probabilities[i];
            int t = successors[i];
            if (!(p > 0 && p <= 1 + tolerance)) { // entries merged from duplicates may exceed 1 by rounding
                throw new InvalidModelException(where + ": probability " + p + " is not in (0, 1]");
            }
            if (t < 0 || t >= numStates) {
                throw new InvalidModelException(where + ": successor " + t + " out of range [0, " + numStates + ")");
            }
            sum += p;
        }
        double gap = up(Math.abs(sum - 1) + 1.01 * length * 0x1p-53 * sum); // bound on the exact |Σ p − 1|
        if (Math.abs(sum - 1) > tolerance) {
            throw new InvalidModelException(where + ": probabilities sum to " + sum + ", not 1");
        }
        ensureRoom(length);
        if (branching < 0) {
            branching = length;
        } else if (transStart == null && length != branching) {
            transStart = new int[reward.length + 1];
            for (int c = 0; c <= choices; c++) {
                transStart[c] = c * branching;
            }
        }
        if (labelIndex != choicesOfState && actionIndex == null) {
            actionIndex = new int[reward.length];
            for (int c = 0; c < choices; c++) {
                actionIndex[c] = positionOf(c);
            }
        }
        System.arraycopy(successors, 0, successor, transitions, length);
        double deviation = rounding.quantise(probabilities, length, code, transitions);
        maxDeviation = Math.max(maxDeviation, deviation);
        maxSumGap = Math.max(maxSumGap, gap);
        reward[choices] = r;
        if (actionIndex != null) {
            actionIndex[choices] = labelIndex;
        }
        transitions += length;
        choices++;
        if (transStart != null) {
            transStart[choices] = transitions;
        }
        choicesOfState++;
    }

    /** The position within its state of an earlier choice c, while the labels were still positional. */
    private int positionOf(int c) {
        if (choiceStart == null) {
            return actions <= 0 ? c : c % actions; // actions < 0: all so far belong to the first state
        }
        return c - choiceStart[stateOf(c)];
    }

    private int stateOf(int c) {
        int lo = 0;
        int hi = state;
        while (lo < hi) {
            int mid = (lo + hi + 1) >>> 1;
            if (choiceStart[mid] <= c) {
                lo = mid;
            } else {
                hi = mid - 1;
            }
        }
        return lo;
    }

    /** Closes the current state and moves to the next. */
    private void endState() {
        if (actions < 0) {
            actions = choicesOfState;
        }
        if (choiceStart == null && (choicesOfState != actions || actions == 0)) {
            choiceStart = new int[numStates + 1];
            for (int i = 0; i <= state; i++) {
                choiceStart[i] = i * actions;
            }
        }
        state++;
        if (choiceStart != null) {
            choiceStart[state] = choices;
        }
        choicesOfState = 0;
    }

    private void ensureRoom(int length) {
        if (choices + 1 > reward.length) {
            int size = grow(reward.length, choices + 1);
            reward = Arrays.copyOf(reward, size);
            if (transStart != null) {
                transStart = Arrays.copyOf(transStart, size + 1);
            }
            if (actionIndex != null) {
                actionIndex = Arrays.copyOf(actionIndex, size);
            }
        }
        if ((long) transitions + length > successor.length) {
            int size = grow(successor.length, (long) transitions + length);
            successor = Arrays.copyOf(successor, size);
            code = Arrays.copyOf(code, size);
        }
    }

    private static int grow(int current, long needed) {
        long size = Math.max(needed, current + (current >> 1) + 16);
        if (needed >= Integer.MAX_VALUE - 8) {
            throw new InvalidModelException("compact storage holds fewer than 2^31 - 8 choices and transitions");
        }
        return (int) Math.min(size, Integer.MAX_VALUE - 8);
    }

    /** The model; the builder must not be used afterwards. */
    public CompactMdp build() {
        while (state < numStates) {
            endState();
        }
        if (choices == 0) {
            throw new InvalidModelException("the model has no choices");
        }
        int uniformChoices = choiceStart == null ? actions : 0;
        int uniformBranching = transStart == null ? branching : 0;
        int[] ts = transStart == null ? null : trim(transStart, choices + 1);
        int[] idx = actionIndex == null ? null : trim(actionIndex, choices);
        return new CompactMdp(numStates, choices, uniformChoices, choiceStart, uniformBranching, ts,
                trim(successor, transitions), trim(code, transitions),
                reward.length == choices ? reward : Arrays.copyOf(reward, choices), idx, actionLabels, objective,
                discount, initialStates, maxDeviation, maxSumGap);
    }

    private static int[] trim(int[] a, int length) {
        return a.length == length ? a : Arrays.copyOf(a, length);
    }

    private static double up(double x) {
        return FixedPointRows.up(x);
    }
}
