package org.sparsemdp.io;

/**
 * Reader settings that only some formats use.
 *
 * @param pomdpAsMdp whether a POMDP (Cassandra {@code observations:}, UMB {@code #observations > 0})
 *                   may be read as its underlying MDP
 * @param umbReward  the UMB reward annotation (identifier or alias) that becomes the MDP's own
 *                   rewards, null for the first
 */
public record ModelReadOptions(boolean pomdpAsMdp, String umbReward) {
    /** The defaults: POMDPs refused, first reward annotation. */
    public static final ModelReadOptions DEFAULTS = new ModelReadOptions(false, null);
}
