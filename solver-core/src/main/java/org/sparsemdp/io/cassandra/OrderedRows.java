package org.sparsemdp.io.cassandra;

import java.util.Arrays;
import org.sparsemdp.model.HeapCheck;

/**
 * The fast store behind {@link TransitionTable}, for files whose entries come in one of the two
 * orders machine-written files use: by state, then action, then successor (the model's own
 * order), or by action, then state, then successor (the order of {@code T: a} matrices and of
 * most programs that write this format). The entries go straight into arrays laid out as the
 * model's successor and probability arrays (12 bytes per entry, no keys, no sort), grouped in runs
 * of one row each. The store starts by state; {@link #tryByAction} switches it, once, while every
 * row so far is also in action order.
 *
 * <p>Later-wins semantics are kept where they can be without reordering: an entry for the same
 * (row, successor) as the last one replaces it, and a whole-row definition of the last row with
 * entries drops that row's entries. Anything else — an entry before the last one, or a definition
 * of an earlier row — is refused, and the caller moves the entries to an {@link EntryLog}. Zero
 * probabilities are kept (they may be replaced) and dropped when the rows are handed over.
 */
final class OrderedRows {
    private final int numStates;
    private final int numActions;
    private boolean byAction;
    private int[] successor;
    private double[] probability;
    private int size;
    /** Key ({@code s·A + a} by state, {@code a·S + s} by action) of each run, strictly increasing; runs are never empty. */
    private int[] runRow;
    private int[] runStart; // runStart[r] .. runStart[r+1]-1 (the last run ends at size)
    private int runs;
    private long lastKey = -1; // row key·S + successor of the last entry, -1 when there is none

    /** A store by state with room for {@code entries} entries and {@code rows} runs before it grows. */
    OrderedRows(int numStates, int numActions, int entries, int rows) {
        this.numStates = numStates;
        this.numActions = numActions;
        this.successor = new int[Math.max(16, entries)];
        this.probability = new double[successor.length];
        this.runRow = new int[Math.max(16, rows)];
        this.runStart = new int[runRow.length];
    }

    /** Number of entries stored (zeros included). */
    int size() {
        return size;
    }

    /** Whether the store is in action order (after a successful {@link #tryByAction}). */
    boolean isByAction() {
        return byAction;
    }

    private int key(int s, int a) {
        return byAction ? a * numStates + s : s * numActions + a;
    }

    /** The key {@code a·S + s} of the model's row {@code s·A + a}. */
    private int actionMajorKey(int modelRow) {
        return (modelRow % numActions) * numStates + modelRow / numActions;
    }

    /** The model's row {@code s·A + a} of a run key. */
    private int modelRow(int key) {
        return byAction ? (key % numStates) * numActions + key / numStates : key;
    }

    /**
     * Stores p(t | s, a) = p if that keeps the order (or replaces the last entry).
     *
     * @return false, storing nothing, if the entry comes before the last one
     */
    boolean tryPut(int s, int a, int t, double p) {
        int row = key(s, a);
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
     * Drops every entry of row (s, a), which a whole-row definition is about to replace.
     *
     * @return false, changing nothing, if the row has entries but is not the last row with entries
     */
    boolean tryDefineRow(int s, int a) {
        int row = key(s, a);
        if (runs == 0 || runRow[runs - 1] < row) {
            return true; // keys only increase: this row has no entries yet
        }
        if (runRow[runs - 1] > row) {
            return false;
        }
        runs--;
        size = runStart[runs];
        lastKey = runs == 0 ? -1 : (long) runRow[runs - 1] * numStates + successor[size - 1];
        return true;
    }

    /**
     * Switches a store by state to action order, if the rows stored so far are in that order too
     * (as they are when a file by action has so far listed only its first action).
     *
     * @return whether the store is now by action; false leaves it unchanged
     */
    boolean tryByAction() {
        if (byAction) {
            return false;
        }
        int previous = -1;
        for (int r = 0; r < runs; r++) {
            int k = actionMajorKey(runRow[r]);
            if (k <= previous) {
                return false;
            }
            previous = k;
        }
        for (int r = 0; r < runs; r++) {
            runRow[r] = actionMajorKey(runRow[r]);
        }
        byAction = true;
        lastKey = runs == 0 ? -1 : (long) runRow[runs - 1] * numStates + successor[size - 1];
        return true;
    }

    /** The entries as a log (for a file that turned out to be in neither order). */
    EntryLog toLog() {
        long[] keys = new long[Math.max(16, size + (size >> 1))];
        int r = 0;
        for (int i = 0; i < size; i++) {
            while (r + 1 < runs && runStart[r + 1] <= i) {
                r++;
            }
            keys[i] = (long) modelRow(runRow[r]) * numStates + successor[i];
        }
        double[] prob = Arrays.copyOf(probability, keys.length);
        return new EntryLog(numStates, numActions, keys, prob, size);
    }

    /**
     * The rows, zeros dropped, over all {@code S·A} rows; the arrays are handed over (this store is
     * not usable afterwards). A store by action is rearranged into the model's order with one
     * extra successor array (4 bytes per entry), the probabilities moved in place.
     *
     * @throws org.sparsemdp.model.InvalidModelException if the arrays do not fit in the free heap
     */
    CsrRows toRows() {
        int numChoices = numStates * numActions; // the caller checked that it fits
        int n = dropZeros();
        HeapCheck.ensureFree(4L * (numChoices + 1) + (byAction ? 4L * n : 0), "the model's transition arrays");
        int[] transStart = new int[numChoices + 1];
        for (int r = 0; r < runs; r++) {
            transStart[modelRow(runRow[r]) + 1] = runEnd(r, n) - runStart[r];
        }
        for (int c = 0; c < numChoices; c++) {
            transStart[c + 1] += transStart[c];
        }
        if (byAction) {
            successor = intoModelOrder(transStart, n);
        }
        runRow = null;
        runStart = null;
        return new CsrRows(transStart, successor, probability, n);
    }

    /** Drops zero entries in place, runs kept (a run may become empty); returns the entries left. */
    private int dropZeros() {
        int w = 0;
        for (int r = 0; r < runs; r++) {
            int end = runEnd(r, size);
            int start = w;
            for (int i = runStart[r]; i < end; i++) {
                if (probability[i] != 0.0) {
                    successor[w] = successor[i];
                    probability[w] = probability[i];
                    w++;
                }
            }
            runStart[r] = start;
        }
        return w;
    }

    private int runEnd(int r, int end) {
        return r + 1 < runs ? runStart[r + 1] : end;
    }

    /**
     * Moves the {@code n} entries of a store by action to the model's rows given by
     * {@code transStart}: the successors by copying runs into a new array, the probabilities in
     * place by {@link InPlacePermutation}, whose targets are written over the old successor array
     * (so no array of the probabilities' size is allocated).
     */
    private int[] intoModelOrder(int[] transStart, int n) {
        int[] moved = new int[n];
        int[] target = successor;
        for (int r = 0; r < runs; r++) {
            int from = runStart[r];
            int len = runEnd(r, n) - from;
            int to = transStart[modelRow(runRow[r])];
            System.arraycopy(target, from, moved, to, len);
            for (int i = 0; i < len; i++) {
                target[from + i] = to + i;
            }
        }
        InPlacePermutation.apply(probability, target, n);
        return moved;
    }

    private static int grown(int n) {
        return (int) Math.min(Integer.MAX_VALUE - 8, (long) n + (n >> 1) + 16);
    }
}
