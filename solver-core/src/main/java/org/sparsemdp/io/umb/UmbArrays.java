package org.sparsemdp.io.umb;

/** The arrays read from a UMB archive, before assembly; null when the entry was absent. */
final class UmbArrays {
    int[] choiceStart;
    int[] transStart;
    int[] successor;
    double[] probability;
    boolean[] initial;
    int[] choiceAction;
    long[] actionStringStart;
    byte[] actionStrings;
    long actionStringsOffset;
    /** Reward annotation values by identifier, per entity they apply to. */
    final java.util.Map<String, double[]> stateRewards = new java.util.HashMap<>();
    final java.util.Map<String, double[]> choiceRewards = new java.util.HashMap<>();
    final java.util.Map<String, double[]> branchRewards = new java.util.HashMap<>();
    /** Atomic propositions (state labels) by identifier. */
    final java.util.Map<String, boolean[]> aps = new java.util.HashMap<>();
}
