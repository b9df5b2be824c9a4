package org.sparsemdp.property;

/**
 * A reward objective on a model without reward structure (no reward file given or found beside
 * the model): an error, never a silent 0.
 */
public final class MissingRewardsException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    /** The message names the objective. */
    public MissingRewardsException(String what) {
        super(what + " needs a reward structure, but the model has none (no reward file was given and none"
                + " was found beside the model); pass --state-rewards/--transition-rewards, or put model.srew,"
                + " model.trew (PRISM) or model.trans.rew / model.state.rew (Storm) beside the model");
    }
}
