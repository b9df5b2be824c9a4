package org.sparsemdp.solve.undiscounted;

/**
 * Bounds from one Bellman step for a {@link ReducedSystem} in which every choice leaves the
 * reduced states with probability at least e<sub>min</sub> &gt; 0: the MacQueen–Porteus bounds
 * of discounted value iteration, generalised from a discount γ to per-choice staying
 * probabilities in [1 − e<sub>max</sub>, 1 − e<sub>min</sub>] (Porteus, "Bounds and
 * transformations for discounted finite Markov decision chains", Oper. Res. 23, 1975; for
 * stochastic shortest paths Bertsekas, "Dynamic Programming and Optimal Control", Vol. II, 4th
 * ed., 2012, §3.4 error bounds). A discounted model written as an undiscounted one with a stop
 * state ({@link org.sparsemdp.generate.StopEmbedding}) has e<sub>min</sub> = e<sub>max</sub> = 1 − γ,
 * and these are then exactly the discounted bounds.
 *
 * <p><b>The bound.</b> For any vector x let w = Tx and δ = w − x. For a policy π with matrix P
 * (row sums ρ ≤ 1 − e<sub>min</sub>), v<sup>π</sup> − T<sub>π</sub>x = P(I − P)<sup>−1</sup>(T<sub>π</sub>x − x)
 * and P(I − P)<sup>−1</sup>1 = Σ<sub>k≥1</sub>P<sup>k</sup>1 lies between F<sub>min</sub> =
 * (1 − e<sub>max</sub>)/e<sub>max</sub> and F<sub>max</sub> = (1 − e<sub>min</sub>)/e<sub>min</sub>.
 * With π optimal (max: T<sub>π</sub>x ≤ w; min: ≥ w) and π greedy for x (T<sub>π</sub>x = w) this gives,
 * for max and min alike,
 * <pre>
 *   w + F(min δ) · min δ  ≤  v*  ≤  w + F(max δ) · max δ,
 * </pre>
 * where F(d) is F<sub>min</sub> for the lower and F<sub>max</sub> for the upper bound when d ≥ 0, and
 * the other way round when d &lt; 0. The gap is about span(δ)·F, which shrinks with the mixing of
 * the chain, not only with 1 − e per step as interval iteration's does.
 *
 * <p><b>Rounding.</b> e<sub>min</sub> and e<sub>max</sub> come from the reduced row sums
 * computed with an outward error term, w from a step whose relative error is at most
 * {@link IntervalSweeps#relativeError}, and every further operation rounds outward by one ulp
 * ({@link Math#nextUp}/{@link Math#nextDown}), so the bounds hold for the exact model as stored.
 */
final class ExitRateBounds {
    final double factorMin;
    final double factorMax;

    private ExitRateBounds(double factorMin, double factorMax) {
        this.factorMin = factorMin;
        this.factorMax = factorMax;
    }

    /**
     * The bounds for {@code sys}, or null if some choice may stay in the reduced states with
     * probability 1 − e<sub>min</sub> so close to 1 that the bound is useless (e<sub>min</sub>
     * below {@code 1e-6}: then it would need a span below ε·1e-6).
     */
    static ExitRateBounds of(ReducedSystem sys) {
        int m = sys.choiceStart[sys.numStates];
        double eMin = 1.0;
        double eMax = 0.0;
        for (int c = 0; c < m; c++) {
            double rho = 0;
            int k0 = sys.transStart[c];
            int k1 = sys.transStart[c + 1];
            for (int k = k0; k < k1; k++) {
                rho += sys.probability[k];
            }
            double err = IntervalSweeps.relativeError(k1 - k0) * rho;
            eMin = Math.min(eMin, Math.nextDown(1.0 - Math.nextUp(rho + err)));
            eMax = Math.max(eMax, Math.nextUp(1.0 - Math.nextDown(rho - err)));
        }
        if (m == 0 || !(eMin >= 1e-6)) {
            return null;
        }
        eMax = Math.min(eMax, 1.0);
        double fMax = Math.nextUp(Math.nextUp(1.0 / eMin) - 1.0);
        double fMin = Math.max(0.0, Math.nextDown(Math.nextDown(1.0 / eMax) - 1.0));
        return new ExitRateBounds(fMin, fMax);
    }

    /**
     * Tightens {@code upper} on {@code order[from..to-1]} with the bound from x = {@code lower}
     * and replaces {@code lower} there by the larger of ↓Tx and its lower bound (both below the
     * fixed point; the second is x's Jacobi step shifted by F·min δ, the extrapolation that
     * removes the slowly decaying constant error mode), using {@code w} as scratch.
     *
     * <p>The same argument bounds the value of the greedy policy π for x (T<sub>π</sub>x = w, so
     * v<sup>π</sup> = w + P<sub>π</sub>(I − P<sub>π</sub>)<sup>−1</sup>δ): it lies in the interval
     * [lo, hi] of every state, as v* does. {@code policy} receives π, and the result, the largest
     * hi − lo, bounds the loss of π against the optimum in every state (a policy certificate at
     * no extra cost).
     *
     * @return the largest hi − lo over the states, +∞ if a value was not finite States where the system's value is known to
     * be 0 are not in the order and keep their bounds.
     */
    double tighten(ReducedSystem sys, boolean maximize, double[] lower, double[] upper, double[] w, int[] order,
                   int from, int to, double rel, int[] policy) {
        IntervalSweeps.jacobi(sys, maximize, lower, w, order, from, to, policy);
        double minDelta = Double.POSITIVE_INFINITY;
        double maxDelta = Double.NEGATIVE_INFINITY;
        for (int i = from; i < to; i++) {
            int q = order[i];
            double x = lower[q];
            double wq = w[q];
            double e = wq * rel;
            minDelta = Math.min(minDelta, Math.nextDown(Math.nextDown(wq - e) - x));
            maxDelta = Math.max(maxDelta, Math.nextUp(Math.nextUp(wq + e) - x));
        }
        if (to - from < sys.numStates) {
            // The states left out have value 0 and bounds 0, and their Bellman image is 0 (their
            // successors under the choices that matter have value 0 too): δ = 0 there, and the
            // chain may enter them, so 0 takes part in min δ and max δ.
            minDelta = Math.min(minDelta, 0.0);
            maxDelta = Math.max(maxDelta, 0.0);
        }
        if (!(minDelta > Double.NEGATIVE_INFINITY && maxDelta < Double.POSITIVE_INFINITY)) {
            return Double.POSITIVE_INFINITY; // a non-finite value: no bound from this step
        }
        double shiftLow = Math.nextDown(minDelta * (minDelta >= 0 ? factorMin : factorMax));
        double shiftHigh = Math.nextUp(maxDelta * (maxDelta >= 0 ? factorMax : factorMin));
        double policyGap = 0;
        for (int i = from; i < to; i++) {
            int q = order[i];
            double wq = w[q];
            double e = wq * rel;
            double down = Math.nextDown(wq - e);
            double lo = Math.nextDown(down + shiftLow);
            double hi = Math.nextUp(Math.nextUp(wq + e) + shiftHigh);
            lower[q] = Math.max(down, lo); // the Jacobi step, extrapolated when min δ ≥ 0
            if (hi < upper[q]) {
                upper[q] = hi;
            }
            policyGap = Math.max(policyGap, Math.nextUp(hi - lo));
        }
        return policyGap;
    }
}
