package org.sparsemdp.model;

import java.util.List;

/**
 * A discounted MDP in compact storage: the same states, choices, rewards and successors as the
 * {@link Mdp} it stands for, with every probability rounded to 32-bit fixed point
 * ({@link FixedPointRows}: each row's integers sum to exactly 2<sup>32</sup>, so rows stay
 * stochastic exactly and no successor is lost) and the per-choice and per-state offsets left out
 * when they are uniform.
 *
 * <pre>
 * transition k   successor[k] (int), code[k] (int: q − 1, probability q·2^−32)     8 bytes
 * choice c       reward[c] (double); transStart[c] (int) unless every choice has K
 *                transitions; actionIndex[c] (byte or int) unless choice i of every
 *                state has label i                                              8–13 bytes
 * state s        choiceStart[s] (int) unless every state has A choices             0–4 bytes
 * </pre>
 * So a model with A choices per state, K successors per choice and positional labels (the
 * Garnet models) takes 8 + 8/K bytes per transition: 9 bytes for K = 8, against 12 + 16/K for
 * {@link Mdp} (14 bytes).
 *
 * <p><b>What the rounding costs.</b> The model the user gave is the double model; this one is a
 * perturbation of it. {@link #maxDeviation()} is an upper bound on δ = max<sub>c</sub>
 * Σ<sub>k</sub>|p<sub>k</sub> − p'<sub>k</sub>| (at most K·2<sup>−32</sup> for rows summing to
 * 1), and {@link #maxSumGap()} on max<sub>c</sub> |Σ<sub>k</sub> p<sub>k</sub> − 1| for the given
 * doubles. The solvers over this model add the resulting bound on |v* − v'*| to their certified
 * bounds ({@code org.sparsemdp.solve.StoragePerturbation} has the derivation). Instances are built
 * by {@link CompactMdpBuilder} (streaming, without a double model) or {@link #of(Mdp)}.
 *
 * <p>The {@code *Array()} accessors return internal arrays without copying (null where the
 * offsets are uniform); callers must not modify them.
 */
public final class CompactMdp {
    private final int numStates;
    private final int numChoices;
    private final int uniformChoices;
    private final int[] choiceStart;
    private final int uniformBranching;
    private final int[] transStart;
    private final int[] successor;
    private final int[] code;
    private final double[] reward;
    private final byte[] actionIndexBytes;
    private final int[] actionIndex;
    private final List<String> actionLabels;
    private final Objective objective;
    private final double discount;
    private final int[] initialStates;
    private final double maxDeviation;
    private final double maxSumGap;

    CompactMdp(int numStates, int numChoices, int uniformChoices, int[] choiceStart, int uniformBranching,
               int[] transStart, int[] successor, int[] code, double[] reward, int[] actionIndex,
               List<String> actionLabels, Objective objective, double discount, int[] initialStates,
               double maxDeviation, double maxSumGap) {
        this.numStates = numStates;
        this.numChoices = numChoices;
        this.uniformChoices = uniformChoices;
        this.choiceStart = choiceStart;
        this.uniformBranching = uniformBranching;
        this.transStart = transStart;
        this.successor = successor;
        this.code = code;
        this.reward = reward;
        if (actionIndex != null && actionLabels.size() <= Byte.MAX_VALUE) {
            byte[] small = new byte[actionIndex.length];
            for (int c = 0; c < small.length; c++) {
                small[c] = (byte) actionIndex[c];
            }
            this.actionIndexBytes = small;
            this.actionIndex = null;
        } else {
            this.actionIndexBytes = null;
            this.actionIndex = actionIndex;
        }
        this.actionLabels = List.copyOf(actionLabels);
        this.objective = objective;
        this.discount = discount;
        this.initialStates = initialStates.clone();
        this.maxDeviation = maxDeviation;
        this.maxSumGap = maxSumGap;
    }

