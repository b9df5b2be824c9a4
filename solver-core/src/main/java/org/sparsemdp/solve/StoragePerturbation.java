package org.sparsemdp.solve;

import org.sparsemdp.model.CompactMdp;

import static org.sparsemdp.solve.RoundingBounds.down;
import static org.sparsemdp.solve.RoundingBounds.up;

/**
 * The error a compact model's rounded probabilities add to the certified bounds: how far the
 * optimal values v'* of the stored model M' can be from the optimal values v* of the double model M
 * the user gave, and likewise for a policy's values.
 *
 * <p><b>Derivation.</b> Let T and T' be the Bellman operators of M and M' (same states, choices,
 * rewards and successors; probabilities p and p'). Per choice c, with δ<sub>c</sub> =
 * Σ<sub>k</sub>|p<sub>k</sub> − p'<sub>k</sub>| ≤ δ ({@link CompactMdp#maxDeviation()}), the rows
 * of M' summing to exactly 1 and those of M to σ<sub>c</sub> with |σ<sub>c</sub> − 1| ≤ g
 * ({@link CompactMdp#maxSumGap()}), and any vector v with values in [lo, hi] and midpoint
 * m = (lo + hi)/2:
 * <pre>
 *   |Σ_k (p_k − p'_k) v_k| = |Σ_k (p_k − p'_k)(v_k − m) + m (σ_c − 1)| ≤ δ (hi − lo)/2 + |m| g,
 * </pre>
 * so ‖T v − T' v‖∞ ≤ E(lo, hi) = γ (δ (hi − lo)/2 + |m| g) (the optimum over choices moves by at
 * most the largest change of a choice). T is a contraction of modulus β = γ(1 + g) in the sup norm,
 * hence from v* = T v* and v'* = T' v'*:
 * <pre>
 *   ‖v* − v'*‖ ≤ ‖T v* − T v'*‖ + ‖T v'* − T' v'*‖ ≤ β ‖v* − v'*‖ + E   ⇒   ‖v* − v'*‖ ≤ E / (1 − β),
 * </pre>
 * with [lo, hi] any interval holding v'*: the certified enclosure of the check sweep w = T' u,
 * lo = min w + low, hi = max w + high over the states not of value 0, widened to 0 if there are
 * states of value 0 (they have value exactly 0 in both models, which share their structure). With
 * exact row sums (g = 0) the bound is γ·(δ/2)·span(v'*)/(1 − γ).
 *
 * <p>For the reported policy π (greedy in M'), with b' the policy bound in M'
 * (‖v'<sup>π</sup> − v'*‖ ≤ b', so v'<sup>π</sup> lies in [lo − b', hi + b']), the same argument for
 * the policy operators T<sub>π</sub>, T'<sub>π</sub> gives ‖v<sup>π</sup> − v'<sup>π</sup>‖ ≤
 * E(lo − b', hi + b')/(1 − β), so
 * ‖v<sup>π</sup> − v*‖ ≤ b' + E(lo − b', hi + b')/(1 − β) + E(lo, hi)/(1 − β).
 *
 * <p><b>Floating point.</b> The stored probabilities are exact doubles (q·2<sup>−32</sup>), so the
 * kernel's own rounding is the one {@link RoundingBounds} bounds for M' (its certificate is about
 * v'*); δ and g were computed with upward rounding when the rows were stored, and every operation
 * here is rounded outward. Reference for the perturbation argument: Puterman 1994, <i>Markov
 * Decision Processes</i>, §6.2 (contraction), and Müller 1997, "How does the value function of a
 * Markov decision process depend on the transition probabilities?", Math. Oper. Res. 22.
 */
public final class StoragePerturbation {
    private final double gamma;
    private final double deviation;
    private final double sumGap;
    private final double amplification;

    /**
     * @param gamma     the discount γ &lt; 1
     * @param deviation δ, an upper bound on every row's L1 deviation
     * @param sumGap    g, an upper bound on |σ<sub>c</sub> − 1| of the double model's rows
     */
    public StoragePerturbation(double gamma, double deviation, double sumGap) {
        if (!(deviation >= 0 && sumGap >= 0 && deviation < Double.POSITIVE_INFINITY && sumGap < Double.POSITIVE_INFINITY)) {
            throw new IllegalArgumentException("storage deviation " + deviation + " and row-sum gap " + sumGap
                    + " must be finite and non-negative");
        }
        this.gamma = gamma;
        this.deviation = deviation;
        this.sumGap = sumGap;
        double beta = up(gamma * up(1 + sumGap));
        if (!(beta < 1)) {
            throw new IllegalArgumentException("discount " + gamma + " times the largest row sum 1 + " + sumGap
                    + " is not below 1");
        }
        this.amplification = up(1 / down(1 - beta));
    }

    /** The perturbation of the given compact model. */
    public static StoragePerturbation of(CompactMdp mdp) {
        return new StoragePerturbation(mdp.discount(), mdp.maxDeviation(), mdp.maxSumGap());
    }

    /** E(lo, hi)/(1 − β), rounded up: a bound on ‖v − v'‖ for fixed points whose M' values lie in [lo, hi]. */
    public double valueTerm(double lo, double hi) {
        double halfSpan = up(hi / 2 - lo / 2);
        double mid = Math.abs(lo / 2 + hi / 2);
        double mismatch = up(up(deviation * halfSpan) + up(up(mid + Math.abs(mid) * 0x1p-52) * sumGap));
        return up(up(gamma * mismatch) * amplification);
    }

    /**
     * Adds the storage error to a measurement of {@link SpanBounds} for the check w (values not yet
     * shifted): the value bound grows by {@link #valueTerm}, the policy bound by the two terms of
     * the class comment. The floors are left alone (they are about the arithmetic, not the storage).
     */
    void widen(RoundingBounds rb, double[] w, double[] m) {
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        for (int s = 0, n = w.length; s < n; s++) {
            if (!rb.isZero(s)) {
                lo = Math.min(lo, w[s]);
                hi = Math.max(hi, w[s]);
            }
        }
        if (lo > hi) {
            return; // every state has value 0 in both models
        }
        lo = down(lo + m[SpanBounds.LOW]);
        hi = up(hi + m[SpanBounds.HIGH]);
        if (rb.zeroCount() > 0) {
            lo = Math.min(lo, 0);
            hi = Math.max(hi, 0);
        }
        double valueTerm = valueTerm(lo, hi);
        double policyBound = m[SpanBounds.POLICY];
        double policyTerm = valueTerm(down(lo - policyBound), up(hi + policyBound));
        m[SpanBounds.VALUE] = up(m[SpanBounds.VALUE] + valueTerm);
        m[SpanBounds.POLICY] = up(up(policyBound + valueTerm) + policyTerm);
    }
}
