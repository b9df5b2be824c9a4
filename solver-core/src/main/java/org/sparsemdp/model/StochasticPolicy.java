package org.sparsemdp.model;

import java.util.Arrays;

/**
 * An immutable stochastic stationary policy: a probability π(c) for every choice c, the
 * probabilities of the choices of each non-terminal state summing to one (within
 * {@value #TOLERANCE}; rows are then divided by their sum so that they sum to one up to
 * rounding). Terminal states have no choices.
 */
public final class StochasticPolicy implements Policy {
    /** Tolerance on |Σ π − 1| per non-terminal state. */
    public static final double TOLERANCE = 1e-9;

    private final double[] probability;
    private final int numStates;

    private StochasticPolicy(double[] probability, int numStates) {
        this.probability = probability;
        this.numStates = numStates;
    }

    /** Wraps an array already known to be valid (no copy, no check). */
    static StochasticPolicy trusted(double[] probability, int numStates) {
        return new StochasticPolicy(probability, numStates);
    }

    /**
     * The policy with probability {@code probabilities[c]} for choice c (copied).
     *
     * @throws IllegalArgumentException if the length is not the number of choices, a probability
     *                                  is outside [0, 1] or not finite, or the probabilities of a
     *                                  non-terminal state do not sum to 1 within {@value #TOLERANCE}
     */
    public static StochasticPolicy of(Mdp mdp, double[] probabilities) {
        if (probabilities.length != mdp.numChoices()) {
            throw new IllegalArgumentException("policy has " + probabilities.length + " probabilities, the model has "
                    + mdp.numChoices() + " choices");
        }
        double[] p = probabilities.clone();
        for (int s = 0, n = mdp.numStates(); s < n; s++) {
            int from = mdp.choiceStart(s);
            int to = mdp.choiceEnd(s);
            if (from == to) {
                continue;
            }
            double sum = 0;
            for (int c = from; c < to; c++) {
                if (!(p[c] >= 0 && p[c] <= 1 + TOLERANCE)) {
                    throw new IllegalArgumentException("state " + s + ", choice " + c + " (action '"
                            + mdp.actionLabel(c) + "'): probability " + p[c] + " is not in [0, 1]");
                }
                sum += p[c];
            }
            if (Math.abs(sum - 1) > TOLERANCE) {
                throw new IllegalArgumentException("state " + s + ": action probabilities sum to " + sum
                        + ", not 1");
            }
            if (sum != 1) {
                for (int c = from; c < to; c++) {
                    p[c] /= sum;
                }
            }
        }
        return new StochasticPolicy(p, mdp.numStates());
    }

    /** The policy choosing uniformly among the choices of every state. */
    public static StochasticPolicy uniform(Mdp mdp) {
        double[] p = new double[mdp.numChoices()];
        for (int s = 0, n = mdp.numStates(); s < n; s++) {
            int k = mdp.numChoices(s);
            for (int c = mdp.choiceStart(s); c < mdp.choiceEnd(s); c++) {
                p[c] = 1.0 / k;
            }
        }
        return new StochasticPolicy(p, mdp.numStates());
    }

    @Override
    public int numStates() {
        return numStates;
    }

    @Override
    public int numChoices() {
        return probability.length;
    }

    @Override
    public double probability(int c) {
        return probability[c];
    }

    /** A copy of the probabilities per choice. */
    public double[] probabilities() {
        return probability.clone();
    }

    /** The internal probability array, without copying; callers must not modify it. */
    public double[] probabilityArray() {
        return probability;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof StochasticPolicy other && other.numStates == numStates
                && Arrays.equals(other.probability, probability);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(probability);
    }

    @Override
    public String toString() {
        return "StochasticPolicy[" + numStates + " states, " + probability.length + " choices]";
    }
}
