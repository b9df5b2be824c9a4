package org.sparsemdp.io.cassandra;

import it.unimi.dsi.fastutil.doubles.DoubleArrayList;
import it.unimi.dsi.fastutil.ints.IntArrayList;
import it.unimi.dsi.fastutil.longs.Long2IntOpenHashMap;
import org.sparsemdp.model.HeapCheck;

/**
 * The reward entries r(a, s, s') of a Cassandra file, with wildcards kept as wildcards: an entry
 * is filed under its pattern (which of action, start state and end state are '*') and its
 * specific components. The value of r(a, s, s') is that of the latest statement among the (at
 * most eight) patterns that match, or 0 when none does — the "later entries overwrite earlier
 * ones" rule of pomdp-solve. Memory is proportional to the number of entries given, whatever the
 * wildcards cover, except that the per-choice pattern {@code R: a : s : * r} is kept in two dense
 * arrays over the choices (12 bytes per choice, less than a hash map once a fraction of the
 * choices have such an entry).
 */
final class RewardTable {
    /** Marks a wildcard component. */
    static final int ANY = -1;

    private final int numStates;
    private final int numActions;
    private final Long2IntOpenHashMap[] slotByPattern = new Long2IntOpenHashMap[8];
    /** The pattern r(a, s, *) — one reward per choice, the common case — kept densely by choice s·A + a. */
    private double[] choiceValue;
    private int[] choiceSeq; // 0: no entry
    private boolean endStateSpecific;
    private final DoubleArrayList value = new DoubleArrayList();
    private final IntArrayList seqOfSlot = new IntArrayList();
    private boolean empty = true;

    RewardTable(int numStates, int numActions) {
        this.numStates = numStates;
        this.numActions = numActions;
    }

    private static int pattern(int a, int s, int t) {
        return (a == ANY ? 4 : 0) | (s == ANY ? 2 : 0) | (t == ANY ? 1 : 0);
    }

    private long key(int a, int s, int t) {
        return ((long) Math.max(a, 0) * numStates + Math.max(s, 0)) * numStates + Math.max(t, 0);
    }

    /** Whether some entry names a specific end state (otherwise r(a, s, ·) is constant in s'). */
    boolean dependsOnEndState() {
        return endStateSpecific;
    }

    /**
     * Sets r(a, s, t) = r by statement {@code seq} (≥ 1); any component may be {@link #ANY}.
     *
     * @throws org.sparsemdp.model.InvalidModelException if the dense per-choice arrays, allocated at
     *     the first {@code R: a : s : *} entry, do not fit in the free heap
     */
    void put(int a, int s, int t, double r, int seq) {
        empty = false;
        if (a != ANY && s != ANY && t == ANY) {
            if (choiceValue == null) {
                int choices = numStates * numActions; // fits: the reader checked S·A
                HeapCheck.ensureFree(12L * choices, "the rewards of " + choices + " state-action pairs");
                choiceValue = new double[choices];
                choiceSeq = new int[choices];
            }
            int c = s * numActions + a;
            choiceValue[c] = r;
            choiceSeq[c] = seq;
            return;
        }
        endStateSpecific |= t != ANY;
        int p = pattern(a, s, t);
        Long2IntOpenHashMap map = slotByPattern[p];
        if (map == null) {
            map = new Long2IntOpenHashMap();
            map.defaultReturnValue(-1);
            slotByPattern[p] = map;
        }
        long k = key(a, s, t);
        int slot = map.get(k);
        if (slot < 0) {
            map.put(k, value.size());
            value.add(r);
            seqOfSlot.add(seq);
        } else {
            value.set(slot, r);
            seqOfSlot.set(slot, seq);
        }
    }

    /** r(a, s, t): the value of the latest matching statement, 0 if none matches. */
    double get(int a, int s, int t) {
        if (empty) {
            return 0.0;
        }
        int bestSeq = -1;
        double best = 0.0;
        if (choiceSeq != null && choiceSeq[s * numActions + a] > 0) {
            bestSeq = choiceSeq[s * numActions + a];
            best = choiceValue[s * numActions + a];
        }
        for (int p = 0; p < 8; p++) {
            Long2IntOpenHashMap map = slotByPattern[p];
            if (map == null) {
                continue;
            }
            int slot = map.get(key((p & 4) != 0 ? ANY : a, (p & 2) != 0 ? ANY : s, (p & 1) != 0 ? ANY : t));
            if (slot >= 0 && seqOfSlot.getInt(slot) > bestSeq) {
                bestSeq = seqOfSlot.getInt(slot);
                best = value.getDouble(slot);
            }
        }
        return best;
    }
}
