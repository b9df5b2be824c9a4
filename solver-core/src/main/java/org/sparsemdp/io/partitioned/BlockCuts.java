package org.sparsemdp.io.partitioned;

/**
 * Where to cut the states 0..S−1 of a model into P contiguous blocks: {@code bounds[p] ..
 * bounds[p+1]−1} is block p. Blocks are non-empty (P is reduced to S if larger).
 */
public final class BlockCuts {
    private BlockCuts() {
    }

    /**
     * Cuts balanced by transition count: block p ends at the first state whose cumulative
     * transition count reaches (p+1)·T/P (binary search on the model's offsets, O(P log S)), so
     * each block's sweep costs about the same. Every block gets at least one state.
     *
     * @param choiceStart the model's choice offsets per state (length S + 1)
     * @param transStart  the model's transition offsets per choice (length C + 1)
     */
    public static int[] byTransitions(int[] choiceStart, int[] transStart, int parts) {
        final int n = choiceStart.length - 1;
        final int p = checkParts(parts, n);
        final long total = transStart[choiceStart[n]];
        int[] bounds = new int[p + 1];
        bounds[p] = n;
        for (int b = 1; b < p; b++) {
            long target = total * b / p;
            int lo = bounds[b - 1] + 1;         // at least one state in block b − 1
            int hi = n - (p - b);               // leave one state for each later block
            while (lo < hi) {                   // first s in [lo, hi] with transitions before s >= target
                int mid = (lo + hi) >>> 1;
                if (transStart[choiceStart[mid]] >= target) {
                    hi = mid;
                } else {
                    lo = mid + 1;
                }
            }
            bounds[b] = lo;
        }
        return bounds;
    }

    /**
     * Cuts into blocks of equal state count (±1): balanced by transitions when every state has
     * the same number of transitions, as in Garnet models.
     */
    public static int[] uniform(int states, int parts) {
        final int p = checkParts(parts, states);
        int[] bounds = new int[p + 1];
        for (int b = 0; b <= p; b++) {
            bounds[b] = (int) ((long) states * b / p);
        }
        return bounds;
    }

    /** {@code parts} reduced to {@code states}; refuses a non-positive count or an empty model. */
    public static int checkParts(int parts, int states) {
        if (parts < 1) {
            throw new IllegalArgumentException("the number of partitions must be positive, got " + parts);
        }
        if (states < 1) {
            throw new IllegalArgumentException("the model has no states");
        }
        return Math.min(parts, states);
    }
}
