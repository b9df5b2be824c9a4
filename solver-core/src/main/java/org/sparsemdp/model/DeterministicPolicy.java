package org.sparsemdp.model;

import java.util.Arrays;

/**
 * An immutable deterministic stationary policy: per state the global index of the chosen choice
 * (as in {@link Mdp#choiceStart(int)}), −1 for terminal states.
 */
public final class DeterministicPolicy implements Policy {
    private final int[] choice;
    private final int numChoices;

    private DeterministicPolicy(int[] choice, int numChoices) {
        this.choice = choice;
        this.numChoices = numChoices;
    }

    /**
     * The policy taking {@code choices[s]} in state s (copied).
     *
     * @throws IllegalArgumentException if the length is not the number of states, or a choice
     *                                  does not belong to its state (terminal states need −1)
     */
    public static DeterministicPolicy of(Mdp mdp, int[] choices) {
        int n = mdp.numStates();
        if (choices.length != n) {
            throw new IllegalArgumentException("policy has " + choices.length + " entries, the model has " + n
                    + " states");
        }
        int[] copy = choices.clone();
        for (int s = 0; s < n; s++) {
            int c = copy[s];
            if (mdp.isTerminal(s)) {
                if (c != -1) {
                    throw new IllegalArgumentException("state " + s + " is terminal: its choice must be -1, not " + c);
                }
            } else if (c < mdp.choiceStart(s) || c >= mdp.choiceEnd(s)) {
                throw new IllegalArgumentException("state " + s + ": choice " + c + " is not one of its choices "
                        + mdp.choiceStart(s) + ".." + (mdp.choiceEnd(s) - 1));
            }
        }
        return new DeterministicPolicy(copy, mdp.numChoices());
    }

    /** The policy that takes the first choice of every non-terminal state. */
    public static DeterministicPolicy firstChoices(Mdp mdp) {
        int n = mdp.numStates();
        int[] c = new int[n];
        for (int s = 0; s < n; s++) {
            c[s] = mdp.isTerminal(s) ? -1 : mdp.choiceStart(s);
        }
        return new DeterministicPolicy(c, mdp.numChoices());
    }

    /**
     * The policy taking in each state the choice labelled {@code labels[s]} ({@code null} for
     * terminal states).
     *
     * @throws IllegalArgumentException naming the state if a label is not one of its actions
     */
    public static DeterministicPolicy ofLabels(Mdp mdp, String... labels) {
        int n = mdp.numStates();
        if (labels.length != n) {
            throw new IllegalArgumentException("policy has " + labels.length + " labels, the model has " + n
                    + " states");
        }
        int[] c = new int[n];
        for (int s = 0; s < n; s++) {
            if (mdp.isTerminal(s)) {
                c[s] = -1;
                continue;
            }
            c[s] = labels[s] == null ? -1 : mdp.findChoice(s, labels[s]);
            if (c[s] < 0) {
                throw new IllegalArgumentException("state " + s + " has no action '" + labels[s] + "'");
            }
        }
        return new DeterministicPolicy(c, mdp.numChoices());
    }

    @Override
    public int numStates() {
        return choice.length;
    }

    @Override
    public int numChoices() {
        return numChoices;
    }

    /** The choice taken in state {@code s}, −1 for a terminal state. */
    public int choice(int s) {
        return choice[s];
    }

    /** A copy of the choice per state. */
    public int[] choices() {
        return choice.clone();
    }

    /** The internal choice array, without copying; callers must not modify it. */
    public int[] choiceArray() {
        return choice;
    }

    /** O(log S): 1 if {@code c} is the chosen choice of its state, else 0. */
    @Override
    public double probability(int c) {
        if (c < 0 || c >= numChoices) {
            throw new IndexOutOfBoundsException("choice " + c + " out of range 0.." + (numChoices - 1));
        }
        // The chosen choices are increasing in s (choices of state s precede those of s+1).
        int lo = 0;
        int hi = choice.length - 1;
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            int cm = choice[mid];
            if (cm < 0) { // terminal: find a neighbour with a choice
                int left = mid - 1;
                while (left >= lo && choice[left] < 0) {
                    left--;
                }
                if (left >= lo && choice[left] >= c) {
                    if (choice[left] == c) {
                        return 1.0;
                    }
                    hi = left - 1;
                } else {
                    lo = mid + 1;
                }
            } else if (cm == c) {
                return 1.0;
            } else if (cm < c) {
                lo = mid + 1;
            } else {
                hi = mid - 1;
            }
        }
        return 0.0;
    }

    /** The same policy as a stochastic policy with probabilities 0 and 1. */
    public StochasticPolicy toStochastic() {
        double[] p = new double[numChoices];
        for (int c : choice) {
            if (c >= 0) {
                p[c] = 1.0;
            }
        }
        return StochasticPolicy.trusted(p, choice.length);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof DeterministicPolicy other && other.numChoices == numChoices
                && Arrays.equals(other.choice, choice);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(choice);
    }

    @Override
    public String toString() {
        return "DeterministicPolicy" + (choice.length <= 20 ? Arrays.toString(choice) : "[" + choice.length + " states]");
    }
}
