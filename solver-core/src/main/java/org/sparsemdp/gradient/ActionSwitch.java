package org.sparsemdp.gradient;

/**
 * The most advantageous action of a tabular softmax policy, from
 * {@link PolicyGradient#bestSwitch(double[])}: the parameter k (an observation o and an action
 * label a) with the largest advantage averaged over the states of o by their occupancy,
 * <pre>
 *   advantage = Σ_{s∈o} η(s) (Q(s,a) − Σ_b π(b|s) Q(s,b)) / Σ_{s∈o} η(s)
 * </pre>
 * (sign flipped for minimising models, so positive means better): the natural-gradient component
 * of k (Kakade, NIPS 2001). {@link #improvement()} = occupancy × advantage is the first-order change
 * of J when the policy at o moves all its mass to a (performance difference lemma, Kakade and
 * Langford, ICML 2002; exact when no trajectory visits o twice, as in the acyclic restoration
 * models). A positive advantage where ∇J is tiny means the softmax is saturated: the gradient
 * component of a is η(o)·π(a|o)·advantage, which vanishes when π(a|o) ≈ 0 or when the policy has
 * stopped visiting o (η(o) ≈ 0), however much switching would pay there.
 *
 * @param parameter   the parameter index k, or −1 if no observation has positive occupancy
 * @param occupancy   Σ<sub>s∈o</sub> η(s), the expected number of visits to o
 * @param advantage   the occupancy-averaged advantage of a at o (positive: better than the current mix)
 * @param probability π(a|o), the probability the policy gives a at o
 */
public record ActionSwitch(int parameter, double occupancy, double advantage, double probability) {
    /**
     * Whether the gradient component of this action, occupancy × probability × advantage, is
     * held down by saturation: occupancy × probability ≤ {@code weight}.
     */
    public boolean saturated(double weight) {
        return occupancy * probability <= weight;
    }

    /** occupancy × advantage: the first-order improvement of J from switching o to a. */
    public double improvement() {
        return occupancy * advantage;
    }
}