    /**
     * Wraps ready-made arrays (a compact model read back from a file), taking ownership of them,
     * after checking every invariant: offsets (or the uniform counts A, K) consistent with the
     * array lengths and non-decreasing, successors in [0, S), every row's integers summing to
     * exactly 2<sup>32</sup>, rewards finite, label indices valid, 0 &lt; γ &lt; 1, the recorded
     * deviations finite and non-negative.
     *
     * @param choiceStart      per-state offsets, or null when every state has {@code uniformChoices} choices
     * @param transStart       per-choice offsets, or null when every choice has {@code uniformBranching} transitions
     * @param code             fixed-point codes q − 1 ({@link FixedPointRows})
     * @param actionIndex      per-choice label indices (−1: unlabelled), or null when positional
     * @param maxDeviation     the recorded bound on every row's L1 deviation from the double model
     * @param maxSumGap        the recorded bound on |Σ p − 1| of the double model's rows
     * @throws InvalidModelException naming the first offending state, choice or transition
     */
    public static CompactMdp fromArrays(int numStates, int numChoices, int uniformChoices, int[] choiceStart,
                                        int uniformBranching, int[] transStart, int[] successor, int[] code,
                                        double[] reward, int[] actionIndex, List<String> actionLabels,
                                        Objective objective, double discount, int[] initialStates,
                                        double maxDeviation, double maxSumGap) {
        ModelChecks.checkDiscount(discount);
        if (!(discount < 1) || objective == null || numStates <= 0) {
            throw new InvalidModelException("a compact model needs states, an objective and a discount below 1");
        }
        ModelChecks.checkInitialStates(initialStates, numStates);
        if (!(maxDeviation >= 0 && maxDeviation <= 2 && maxSumGap >= 0 && maxSumGap <= 1)) {
            throw new InvalidModelException("recorded storage deviation " + maxDeviation + " or row-sum gap "
                    + maxSumGap + " is not a valid bound");
        }
        if (reward.length != numChoices || successor.length != code.length
                || (actionIndex != null && actionIndex.length != numChoices)) {
            throw new InvalidModelException("array lengths do not match " + numChoices + " choices");
        }
        checkOffsets(choiceStart, uniformChoices, numStates, numChoices, "state");
        checkOffsets(transStart, uniformBranching, numChoices, successor.length, "choice");
        CompactMdp m = new CompactMdp(numStates, numChoices, uniformChoices, choiceStart, uniformBranching, transStart,
                successor, code, reward, actionIndex, actionLabels, objective, discount, initialStates, maxDeviation,
                maxSumGap);
        for (int s = 0; s < numStates; s++) {
            for (int c = m.choiceStart(s); c < m.choiceEnd(s); c++) {
                if (!Double.isFinite(reward[c])) {
                    throw new InvalidModelException("state " + s + ", choice " + c + ": reward " + reward[c]
                            + " is not finite");
                }
                if (actionIndex != null && (actionIndex[c] < -1 || actionIndex[c] >= actionLabels.size())) {
                    throw new InvalidModelException("state " + s + ", choice " + c + ": action label index "
                            + actionIndex[c] + " out of range");
                }
                long total = 0;
                for (int k = m.transitionStart(c), end = m.transitionEnd(c); k < end; k++) {
                    if (successor[k] < 0 || successor[k] >= numStates) {
                        throw new InvalidModelException("state " + s + ", choice " + c + ": successor " + successor[k]
                                + " out of range [0, " + numStates + ")");
                    }
                    total += (code[k] & 0xFFFFFFFFL) + 1;
                }
                if (total != FixedPointRows.ONE) {
                    throw new InvalidModelException("state " + s + ", choice " + c + ": fixed-point probabilities sum to "
                            + total + "/2^32, not exactly 1");
                }
            }
        }
        if (actionIndex == null && m.choiceStartArray() != null) {
            for (int s = 0; s < numStates; s++) {
                if (m.choiceEnd(s) - m.choiceStart(s) > actionLabels.size()) {
                    throw new InvalidModelException("state " + s + ": more choices than positional labels");
                }
            }
        } else if (actionIndex == null && uniformChoices > actionLabels.size()) {
            throw new InvalidModelException(uniformChoices + " choices per state but " + actionLabels.size() + " labels");
        }
        return m;
    }

    /** Offsets [0, total] non-decreasing over count rows, or the uniform width with width·count = total. */
    private static void checkOffsets(int[] start, int width, int count, long total, String what) {
        if (start == null) {
            if (width <= 0 || (long) width * count != total) {
                throw new InvalidModelException("uniform " + what + " width " + width + " times " + count + " is not "
                        + total);
            }
            return;
        }
        if (start.length != count + 1 || start[0] != 0 || start[count] != total) {
            throw new InvalidModelException(what + " offsets do not span [0, " + total + "]");
        }
        for (int i = 0; i < count; i++) {
            if (start[i + 1] < start[i] || (what.equals("choice") && start[i + 1] == start[i])) {
                throw new InvalidModelException(what + " " + i + ": offsets " + start[i] + ", " + start[i + 1]
                        + (start[i + 1] < start[i] ? " decrease" : ": a choice needs a transition"));
            }
        }
    }

    /**
     * The compact form of {@code mdp}: every row rounded by {@link FixedPointRows}, the same
     * choice numbering (so policies are interchangeable), labels and discount.
     *
     * @throws InvalidModelException if a choice has no transitions
     */
    public static CompactMdp of(Mdp mdp) {
        CompactMdpBuilder b = new CompactMdpBuilder(mdp.numStates(), mdp.actionLabels())
                .objective(mdp.objective()).discount(mdp.discount()).initialStates(mdp.initialStates())
                .probabilityTolerance(Double.POSITIVE_INFINITY) // the Mdp is checked already
                .capacity(mdp.numChoices(), mdp.numTransitions());
        int[] succ = new int[16];
        double[] prob = new double[16];
        int[] transStart = mdp.transitionStartArray();
        for (int s = 0; s < mdp.numStates(); s++) {
            for (int c = mdp.choiceStart(s); c < mdp.choiceEnd(s); c++) {
                int len = transStart[c + 1] - transStart[c];
                if (succ.length < len) {
                    succ = new int[len];
                    prob = new double[len];
                }
                System.arraycopy(mdp.successorArray(), transStart[c], succ, 0, len);
                System.arraycopy(mdp.probabilityArray(), transStart[c], prob, 0, len);
                b.addChoice(s, mdp.actionIndex(c), mdp.reward(c), succ, prob, len);
            }
        }
        return b.build();
    }

