package org.sparsemdp.gradient;

import org.sparsemdp.model.DeterministicPolicy;
import org.sparsemdp.model.Mdp;
import org.sparsemdp.model.StochasticPolicy;

/**
 * A softmax (Gibbs, Boltzmann) policy family of one {@link Mdp}: for parameters θ ∈ ℝ<sup>P</sup>
 * and features φ(s, a) ∈ ℝ<sup>P</sup> of every choice,
 * <pre>
 *   π_θ(a|s) = exp(θ·φ(s,a)) / Σ_b exp(θ·φ(s,b))
 * </pre>
 * over the choices of each non-terminal state. Subclasses supply the linear map θ ↦ z = Φθ
 * (the logit of every choice, {@link #logits}) and its transpose w ↦ Φ<sup>T</sup>w
 * ({@link #transposeTimes}); everything else follows:
 * <ul>
 *   <li>probabilities by the numerically stable softmax: the largest logit of a state is
 *       subtracted before exponentiating, so no exp overflows and at least one term is 1;</li>
 *   <li>∇<sub>θ</sub>π(a|s) = π(a|s)(φ(s,a) − Σ<sub>b</sub>π(b|s)φ(s,b)), used by
 *       {@link PolicyGradient} in the form Φ<sup>T</sup>w with w(s,a) = η(s)π(a|s)(Q(s,a) − V(s)).</li>
 * </ul>
 * Reference: Sutton and Barto, <i>Reinforcement Learning</i>, 2nd ed., MIT Press 2018, §13.1–13.2.
 *
 * <p>Implementations are immutable and thread-safe; the methods write into caller arrays and
 * do not allocate.
 */
public abstract class SoftmaxPolicy {
    private final Mdp mdp;

    /** A family for {@code mdp}. */
    protected SoftmaxPolicy(Mdp mdp) {
        if (mdp == null) {
            throw new IllegalArgumentException("mdp must not be null");
        }
        this.mdp = mdp;
    }

    /** The model. */
    public final Mdp mdp() {
        return mdp;
    }

    /** The number of parameters P. */
    public abstract int numParameters();

    /** Writes the logit z(c) = θ·φ(c) of every choice c into {@code out} (length C). */
    public abstract void logits(double[] theta, double[] out);

    /** Writes Φ<sup>T</sup>w = Σ<sub>c</sub> w(c) φ(c) into {@code out} (length P, overwritten). */
    public abstract void transposeTimes(double[] w, double[] out);

    /** A short description for reports, e.g. {@code tabular(120 parameters)}. */
    public abstract String describe();

    /**
     * Writes π<sub>θ</sub>(c) for every choice into {@code out} (length C) by the stable softmax
     * (see the class comment). Terminal states have no choices and are skipped.
     *
     * @throws IllegalArgumentException if a length is wrong or a logit is not finite
     */
    public final void probabilities(double[] theta, double[] out) {
        checkTheta(theta);
        if (out.length != mdp.numChoices()) {
            throw new IllegalArgumentException("expected an output of length " + mdp.numChoices() + ", got "
                    + out.length);
        }
        logits(theta, out);
        final int[] choiceStart = mdp.choiceStartArray();
        for (int s = 0, n = mdp.numStates(); s < n; s++) {
            int from = choiceStart[s];
            int to = choiceStart[s + 1];
            if (from == to) {
                continue;
            }
            double max = Double.NEGATIVE_INFINITY;
            for (int c = from; c < to; c++) {
                double z = out[c];
                if (!Double.isFinite(z)) {
                    throw new IllegalArgumentException("state " + s + ", choice " + c + ": logit " + z
                            + " is not finite (parameters too large or not finite)");
                }
                if (z > max) {
                    max = z;
                }
            }
            double sum = 0.0;
            for (int c = from; c < to; c++) {
                double e = Math.exp(out[c] - max);
                out[c] = e;
                sum += e;
            }
            double inv = 1.0 / sum; // sum >= 1: the maximum contributes exp(0)
            for (int c = from; c < to; c++) {
                out[c] *= inv;
            }
        }
    }

    /** π<sub>θ</sub> as a policy (a new array). */
    public final StochasticPolicy policy(double[] theta) {
        double[] p = new double[mdp.numChoices()];
        probabilities(theta, p);
        return StochasticPolicy.of(mdp, p);
    }

    /**
     * The most likely deterministic rounding of π<sub>θ</sub>: in every state the choice with the
     * largest logit (the first one on ties).
     */
    public final DeterministicPolicy mostLikely(double[] theta) {
        checkTheta(theta);
        double[] z = new double[mdp.numChoices()];
        logits(theta, z);
        int[] choice = new int[mdp.numStates()];
        for (int s = 0, n = mdp.numStates(); s < n; s++) {
            int best = -1;
            for (int c = mdp.choiceStart(s); c < mdp.choiceEnd(s); c++) {
                if (best < 0 || z[c] > z[best]) {
                    best = c;
                }
            }
            choice[s] = best;
        }
        return DeterministicPolicy.of(mdp, choice);
    }

    /** The all-zero parameter vector, which gives the uniform random policy in every family here. */
    public final double[] zeros() {
        return new double[numParameters()];
    }

    final void checkTheta(double[] theta) {
        if (theta.length != numParameters()) {
            throw new IllegalArgumentException("expected " + numParameters() + " parameters, got " + theta.length);
        }
    }

    @Override
    public String toString() {
        return describe();
    }
}
