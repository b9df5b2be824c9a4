package org.sparsemdp.solve.horizon;

import org.sparsemdp.model.HeapCheck;
import org.sparsemdp.model.Mdp;

/**
 * The choices of a non-stationary policy, one row per step to go. A row stores, per state, the
 * position of the chosen choice within its state plus one (0: none, for terminal and frozen
 * states) in one byte when no state has more than 255 choices, else the global choice index in
 * an int. Rows are allocated once, before the first step, after checking that they fit in the
 * heap: 1 byte (or 4) per state and step.
 */
final class StepChoices {
    private static final int BYTE_LIMIT = 255;

    private final int[] choiceStart;
    private final byte[][] small;
    private final int[][] large;

    private StepChoices(int[] choiceStart, byte[][] small, int[][] large) {
        this.choiceStart = choiceStart;
        this.small = small;
        this.large = large;
    }

    /** Bytes needed to keep the policy of {@code steps} steps of {@code mdp}. */
    static long bytesNeeded(Mdp mdp, int steps) {
        return (long) steps * mdp.numStates() * (maxChoices(mdp) <= BYTE_LIMIT ? 1 : 4);
    }

    /**
     * Storage for {@code steps} rows.
     *
     * @throws org.sparsemdp.model.InvalidModelException if the rows do not fit in the free heap
     */
    static StepChoices allocate(Mdp mdp, int steps) {
        HeapCheck.ensureFree(bytesNeeded(mdp, steps), "the policy of " + steps + " steps of "
                + mdp.numStates() + " states");
        int n = mdp.numStates();
        if (maxChoices(mdp) <= BYTE_LIMIT) {
            return new StepChoices(mdp.choiceStartArray(), new byte[steps][n], null);
        }
        return new StepChoices(mdp.choiceStartArray(), null, new int[steps][n]);
    }

    private static int maxChoices(Mdp mdp) {
        int max = 0;
        for (int s = 0, n = mdp.numStates(); s < n; s++) {
            max = Math.max(max, mdp.numChoices(s));
        }
        return max;
    }

    /** Records the global choices {@code choices} (−1: none) as row {@code stepsToGo}. */
    void setRow(int stepsToGo, int[] choices) {
        if (small != null) {
            byte[] row = small[stepsToGo - 1];
            for (int s = 0; s < row.length; s++) {
                int c = choices[s];
                row[s] = (byte) (c < 0 ? 0 : c - choiceStart[s] + 1);
            }
        } else {
            System.arraycopy(choices, 0, large[stepsToGo - 1], 0, choices.length);
        }
    }

    /** The global choice recorded for {@code state} in row {@code stepsToGo}, or −1. */
    int get(int stepsToGo, int state) {
        if (small != null) {
            int local = small[stepsToGo - 1][state] & 0xff;
            return local == 0 ? -1 : choiceStart[state] + local - 1;
        }
        return large[stepsToGo - 1][state];
    }
}