    /** Number of states S. */
    public int numStates() {
        return numStates;
    }

    /** Number of choices C. */
    public int numChoices() {
        return numChoices;
    }

    /** Number of transitions T. */
    public long numTransitions() {
        return successor.length;
    }

    /** First choice of state s. */
    public int choiceStart(int s) {
        return choiceStart == null ? s * uniformChoices : choiceStart[s];
    }

    /** One past the last choice of state s. */
    public int choiceEnd(int s) {
        return choiceStart(s + 1);
    }

    /** First transition of choice c. */
    public int transitionStart(int c) {
        return transStart == null ? c * uniformBranching : transStart[c];
    }

    /** One past the last transition of choice c. */
    public int transitionEnd(int c) {
        return transitionStart(c + 1);
    }

    /** Successor of transition k. */
    public int successor(int k) {
        return successor[k];
    }

    /** The stored (rounded) probability of transition k, exactly as the solvers use it. */
    public double probability(int k) {
        return FixedPointRows.value(code[k]);
    }

    /** Reward of choice c. */
    public double reward(int c) {
        return reward[c];
    }

    /** Index of the label of choice c in {@link #actionLabels()}, or −1 if unlabelled. */
    public int actionIndex(int c) {
        if (actionIndexBytes != null) {
            return actionIndexBytes[c];
        }
        if (actionIndex != null) {
            return actionIndex[c];
        }
        int position = c - choiceStart(stateOfChoice(c));
        return position < actionLabels.size() ? position : -1;
    }

    /** The label of choice c (its position within its state if unlabelled). */
    public String actionLabel(int c) {
        int a = actionIndex(c);
        return a >= 0 ? actionLabels.get(a) : Integer.toString(c - choiceStart(stateOfChoice(c)));
    }

    /** The state owning choice c (binary search). */
    public int stateOfChoice(int c) {
        if (c < 0 || c >= numChoices) {
            throw new IndexOutOfBoundsException("choice " + c + " out of range 0.." + (numChoices - 1));
        }
        if (choiceStart == null) {
            return c / uniformChoices;
        }
        int lo = 0;
        int hi = numStates - 1;
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

    /** The distinct action labels. */
    public List<String> actionLabels() {
        return actionLabels;
    }

    /** Minimise costs or maximise rewards. */
    public Objective objective() {
        return objective;
    }

    /** Discount factor γ. */
    public double discount() {
        return discount;
    }

    /** The initial states. */
    public int[] initialStates() {
        return initialStates.clone();
    }

    /**
     * Upper bound on max<sub>c</sub> Σ<sub>k</sub> |p<sub>k</sub> − p'<sub>k</sub>|: how far the
     * rounded rows are, in L1, from the doubles they were built from.
     */
    public double maxDeviation() {
        return maxDeviation;
    }

    /** Upper bound on max<sub>c</sub> |Σ<sub>k</sub> p<sub>k</sub> − 1| of the doubles the rows were built from. */
    public double maxSumGap() {
        return maxSumGap;
    }

    /** A (every state has A choices), or 0 when the states differ (then {@link #choiceStartArray()} is set). */
    public int uniformChoices() {
        return uniformChoices;
    }

    /** K (every choice has K transitions), or 0 when they differ (then {@link #transitionStartArray()} is set). */
    public int uniformBranching() {
        return uniformBranching;
    }

    /** Internal {@code choiceStart[S+1]}, or null when every state has {@link #uniformChoices()} choices. */
    public int[] choiceStartArray() {
        return choiceStart;
    }

    /** Internal {@code transStart[C+1]}, or null when every choice has {@link #uniformBranching()} transitions. */
    public int[] transitionStartArray() {
        return transStart;
    }

    /** Internal {@code successor[T]}. */
    public int[] successorArray() {
        return successor;
    }

    /** Internal fixed-point codes {@code code[T]} (decode with {@link FixedPointRows#value(int)}). */
    public int[] probabilityCodeArray() {
        return code;
    }

    /** Internal {@code reward[C]}. */
    public double[] rewardArray() {
        return reward;
    }

    /** Per-choice label indices as stored: byte[], int[] or null (positional); for writers. */
    public Object actionIndexStorage() {
        return actionIndexBytes != null ? actionIndexBytes : actionIndex;
    }

    /** Heap bytes of the arrays of this model. */
    public long memoryBytes() {
        long bytes = 8L * successor.length + 8L * reward.length + 4L * initialStates.length;
        bytes += choiceStart == null ? 0 : 4L * choiceStart.length;
        bytes += transStart == null ? 0 : 4L * transStart.length;
        bytes += actionIndexBytes != null ? actionIndexBytes.length : actionIndex != null ? 4L * actionIndex.length : 0;
        return bytes;
    }

    @Override
    public String toString() {
        return "CompactMdp[states=" + numStates + ", choices=" + numChoices + ", transitions=" + numTransitions()
                + ", objective=" + objective.keyword() + ", discount=" + discount + ", deviation=" + maxDeviation + "]";
    }
}
