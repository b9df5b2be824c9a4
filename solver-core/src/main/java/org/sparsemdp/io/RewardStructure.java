package org.sparsemdp.io;

import java.util.Objects;
import org.sparsemdp.model.Mdp;

/**
 * One named reward structure of a model file, as PRISM defines it: a <em>state part</em>, one
 * reward per state earned in every step taken from that state, and a <em>choice part</em>, one
 * reward per choice (PRISM's state-action rewards; transition rewards r(s,a,s') are held as their
 * expectation Σ<sub>s'</sub> p(s'|s,a)·r(s,a,s'), which every expected-reward objective sees
 * alike). Either part may be absent. The reward of choice c of state s is
 * {@code state(s) + choice(c)} ({@link #perChoice}); a terminal state's state reward is never
 * earned.
 *
 * <p>Immutable. {@link #stateRewards()} and {@link #choiceRewards()} return copies;
 * {@link #stateRewardArray()} and {@link #choiceRewardArray()} return the internal arrays (or
 * null for an absent part), which callers must not modify.
 */
public final class RewardStructure {
    private final String name;
    private final double[] state;
    private final double[] choice;

    /**
     * A structure with the given parts (null: absent), taken without copying.
     *
     * @throws IllegalArgumentException if the name is empty or a reward is not finite
     */
    public RewardStructure(String name, double[] stateRewards, double[] choiceRewards) {
        this.name = Objects.requireNonNull(name, "name");
        if (name.isEmpty()) {
            throw new IllegalArgumentException("a reward structure needs a non-empty name");
        }
        checkFinite(stateRewards, "state");
        checkFinite(choiceRewards, "choice");
        this.state = stateRewards;
        this.choice = choiceRewards;
    }

    /** A structure with only a choice part. */
    public static RewardStructure ofChoices(String name, double[] choiceRewards) {
        return new RewardStructure(name, null, Objects.requireNonNull(choiceRewards, "choiceRewards"));
    }

    private void checkFinite(double[] r, String part) {
        if (r == null) {
            return;
        }
        for (int i = 0; i < r.length; i++) {
            if (!Double.isFinite(r[i])) {
                throw new IllegalArgumentException("reward structure '" + name + "': " + part + " reward " + i + " is "
                        + r[i]);
            }
        }
    }

    /** Checks the part sizes against {@code mdp}. */
    void checkSizes(Mdp mdp) {
        if (state != null && state.length != mdp.numStates()) {
            throw new IllegalArgumentException("reward structure '" + name + "' has " + state.length
                    + " state rewards for " + mdp.numStates() + " states");
        }
        if (choice != null && choice.length != mdp.numChoices()) {
            throw new IllegalArgumentException("reward structure '" + name + "' has " + choice.length
                    + " entries for " + mdp.numChoices() + " choices");
        }
    }

    /** The structure's name. */
    public String name() {
        return name;
    }

    /** Whether the structure has a state part. */
    public boolean hasStateRewards() {
        return state != null;
    }

    /** Whether the structure has a choice (state-action or transition) part. */
    public boolean hasChoiceRewards() {
        return choice != null;
    }

    /** Whether the state part exists and has a non-zero entry. */
    public boolean hasNonZeroStateRewards() {
        return nonZero(state);
    }

    /** Whether the choice part exists and has a non-zero entry. */
    public boolean hasNonZeroChoiceRewards() {
        return nonZero(choice);
    }

    private static boolean nonZero(double[] r) {
        if (r != null) {
            for (double v : r) {
                if (v != 0.0) {
                    return true;
                }
            }
        }
        return false;
    }

    /** The state part (a copy), or null if absent. */
    public double[] stateRewards() {
        return state == null ? null : state.clone();
    }

    /** The choice part (a copy), or null if absent. */
    public double[] choiceRewards() {
        return choice == null ? null : choice.clone();
    }

    /** The internal state part, or null; must not be modified. */
    public double[] stateRewardArray() {
        return state;
    }

    /** The internal choice part, or null; must not be modified. */
    public double[] choiceRewardArray() {
        return choice;
    }

    /** The reward of every choice of {@code mdp}: state part of its state plus choice part (a new array). */
    public double[] perChoice(Mdp mdp) {
        checkSizes(mdp);
        return perChoice(mdp.choiceStartArray(), mdp.numStates());
    }

    /**
     * As {@link #perChoice(Mdp)} for a model given by its CSR offsets {@code choiceStart}
     * (length {@code numStates + 1}), for readers that have no {@link Mdp} yet.
     */
    public double[] perChoice(int[] choiceStart, int numStates) {
        int numChoices = choiceStart[numStates];
        if ((choice != null && choice.length != numChoices) || (state != null && state.length != numStates)) {
            throw new IllegalArgumentException("reward structure '" + name + "' does not fit " + numStates
                    + " states and " + numChoices + " choices");
        }
        double[] r = choice != null ? choice.clone() : new double[numChoices];
        if (state != null) {
            for (int s = 0; s < numStates; s++) {
                double v = state[s];
                for (int c = choiceStart[s]; c < choiceStart[s + 1]; c++) {
                    r[c] += v;
                }
            }
        }
        return r;
    }

    /** This structure under another name (arrays shared). */
    public RewardStructure renamed(String newName) {
        return new RewardStructure(newName, state, choice);
    }

    /** Only the state part (no part at all if there is none). */
    public RewardStructure statePart() {
        return new RewardStructure(name, state, null);
    }

    /** Only the choice part (no part at all if there is none). */
    public RewardStructure choicePart() {
        return new RewardStructure(name, null, choice);
    }

    /** One choice part holding {@link #perChoice} (the state part folded into the choices). */
    public RewardStructure folded(Mdp mdp) {
        return ofChoices(name, perChoice(mdp));
    }

    @Override
    public String toString() {
        return "RewardStructure[" + name + (state != null ? ", state part" : "") + (choice != null ? ", choice part" : "")
                + "]";
    }
}
