package org.sparsemdp.io.cassandra;

import java.util.Arrays;

/**
 * The fast store behind {@link TransitionTable}, for files whose entries come in the model's own
 * order — by state, then action, then successor, as machine-written files list them: the entries
 * go straight into arrays laid out as the model's successor and probability arrays (12 bytes per
 * entry, no keys, no sort), grouped in runs of one row each. Later-wins semantics are kept where
 * they can be without reordering: an entry for the same (row, successor) as the last one replaces
 * it, and a whole-row definition of the last row with entries drops that row's entries. Anything
 * else — an entry before the last one, or a definition of an earlier row — is refused, and the
 * caller moves the entries to an {@link EntryLog}. Zero probabilities are kept (they may be
 * replaced) and dropped when the rows are handed over.
 */
final class OrderedRows {
    private final int numStates;
    private int[] successor;
    private double[] probability;
    private int size;
    /** Row ({@code s·A + a}) of each run of entries, strictly increasing; runs are never empty. */
    private int[] runRow;
    private int[] runStart; // runStart[r] .. runStart[r+1]-1 (the last run ends at size)
    private int runs;
    private long lastKey = -1; // row·S + successor of the last entry, -1 when there is none

    /** A store with room for {@code entries} entries and {@code rows} runs before it grows. */
    OrderedRows(int numStates, int entries, int rows) {
        this.numStates = numStates;
        this.successor = new int[Math.max(16, entries)];
        this.probability = new double[successor.length];
        this.runRow = new int[Math.max(16, rows)];
        this.runStart = new int[runRow.length];
    }

    /** Number of entries stored (zeros included). */
    int size() {
        return size;
    }

    /**
     * Stores p(t | row) = p if that keeps the order (or replaces the last entry).
     *
     * @return false, storing nothing, if the entry comes before the last one
     */
    boolean tryPut(int row, int t, double p) {
        long k = (long) row * numStates + t;
        if (k < lastKey) {
            return false;
        }
        if (k == lastKey) {
            probability[size - 1] = p;
            return true;
        }
        if (runs == 0 || runRow[runs - 1] != row) {
            if (runs == runRow.length) {
                int n = grown(runs);
                runRow = Arrays.copyOf(runRow, n);
                runStart = Arrays.copyOf(runStart, n);
            }
            runRow[runs] = row;
            runStart[runs] = size;
            runs++;
        }
        if (size == successor.length) {
            int n = grown(size);
            successor = Arrays.copyOf(successor, n);
            probability = Arrays.copyOf(probability, n);
        }
        successor[size] = t;
        probability[size] = p;
        size++;
        lastKey = k;
        return true;
    }

    /**
     * Drops every entry of {@code row}, which a whole-row definition is about to replace.
     *
     * @return false, changing nothing, if the row has entries but is not the last row with entries
     */
    boolean tryDefineRow(int row) {
        if (runs == 0 || runRow[runs - 1] < row) {
            return true; // rows only increase: this one has no entries yet
        }
        if (runRow[runs - 1] > row) {
            return false;
        }
        runs--;
        size = runStart[runs];
        lastKey = runs == 0 ? -1 : (long) runRow[runs - 1] * numStates + successor[size - 1];
        return true;
    }

    /** The entries as a log in key order (for a file that turned out not to be ordered). */
    EntryLog toLog(int numActions) {
        long[] keys = new long[Math.max(16, size + (size >> 1))];
        int r = 0;
        for (int i = 0; i < size; i++) {
            while (r + 1 < runs && runStart[r + 1] <= i) {
                r++;
            }
            keys[i] = (long) runRow[r] * numStates + successor[i];
        }
        double[] prob = Arrays.copyOf(probability, keys.length);
        return new EntryLog(numStates, numActions, keys, prob, size);
    }

    /**
     * The rows, zeros dropped in place, over {@code numChoices} rows; the arrays are handed over
     * (this store is not usable afterwards).
     */
    CsrRows toRows(int numChoices) {
        int[] transStart = new int[numChoices + 1];
        int w = 0;
        for (int r = 0; r < runs; r++) {
            int end = r + 1 < runs ? runStart[r + 1] : size;
            for (int i = runStart[r]; i < end; i++) {
                if (probability[i] != 0.0) {
                    successor[w] = successor[i];
                    probability[w] = probability[i];
                    w++;
                }
            }
            transStart[runRow[r] + 1] = w; // provisional: the row's end
        }
        // Rows without a run end where the row before them ends.
        for (int c = 0; c < numChoices; c++) {
            if (transStart[c + 1] < transStart[c]) {
                transStart[c + 1] = transStart[c];
            }
        }
        runRow = null;
        runStart = null;
        return new CsrRows(transStart, successor, probability, w);
    }

    private static int grown(int n) {
        return (int) Math.min(Integer.MAX_VALUE - 8, (long) n + (n >> 1) + 16);
    }
}
