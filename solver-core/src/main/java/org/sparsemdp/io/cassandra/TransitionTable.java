package org.sparsemdp.io.cassandra;

import org.sparsemdp.model.HeapCheck;

/**
 * The transition entries of a Cassandra file, buffered until the whole file has been read, with
 * the file's overwrite semantics: an entry given later replaces an earlier one for the same
 * (state, action, successor), and a statement that defines a whole row (a row vector, a matrix,
 * {@code uniform}, {@code identity}, {@code reset}) replaces every earlier entry of that row,
 * including the ones it does not list because they are zero.
 *
 * <p>Entries go to an {@link OrderedRows} — the model's own arrays, 12 bytes per entry — for as
 * long as they arrive by state (state, action, successor: the model's order) or by action
 * (action, state, successor), which is how large files are written; the first entry or row
 * definition out of both orders moves them, once, to an {@link EntryLog} (16 bytes per entry,
 * sorted at the end), which takes any order. With a size
 * hint from a census of the file, the ordered arrays are allocated once at their final size, so
 * that the peak heap of such a load is close to the model itself. Every expansion of a wildcard
 * is checked against the free heap before it is made.
 */
final class TransitionTable {
    /** Heap bytes one buffered entry may need at the peak (log, growth, sort). */
    static final long BYTES_PER_ENTRY = 40;
    /** Bytes per entry of the ordered store (successor and probability). */
    private static final long ORDERED_BYTES_PER_ENTRY = 12;
    /** Bytes per row of the ordered store (its row and start). */
    private static final long ORDERED_BYTES_PER_ROW = 8;

    private final int numStates;
    private final int numActions;
    private OrderedRows ordered;
    private EntryLog log;

    /**
     * An empty table; {@code expectedEntries} (-1: unknown) sizes the ordered store when it fits
     * comfortably in the free heap.
     */
    TransitionTable(int numStates, int numActions, long expectedEntries) {
        this.numStates = numStates;
        this.numActions = numActions;
        long entries = Math.max(0, expectedEntries);
        long rows = Math.min(entries, (long) numStates * numActions);
        if (entries > Integer.MAX_VALUE - 8 || ORDERED_BYTES_PER_ENTRY * entries + ORDERED_BYTES_PER_ROW * rows
                > HeapCheck.freeBytes() / 8 * 7) {
            entries = 0; // a hint the heap cannot take: grow as the entries arrive
            rows = 0;
        }
        this.ordered = new OrderedRows(numStates, numActions, (int) entries, (int) rows);
    }

    /** Checks that {@code more} further entries fit in the heap (throws InvalidModelException). */
    void reserve(long more, String what) {
        HeapCheck.ensureFree(BYTES_PER_ENTRY * more, what);
    }

    /** Number of entries buffered. */
    int size() {
        return ordered != null ? ordered.size() : log.size();
    }

    /** Whether every entry so far came by state or by action (the fast store is in use). */
    boolean isOrdered() {
        return ordered != null;
    }

    /** Whether the fast store is in use and in action order. */
    boolean isByAction() {
        return ordered != null && ordered.isByAction();
    }

    /** Records that the statement about to be buffered defines the whole row (s, a). */
    void defineRow(int s, int a) {
        if (ordered != null) {
            if (ordered.tryDefineRow(s, a) || ordered.tryByAction() && ordered.tryDefineRow(s, a)) {
                return;
            }
            toLog();
        }
        log.defineRow(s, a);
    }

    /** Buffers p(t | s, a) = p. Zeros are buffered too (they overwrite). */
    void put(int s, int a, int t, double p) {
        if (ordered != null) {
            if (ordered.tryPut(s, a, t, p) || ordered.tryByAction() && ordered.tryPut(s, a, t, p)) {
                return;
            }
            toLog();
        }
        log.put(s, a, t, p);
    }

    /**
     * The surviving non-zero entries as rows over all {@code numStates·numActions} choices; the
     * table is not usable afterwards.
     *
     * @throws org.sparsemdp.model.InvalidModelException if the arrays do not fit in the free heap
     */
    CsrRows toRows() {
        CsrRows rows = ordered != null ? ordered.toRows() : log.toRows(numStates * numActions);
        ordered = null;
        log = null;
        return rows;
    }

    private void toLog() {
        log = ordered.toLog();
        ordered = null;
    }
}
