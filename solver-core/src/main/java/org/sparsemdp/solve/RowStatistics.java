package org.sparsemdp.solve;

import java.io.Serializable;

/**
 * What {@link RoundingBounds} needs to know about the stored rows of a model, gathered over any
 * range of its states and merged over ranges: the largest |reward| (and where it is), the largest
 * number of transitions of a choice K, the largest and smallest computed row sum Σ p, and the
 * smallest mass a choice of a state not of value 0 puts on states not of value 0. A model held by
 * one machine is scanned in one piece ({@link RoundingBounds#of(org.sparsemdp.model.Mdp)}); a
 * distributed model block by block, where the blocks live, with the statistics merged on the
 * driver ({@link #merge}) and turned into the error model by
 * {@link RoundingBounds#of(double, RowStatistics, boolean[], int, java.util.function.IntFunction)}.
 * Merging is exact (maxima, minima and a count), so the result does not depend on how the model
 * is cut.
 *
 * <p>The arrays of a range are compressed sparse rows with local offsets: local state i (global
 * state lo + i) has choices choiceStart[i] .. choiceStart[i+1]−1, local choice c (global
 * firstChoice + c) has transitions transStart[c] .. transStart[c+1]−1, and successors are
 * global state indices.
 */
public final class RowStatistics implements Serializable {
    private static final long serialVersionUID = 1L;

    private final long choices;
    private final double maxReward;
    private final double signedMaxReward;
    private final int maxRewardChoice;
    private final int maxRewardState;
    private final int maxBranching;
    private final double maxSum;
    private final double minSum;
    private final double minInside;

    private RowStatistics(long choices, double maxReward, double signedMaxReward, int maxRewardChoice, int maxRewardState, int maxBranching,
                          double maxSum, double minSum, double minInside) {
        this.choices = choices;
        this.maxReward = maxReward;
        this.signedMaxReward = signedMaxReward;
        this.maxRewardChoice = maxRewardChoice;
        this.maxRewardState = maxRewardState;
        this.maxBranching = maxBranching;
        this.maxSum = maxSum;
        this.minSum = minSum;
        this.minInside = minInside;
    }

    /**
     * Scans the states [lo, lo + choiceStart.length − 1) of a model (see the class comment for the
     * arrays). {@code zero} (indexed by global state, may be null when {@code anyZero} is false)
     * marks the states of value 0 of the whole model; the inside masses are computed only when
     * {@code anyZero}.
     */
    public static RowStatistics scan(int lo, int firstChoice, int[] choiceStart, int[] transStart, int[] successor,
                                     double[] probability, double[] reward, boolean[] zero, boolean anyZero) {
        final int states = choiceStart.length - 1;
        final int c0 = choiceStart[0];
        final int m = choiceStart[states];
        double maxReward = 0;
        int maxRewardChoice = -1;
        int maxBranching = 0;
        for (int c = c0; c < m; c++) { // flat loops: this runs once per solve, mostly before the JIT
            double r = Math.abs(reward[c]);
            if (r > maxReward || !(r == r)) {
                maxReward = r;
                maxRewardChoice = c;
            }
            maxBranching = Math.max(maxBranching, transStart[c + 1] - transStart[c]);
        }
        // computed row sums, one flat pass over the transitions
        double maxSum = 0;
        double minSum = Double.POSITIVE_INFINITY;
        int c = c0;
        while (c < m && transStart[c + 1] == transStart[c]) {
            minSum = 0; // a choice without transitions (not built by MdpBuilder) has mass 0
            c++;
        }
        double sum = 0;
        int end = c < m ? transStart[c + 1] : 0;
        for (int k = c < m ? transStart[c] : 0, total = transStart[m]; k < total; k++) {
            sum += probability[k];
            if (k + 1 == end) {
                maxSum = Math.max(maxSum, sum);
                minSum = Math.min(minSum, sum);
                sum = 0;
                c++;
                while (c < m && transStart[c + 1] == transStart[c]) {
                    minSum = 0;
                    c++;
                }
                end = c < m ? transStart[c + 1] : total;
            }
        }
        double minInside = Double.POSITIVE_INFINITY;
        for (int i = 0; i < states && anyZero; i++) {
            if (zero[lo + i]) {
                continue;
            }
            for (int a = choiceStart[i]; a < choiceStart[i + 1]; a++) {
                int k0 = transStart[a];
                int k1 = transStart[a + 1];
                double inside = 0;
                for (int k = k0; k < k1; k++) {
                    if (!zero[successor[k]]) {
                        inside += probability[k];
                    }
                }
                minInside = Math.min(minInside, RoundingBounds.down(inside - RoundingBounds.rowSumError(inside, k1 - k0)));
            }
        }
        int maxRewardState = -1;
        double signed = 0;
        if (maxRewardChoice >= 0) {
            signed = reward[maxRewardChoice];
            int i = 0;
            while (choiceStart[i + 1] <= maxRewardChoice) {
                i++;
            }
            maxRewardState = lo + i;
            maxRewardChoice += firstChoice - c0;
        }
        return new RowStatistics(m - c0, maxReward, signed, maxRewardChoice, maxRewardState, maxBranching, maxSum, minSum,
                minInside);
    }

