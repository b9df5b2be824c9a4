package org.sparsemdp.io.cassandra;

import it.unimi.dsi.fastutil.longs.Long2IntOpenHashMap;
import it.unimi.dsi.fastutil.longs.LongArrays;
import java.util.Arrays;
import org.sparsemdp.model.HeapCheck;

/**
 * The transition entries of a Cassandra file, buffered until the whole file has been read, with
 * the file's overwrite semantics: an entry given later replaces an earlier one for the same
 * (state, action, successor), and a statement that defines a whole row (a row vector, a matrix,
 * {@code uniform}, {@code identity}, {@code reset}) replaces every earlier entry of that row,
 * including the ones it does not list because they are zero.
 *
 * <p>Storage is an append-only log of (key, probability) pairs, 16 bytes per entry, with keys
 * packed as {@code ((s·A)+a)·S + t} — the model's own order. A whole-row definition records the
 * log length at that moment; an entry of that row logged earlier is dropped at the end. When the
 * file lists entries in key order (as machine-written files do) no sorting is needed; otherwise
 * the log is radix-sorted by (key, position), which keeps "the last one wins" and costs 16 more
 * bytes per entry while sorting. Every expansion of a wildcard is checked against the free heap
 * before it is made.
 */
final class TransitionTable {
    /** Heap bytes one buffered entry may need at the peak (log, growth, sort). */
    static final long BYTES_PER_ENTRY = 40;

    private final int numStates;
    private final int numActions;
    private long[] keys = new long[1024];
    private double[] prob = new double[1024];
    private int size;
    private boolean sorted = true;
    private final Long2IntOpenHashMap rowDefinedAt = new Long2IntOpenHashMap();

    TransitionTable(int numStates, int numActions) {
        this.numStates = numStates;
        this.numActions = numActions;
        rowDefinedAt.defaultReturnValue(-1);
    }

    /** Checks that {@code more} further entries fit in the heap (throws InvalidModelException). */
    void reserve(long more, String what) {
        HeapCheck.ensureFree(BYTES_PER_ENTRY * more, what);
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
     * The surviving non-zero entries in key order, compacted in place: their keys in
     * {@code keysOut[0]} and probabilities in {@code probOut[0]} (arrays may be longer).
     *
     * @return the number of surviving entries
     */
    int sortedEntries(long[][] keysOut, double[][] probOut) {
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
        keysOut[0] = keys;
        probOut[0] = prob;
        keys = null; // handed over: the caller may release them as soon as it is done
        prob = null;
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
