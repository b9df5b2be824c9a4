package org.sparsemdp.solve;

import org.sparsemdp.model.Mdp;

import java.util.Locale;

/**
 * The floating-point error model behind the certified bounds of the discounted solvers: what a
 * Bellman check sweep computed in double precision can be off by, and the MacQueen–Porteus
 * bounds made to hold for the model <em>as stored</em> (the exact real numbers of its double
 * probabilities and rewards), with every rounding accounted for. Computed once per solve, in one
 * pass over the model.
 *
 * <p><b>Model.</b> IEEE 754 binary64, round to nearest, unit roundoff u = 2<sup>−53</sup>; no
 * fused or extended-precision arithmetic is assumed (Java's strict semantics). For a choice c
 * with k transitions, the computed Q-value q̃ = fl(r + γ·fl(Σ p·v)) in any summation order
 * satisfies |q̃ − q| ≤ γ<sub>k+2</sub>(|r| + γΣ p|v|) (Higham 2002, <i>Accuracy and Stability
 * of Numerical Algorithms</i>, §3.1, eq. 3.5), which is at most
 * η(‖u‖) = 1.01·(K+4)·u·(R + γ·σ<sub>hi</sub>·‖u‖∞) + (K+4)·2<sup>−1074</sup> for a check
 * sweep from u, with K the largest number of transitions of a choice, R = max|r| and
 * σ<sub>hi</sub> an upper bound on the exact row sums Σ p (the last term covers underflow).
 * The optimum over choices is exact, so the computed (T u)(s) is within η of the exact one, and
 * the computed change δ̃ = fl(w − u) within η + 1.01·u·|δ̃| of the exact T u − u.
 *
 * <p><b>Rows that do not sum to one.</b> The exact sums of the stored probabilities differ from 1
 * by rounding (or by up to the loader's renormalisation threshold). With exact row sums in
 * [σ<sub>lo</sub>, σ<sub>hi</sub>] (bounded from the computed sums with their own rounding
 * error), a shift c·1 changes T by between βlo·c and βhi·c, β = γσ, and the MacQueen–Porteus
 * argument (Puterman 1994, Theorem 6.6.3; Porteus 1975) gives, for w = T u, δ = w − u,
 * <pre>
 *   w + f(min δ) ≤ v* ≤ w + f(max δ),   f(x) = x·βhi/(1−βhi) if x moves away from 0 in the
 *                                        unfavourable direction, x·βlo/(1−βlo) otherwise,
 * </pre>
 * (lower end: βhi for x &lt; 0, βlo for x ≥ 0; upper end: βhi for x &gt; 0, βlo for x ≤ 0), and
 * for the greedy policy π of u the same with 1/(1−β) in place of β/(1−β), for v<sup>π</sup> − u.
 * The bounds use δ̃ widened by its error and w widened by η, and every operation on the bounds
 * themselves is rounded outward.
 *
 * <p><b>States of value exactly 0.</b> Terminal states, and states all of whose choices have
 * reward 0 and lead only to such states or to themselves (found by two forward passes), have
 * v* = 0 under every policy; they are reported as exactly 0, and their change (always 0 at the
 * fixed point) is left out of min δ and max δ, which would otherwise pin the lower bound at
 * w. For the lower end βlo is then γ times the smallest mass a choice of another state puts on
 * states outside this set; values of u on these states that are not exactly 0 (after an
 * extrapolation or a Krylov evaluation) add γσ<sub>hi</sub>·max|u| there to η.
 *
 * <p><b>Overflow.</b> The model is rejected (IllegalArgumentException naming the choice of
 * largest |r|) when R/(1−βhi), a bound on |v*|, is not below 2<sup>−8</sup> of the largest double,
 * so that no iterate within a few times the bound can overflow.
 */
