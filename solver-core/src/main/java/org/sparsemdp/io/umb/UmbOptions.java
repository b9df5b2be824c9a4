package org.sparsemdp.io.umb;

import org.sparsemdp.model.Objective;

/**
 * How {@link UmbReader} maps a UMB file onto an {@link org.sparsemdp.model.Mdp}: which reward
 * annotation becomes the choice rewards, whether a POMDP may be read as its underlying MDP, and
 * the objective and discount (UMB stores neither; files written by {@link UmbWriter} carry them
 * in {@code file-data.parameters}, which these options override). Immutable.
 */
public final class UmbOptions {
    private static final UmbOptions DEFAULTS = new UmbOptions(null, false, null, Double.NaN);

    private final String reward;
    private final boolean underlyingMdpOfPomdp;
    private final Objective objective;
    private final double discount;

    private UmbOptions(String reward, boolean underlyingMdpOfPomdp, Objective objective, double discount) {
        this.reward = reward;
        this.underlyingMdpOfPomdp = underlyingMdpOfPomdp;
        this.objective = objective;
        this.discount = discount;
    }

    /** The first reward annotation, no POMDPs, objective and discount from the file (else min, 1). */
    public static UmbOptions defaults() {
        return DEFAULTS;
    }

    /** Selects the reward annotation by identifier or alias. */
    public UmbOptions reward(String idOrAlias) {
        return new UmbOptions(idOrAlias, underlyingMdpOfPomdp, objective, discount);
    }

    /** Allows reading a POMDP ({@code #observations > 0}) as its underlying MDP. */
    public UmbOptions underlyingMdpOfPomdp(boolean allow) {
        return new UmbOptions(reward, allow, objective, discount);
    }

    /** Overrides the objective. */
    public UmbOptions objective(Objective o) {
        return new UmbOptions(reward, underlyingMdpOfPomdp, o, discount);
    }

    /** Overrides the discount factor. */
    public UmbOptions discount(double gamma) {
        return new UmbOptions(reward, underlyingMdpOfPomdp, objective, gamma);
    }

    /** The selected reward annotation, or null for the first. */
    public String reward() {
        return reward;
    }

    /** Whether a POMDP may be read as its underlying MDP. */
    public boolean underlyingMdpOfPomdp() {
        return underlyingMdpOfPomdp;
    }

    /** The objective override, or null. */
    public Objective objective() {
        return objective;
    }

    /** The discount override, or NaN. */
    public double discount() {
        return discount;
    }
}
