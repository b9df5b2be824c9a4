package org.sparsemdp.io.cassandra;

import it.unimi.dsi.fastutil.doubles.DoubleArrayList;
import it.unimi.dsi.fastutil.ints.IntArrayList;
import it.unimi.dsi.fastutil.longs.Long2IntOpenHashMap;
import it.unimi.dsi.fastutil.longs.LongArrays;
import org.sparsemdp.model.HeapCheck;

/**
 * The transition entries of a Cassandra file, buffered sparsely until the whole file has been
 * read, with the file's overwrite semantics: an entry given later replaces an earlier one for the
 * same (state, action, successor), and a statement that defines a whole row (a row vector, a
 * matrix, {@code uniform}, {@code identity}, {@code reset}) replaces every earlier entry of that
 * row, including the ones it does not list because they are zero. Rows are therefore recorded
 * with the sequence number of their last complete definition, and entries with the sequence
 * number of the statement that gave them; an entry older than its row's last definition is
 * dropped when the model is built.
 *
 * <p>Memory is proportional to the number of entries the file gives (about 30 bytes each, zeros
 * of explicit rows excluded); every expansion of a wildcard is checked against the free heap
 * before it is made.
 */
final class TransitionTable {
    /** Bytes of heap one buffered entry may take (map slot at load factor 0.75, value, sequence, sort key). */
    static final long BYTES_PER_ENTRY = 48;

    private final int numStates;
    private final int numActions;
    private final Long2IntOpenHashMap slotOfKey = new Long2IntOpenHashMap();
    private final DoubleArrayList value = new DoubleArrayList();
    private final IntArrayList seqOfSlot = new IntArrayList();
    private final Long2IntOpenHashMap rowDefinedAt = new Long2IntOpenHashMap();

    TransitionTable(int numStates, int numActions) {
        this.numStates = numStates;
        this.numActions = numActions;
        slotOfKey.defaultReturnValue(-1);
        rowDefinedAt.defaultReturnValue(-1);
    }

    /** Checks that {@code more} further entries fit in the heap (throws InvalidModelException). */
    void reserve(long more, String what) {
        HeapCheck.ensureFree(BYTES_PER_ENTRY * more, what);
    }

    /** Number of entries buffered. */
    int size() {
        return value.size();
    }

    long rowKey(int s, int a) {
        return (long) s * numActions + a;
    }

    private long key(int s, int a, int t) {
        return rowKey(s, a) * numStates + t;
    }

    /** Records that statement {@code seq} defines the whole row (s, a). */
    void defineRow(int s, int a, int seq) {
        rowDefinedAt.put(rowKey(s, a), seq);
    }

    /** Sets p(t | s, a) = p by statement {@code seq}. Zeros are stored too (they overwrite). */
    void put(int s, int a, int t, double p, int seq) {
        long k = key(s, a, t);
        int slot = slotOfKey.get(k);
        if (slot < 0) {
            slotOfKey.put(k, value.size());
            value.add(p);
            seqOfSlot.add(seq);
        } else {
            value.set(slot, p);
            seqOfSlot.set(slot, seq);
        }
    }

    /**
     * The surviving non-zero entries sorted by (state, action, successor): keys packed as
     * {@code ((s·A)+a)·S + t} in {@code keysOut[0]}, probabilities in {@code probOut[0]}.
     */
    int sortedEntries(long[][] keysOut, double[][] probOut) {
        int n = 0;
        long[] keys = new long[slotOfKey.size()];
        for (Long2IntOpenHashMap.Entry e : slotOfKey.long2IntEntrySet()) {
            int slot = e.getIntValue();
            long k = e.getLongKey();
            if (value.getDouble(slot) != 0.0 && seqOfSlot.getInt(slot) >= rowDefinedAt.get(k / numStates)) {
                keys[n++] = k;
            }
        }
        LongArrays.radixSort(keys, 0, n);
        double[] prob = new double[n];
        for (int i = 0; i < n; i++) {
            prob[i] = value.getDouble(slotOfKey.get(keys[i]));
        }
        keysOut[0] = keys;
        probOut[0] = prob;
        return n;
    }
}