    /**
     * The statistics of rows known to sum to exactly 1 (a compact model's fixed-point rows), from
     * their other entries (see the accessors); the computed sums are taken as 1, which
     * {@link RoundingBounds} widens by the rounding of a sum of K terms.
     */
    static RowStatistics ofStochasticRows(long choices, double maxReward, double signedMaxReward, int maxRewardChoice,
                                          int maxRewardState, int maxBranching, double minInside) {
        return new RowStatistics(choices, maxReward, signedMaxReward, maxRewardChoice, maxRewardState, maxBranching,
                choices > 0 ? 1 : 0, choices > 0 ? 1 : Double.POSITIVE_INFINITY, minInside);
    }

    /** The statistics of the union of the two ranges (exact: maxima, minima and counts). */
    public static RowStatistics merge(RowStatistics a, RowStatistics b) {
        boolean bReward = b.maxReward > a.maxReward || !(b.maxReward == b.maxReward) && a.maxReward == a.maxReward;
        RowStatistics r = bReward ? b : a;
        return new RowStatistics(a.choices + b.choices, r.maxReward, r.signedMaxReward, r.maxRewardChoice, r.maxRewardState,
                Math.max(a.maxBranching, b.maxBranching), Math.max(a.maxSum, b.maxSum), Math.min(a.minSum, b.minSum),
                Math.min(a.minInside, b.minInside));
    }

    /** Number of choices scanned. */
    public long choices() {
        return choices;
    }

    /** The largest |reward| (NaN if a reward is NaN). */
    public double maxReward() {
        return maxReward;
    }

    /** The reward of {@link #maxRewardChoice()}, with its sign (0 if none). */
    public double signedMaxReward() {
        return signedMaxReward;
    }

    /** Global index of a choice of largest |reward|, or −1 if every reward is 0 (or no choice). */
    public int maxRewardChoice() {
        return maxRewardChoice;
    }

    /** The state of {@link #maxRewardChoice()}, or −1. */
    public int maxRewardState() {
        return maxRewardState;
    }

    /** K: the largest number of transitions of a choice. */
    public int maxBranching() {
        return maxBranching;
    }

    /** The largest computed row sum (0 without transitions). */
    public double maxSum() {
        return maxSum;
    }

    /** The smallest computed row sum (+Infinity without choices). */
    public double minSum() {
        return minSum;
    }

    /**
     * The smallest mass, rounded down with its summation error, that a choice of a state not of
     * value 0 puts on states not of value 0 (+Infinity if not computed or no such choice).
     */
    public double minInside() {
        return minInside;
    }
}