public final class RoundingBounds {
    /** The unit roundoff of IEEE 754 double precision, 2<sup>−53</sup>. */
    public static final double UNIT_ROUNDOFF = 0x1p-53;
    private static final double U = UNIT_ROUNDOFF;
    /** Largest admissible bound on |v*|: R/(1−βhi) must stay below this. */
    static final double MAX_VALUE_BOUND = Double.MAX_VALUE / 256;

    private final double gamma;
    private final double maxReward;
    private final double sweepFactor;
    private final double sweepAbsolute;
    private final double massHigh;
    private final double betaHigh;
    private final double fHigh;
    private final double fLow;
    private final double gHigh;
    private final double gLow;
    private final boolean[] zero;
    private final int zeroCount;

    private RoundingBounds(double gamma, double maxReward, int maxBranching, double massHigh, double massLow,
                           boolean[] zero, int zeroCount) {
        this.gamma = gamma;
        this.maxReward = maxReward;
        this.sweepFactor = 1.01 * (maxBranching + 4) * U;
        this.sweepAbsolute = maxBranching == 0 ? 0.0 : (maxBranching + 4) * Double.MIN_VALUE;
        this.massHigh = massHigh;
        this.betaHigh = up(gamma * massHigh);
        double betaLow = Math.max(0.0, down(gamma * massLow));
        this.fHigh = up(betaHigh / down(1 - betaHigh));
        this.gHigh = up(1 / down(1 - betaHigh));
        this.fLow = down(betaLow / up(1 - betaLow));
        this.gLow = down(1 / up(1 - betaLow));
        this.zero = zero;
        this.zeroCount = zeroCount;
    }

    /**
     * The error model of {@code mdp} (0 &lt; γ &lt; 1).
     *
     * @throws IllegalArgumentException if the discounted values can overflow (naming the choice of
     *                                  largest |reward|), or if the rows sum to 1/γ or more
     */
    public static RoundingBounds of(Mdp mdp) {
        final int[] choiceStart = mdp.choiceStartArray();
        final int[] transStart = mdp.transitionStartArray();
        final int[] successor = mdp.successorArray();
        final double[] reward = mdp.rewardArray();
        boolean[] zero = new boolean[mdp.numStates()];
        int zeroCount = markZeroStates(0, choiceStart, transStart, successor, reward, zero, zero);
        RowStatistics rows = RowStatistics.scan(0, 0, choiceStart, transStart, successor, mdp.probabilityArray(),
                reward, zero, zeroCount > 0);
        return of(mdp.discount(), rows, zero, zeroCount, mdp::actionLabel);
    }

    /**
     * The error model of a model known by its {@link RowStatistics} (merged over all its states)
     * and its states of value 0 (as marked by {@link #markZeroStates}, the same set the
     * statistics were scanned with): for a model too large for one machine, whose statistics
     * are gathered block by block where the blocks live. Gives exactly what
     * {@link #of(Mdp)} gives for the same rows and the same marked states.
     *
     * @param gamma       the discount factor, 0 &lt; γ &lt; 1
     * @param zero        per state, whether it has value exactly 0 (kept, not copied)
     * @param zeroCount   the number of marked states
     * @param choiceLabel the action label of a global choice index, for the overflow message
     * @throws IllegalArgumentException if the discounted values can overflow (naming the choice of
     *                                  largest |reward|), or if the rows sum to 1/γ or more
     */
    public static RoundingBounds of(double gamma, RowStatistics rows, boolean[] zero, int zeroCount,
                                    java.util.function.IntFunction<String> choiceLabel) {
        final int maxBranching = rows.maxBranching();
        final double maxReward = rows.maxReward();
        double maxSum = rows.maxSum();
        double minSum = rows.choices() > 0 ? rows.minSum() : 1;
        // the rounding error of a computed sum of at most K terms is at most 1.01·K·u·sum
        double massHigh = up(maxSum + rowSumError(maxSum, maxBranching));
        double massLowAll = down(minSum - rowSumError(minSum, maxBranching));
        if (rows.choices() == 0) {
            massHigh = 1;
        }
        double betaHigh = up(gamma * massHigh);
        if (!(betaHigh < 1)) {
            throw new IllegalArgumentException(String.format(Locale.ROOT, "the probabilities of some choice sum to"
                    + " %.17g, at least 1/discount = %.17g: the discounted values are not bounded and no bound can"
                    + " be certified", massHigh, 1 / gamma));
        }
        double valueBound = maxReward / down(1 - betaHigh);
        if (!(valueBound < MAX_VALUE_BOUND)) {
            int c = rows.maxRewardChoice();
            throw new IllegalArgumentException(String.format(Locale.ROOT, "reward %s of choice '%s' of state %d:"
                    + " with discount %s the discounted values can reach |r|/(1-discount) = %s, too close to the"
                    + " largest double (%s) to be computed without overflow; rescale the rewards",
                    rows.signedMaxReward(), choiceLabel.apply(c), rows.maxRewardState(), gamma, valueBound, Double.MAX_VALUE));
        }
        double massLow = zeroCount == 0 ? massLowAll : Math.min(1, rows.minInside());
        return new RoundingBounds(gamma, maxReward, maxBranching, massHigh, Math.max(0, massLow), zero, zeroCount);
    }

