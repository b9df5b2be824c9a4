package org.sparsemdp.cli;

/**
 * Reader settings that only some formats use.
 *
 * @param pomdpAsMdp whether a POMDP (Cassandra {@code observations:}, UMB {@code #observations > 0})
 *                   may be read as its underlying MDP
 * @param reward     the UMB reward annotation to use (identifier or alias), null for the first
 */
record ReadOptions(boolean pomdpAsMdp, String reward) {
    /** The defaults: POMDPs refused, first reward annotation. */
    static final ReadOptions DEFAULTS = new ReadOptions(false, null);
}
