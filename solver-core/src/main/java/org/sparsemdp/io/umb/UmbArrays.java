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
    double[] stateReward;
    double[] choiceReward;
    double[] branchReward;
}
