package org.sparsemdp.model;

/**
 * A stationary policy of an {@link Mdp}: either a {@link DeterministicPolicy} (one choice per
 * state) or a {@link StochasticPolicy} (a probability per choice). A policy is created against
 * one model and remembers its dimensions, which evaluators check before use.
 */
public sealed interface Policy permits DeterministicPolicy, StochasticPolicy {
    /** Number of states of the model the policy was made for. */
    int numStates();

    /** Number of choices of the model the policy was made for. */
    int numChoices();

    /** The probability with which the policy takes choice {@code c} in the state owning it. */
    double probability(int c);

    /**
     * Checks that this policy was made for a model with the dimensions of {@code mdp}.
     *
     * @throws IllegalArgumentException if the numbers of states or choices differ
     */
    default void checkFits(Mdp mdp) {
        if (numStates() != mdp.numStates() || numChoices() != mdp.numChoices()) {
            throw new IllegalArgumentException("policy is for a model with " + numStates() + " states and "
                    + numChoices() + " choices, but the model has " + mdp.numStates() + " states and "
                    + mdp.numChoices() + " choices");
        }
    }
}
