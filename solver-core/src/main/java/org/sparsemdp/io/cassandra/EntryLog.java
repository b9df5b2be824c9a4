package org.sparsemdp.io.cassandra;

import it.unimi.dsi.fastutil.longs.Long2IntOpenHashMap;
import it.unimi.dsi.fastutil.longs.LongArrays;
import java.util.Arrays;
import org.sparsemdp.model.HeapCheck;

/**
 * The general store behind {@link TransitionTable}: an append-only log of (key, probability)
 * pairs, 16 bytes per entry, with keys packed as {@code ((s·A)+a)·S + t} — the model's own order.
 * A whole-row definition records the log length at that moment; an entry of that row logged
 * earlier is dropped at the end. When the entries are in key order no sorting is needed;
 * otherwise the log is radix-sorted by (key, position), which keeps "the last one wins" and costs
 * 16 more bytes per entry while sorting.
 */
final class EntryLog {
    private final int numStates;
    private final int numActions;
    private long[] keys;
    private double[] prob;
    private int size;
    private boolean sorted = true;
    private final Long2IntOpenHashMap rowDefinedAt = new Long2IntOpenHashMap();

    /** An empty log. */
    EntryLog(int numStates, int numActions) {
        this(numStates, numActions, new long[1024], new double[1024], 0);
    }

    /**
     * A log that starts with {@code size} entries, in any order, taking over the arrays (which may
     * be longer).
     */
    EntryLog(int numStates, int numActions, long[] keys, double[] prob, int size) {
        this.numStates = numStates;
        this.numActions = numActions;
        this.keys = keys;
        this.prob = prob;
        this.size = size;
        for (int i = 1; i < size && sorted; i++) {
            sorted = keys[i - 1] <= keys[i];
        }
        rowDefinedAt.defaultReturnValue(-1);
    }

    /** Number of entries logged. */
    int size() {
        return size;
    }

    long rowKey(int s, int a) {
        return (long) s * numActions + a;
    }

    /** Records that the statement about to be logged defines the whole row (s, a). */
    void defineRow(int s, int a) {
        rowDefinedAt.put(rowKey(s, a), size);
    }

    /** Logs p(t | s, a) = p. Zeros are logged too (they overwrite). */
    void put(int s, int a, int t, double p) {
        if (size == keys.length) {
            int n = (int) Math.min(Integer.MAX_VALUE - 8, (long) size + (size >> 1) + 16);
            keys = Arrays.copyOf(keys, n);
            prob = Arrays.copyOf(prob, n);
        }
        long k = rowKey(s, a) * numStates + t;
        if (size > 0 && k < keys[size - 1]) {
            sorted = false;
        }
        keys[size] = k;
        prob[size] = p;
        size++;
    }

    /**
     * The surviving entries as CSR rows over {@code numChoices} rows (rows without entries are
     * empty); the log is not usable afterwards.
     *
     * @throws org.sparsemdp.model.InvalidModelException if the arrays do not fit in the free heap
     */
    CsrRows toRows(int numChoices) {
        int n = compact();
        HeapCheck.ensureFree(4L * n + 4L * (numChoices + 1L), "the model's transition arrays");
        int[] transStart = new int[numChoices + 1];
        int[] successor = new int[n];
        for (int i = 0; i < n; i++) {
            long row = keys[i] / numStates;
            successor[i] = (int) (keys[i] - row * numStates);
            transStart[(int) row + 1]++;
        }
        for (int c = 0; c < numChoices; c++) {
            transStart[c + 1] += transStart[c];
        }
        CsrRows rows = new CsrRows(transStart, successor, prob, n);
        keys = null;
        prob = null;
        return rows;
    }

    /** Sorts the log if needed and compacts the surviving non-zero entries, in key order, to its front. */
    private int compact() {
        if (!sorted) {
            sortByKeyThenPosition();
        }
        int w = 0;
        for (int i = 0; i < size; i++) {
            long k = keys[i];
            if (i + 1 < size && keys[i + 1] == k) {
                continue; // a later entry for the same key wins
            }
            if (prob[i] == 0.0) {
                continue;
            }
            if (!rowDefinedAt.isEmpty() && positionOf(i) < rowDefinedAt.get(k / numStates)) {
                continue; // replaced by a later whole-row definition
            }
            keys[w] = k;
            prob[w] = prob[i];
            w++;
        }
        position = null;
        return w;
    }

    private int[] position; // log position of each sorted entry, only when the log was unsorted

    private int positionOf(int i) {
        return position == null ? i : position[i];
    }

    private void sortByKeyThenPosition() {
        long[] pos = new long[size];
        for (int i = 0; i < size; i++) {
            pos[i] = i;
        }
        LongArrays.radixSort(keys, pos, 0, size);
        double[] p = new double[size];
        position = new int[size];
        for (int i = 0; i < size; i++) {
            int from = (int) pos[i];
            p[i] = prob[from];
            position[i] = from;
        }
        prob = p;
    }
}