    /** Bound on the error of a computed sum {@code sum} of k non-negative terms (recursive summation). */
    static double rowSumError(double sum, int k) {
        return 1.01 * k * U * sum;
    }

    /**
     * Marks the states whose optimal value is exactly 0 under every policy among the states
     * [lo, lo + choiceStart.length − 1) of a model (arrays as in {@link RowStatistics}): terminal
     * states, then (two passes in state order) states all of whose choices have reward 0 and lead
     * only to marked states or to the state itself. Sound at any stage and from any soundly marked
     * start: every marked state can only reach marked states, collecting reward 0.
     *
     * @param known the states of the whole model known to be of value 0 (indexed by global
     *              state; read only for states outside the range)
     * @param marks the marks of the range, indexed by local state (global lo + i), starting from
     *              those of {@code known}; states already marked stay marked. For a model in one
     *              piece (lo = 0) it may be {@code known} itself.
     * @return the number of states newly marked
     */
    public static int markZeroStates(int lo, int[] choiceStart, int[] transStart, int[] successor, double[] reward,
                                     boolean[] known, boolean[] marks) {
        final int n = choiceStart.length - 1;
        int count = 0;
        for (int pass = 0; pass < 2; pass++) {
            for (int i = 0; i < n; i++) {
                if (marks[i]) {
                    continue;
                }
                boolean isZero = true;
                for (int c = choiceStart[i]; c < choiceStart[i + 1] && isZero; c++) {
                    if (reward[c] != 0.0) {
                        isZero = false;
                        break;
                    }
                    for (int k = transStart[c]; k < transStart[c + 1]; k++) {
                        int t = successor[k] - lo;
                        if (t != i && !(t >= 0 && t < n ? marks[t] : known[t + lo])) {
                            isZero = false;
                            break;
                        }
                    }
                }
                if (isZero) {
                    marks[i] = true;
                    count++;
                }
            }
        }
        return count;
    }

    /** Whether state s has optimal value exactly 0 (terminal, or only zero rewards forever). */
    public boolean isZero(int s) {
        return zero[s];
    }

    /** Number of states of value exactly 0. */
    public int zeroCount() {
        return zeroCount;
    }

    /** The largest |reward| of the model. */
    public double maxReward() {
        return maxReward;
    }

    /**
     * η: a bound on |computed (T u)(s) − exact (T u)(s)| in every state, for a sweep from a vector u
     * with ‖u‖∞ ≤ {@code norm} (exact-arithmetic T of the stored model).
     */
    public double sweepError(double norm) {
        if (maxReward == 0 && norm == 0) {
            return 0.0; // every product and sum is an exact 0
        }
        return up(sweepFactor * (maxReward + gamma * massHigh * norm) + sweepAbsolute);
    }

    /**
     * A bound on the rounding error accumulated by a topological solve (values of earlier
     * components fed into later ones) whose iterates stay within {@code norm}: each component
     * adds at most 3η·g (its check sweep or one-state formula, error η amplified by at most
     * g = 1/(1−βhi), plus the rounding of its shift), and an error propagates to the components
     * reading it damped by γ, so the total is at most 3η·g².
     */
    public double chainError(double norm) {
        return up(3 * sweepError(norm) * gHigh * gHigh);
    }

    /** βhi = γ·σhi rounded up: the largest factor by which a constant shift of the values moves T. */
    public double betaHigh() {
        return betaHigh;
    }

    /** g = 1/(1−βhi) rounded up: how much a per-step error can be amplified by the discounted sum. */
    public double amplification() {
        return gHigh;
    }

    /** γ·σhi·x rounded up: how much values x on the zero states (not exactly 0) can move T u. */
    double leakError(double x) {
        return up(gamma * massHigh * x);
    }

    /**
     * The certified enclosure from one check sweep: with w the computed T u, δ̃ the computed
     * w − u with min {@code minDelta} and max {@code maxDelta}, and η = {@code eta} (from
     * {@link #sweepError}, plus any leak), writes into {@code out}:
     * out[0] ≤ v* − w ≤ out[1] in every state not of value 0, and out[2] a bound on
     * ‖v<sup>π</sup> − v*‖∞ for the greedy policy π of u.
     */
    public void enclose(double minDelta, double maxDelta, double eta, double[] out) {
        enclose(minDelta, maxDelta, eta, out, 0);
    }

    /** As {@link #enclose(double, double, double, double[])}, writing out[at], out[at+1], out[at+2]. */
    void enclose(double minDelta, double maxDelta, double eta, double[] out, int at) {
        double etaDelta = up(eta + 1.01 * U * Math.max(Math.abs(minDelta), Math.abs(maxDelta)));
        double low = down(minDelta - etaDelta);
        double high = up(maxDelta + etaDelta);
        out[at] = down(lowerOffset(low, fLow, fHigh) - eta);
        out[at + 1] = up(upperOffset(high, fLow, fHigh) + eta);
        // the greedy choice may be up to 2η worse than the optimum in exact arithmetic
        double policyLow = down(low - 2 * eta);
        out[at + 2] = up(upperOffset(high, gLow, gHigh) - lowerOffset(policyLow, gLow, gHigh));
    }

    /**
     * The best certified bounds any check could give for values of norm {@code norm}, i.e. with
     * δ̃ = 0: for the values into out[at] and for the policy into out[at+1] (out[at+2] is used as
     * scratch).
     */
    void floor(double norm, double[] out, int at) {
        enclose(0, 0, sweepError(norm), out, at);
        double value = up((out[at + 1] - out[at]) / 2);
        out[at + 1] = out[at + 2];
        out[at] = value;
    }

    private static double lowerOffset(double x, double low, double high) {
        return x < 0 ? down(x * high) : down(x * low);
    }

    private static double upperOffset(double x, double low, double high) {
        return x > 0 ? up(x * high) : up(x * low);
    }

    /**
     * x rounded up by more than one rounding error of the operation that produced it. An exact 0
     * stays 0: the bounds here are formed from sums and products of non-negative error terms, whose
     * underflow is covered by the absolute term of {@link #sweepError}.
     */
    public static double up(double x) {
        return x == 0 ? 0.0 : Math.nextUp(x + Math.abs(x) * 0x1p-51);
    }

    /** x rounded down by more than one rounding error of the operation that produced it (0 stays 0). */
    public static double down(double x) {
        return x == 0 ? 0.0 : Math.nextDown(x - Math.abs(x) * 0x1p-51);
    }
}
