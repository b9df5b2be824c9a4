package org.sparsemdp.spark;

/**
 * The executor side of the distributed graph analysis ({@link GraphRounds}): one block's part of
 * a least or greatest fixed point over the states, iterated to the block's local fixed point
 * while the other blocks' states are read from the broadcast set of the round.
 *
 * <p>A block is given as compressed sparse rows: its states (global indices {@code states[i]},
 * or lo + i when {@code states} is null, all within [lo, hi)), their choices
 * {@code cs[i] .. cs[i+1]−1}, the transitions of choice c {@code ts[c] .. ts[c+1]−1} with global
 * successors {@code succ[k]}. The block's own states are read from a local copy that the passes
 * update in place (alternately in increasing and decreasing order, until a pass changes
 * nothing or after {@value #MAX_PASSES} passes), so a chain inside a block costs one round, not
 * one round per state. Allocation: one boolean per state of [lo, hi) per call.
 */
final class BlockGraph {
    /** Largest number of local passes per round; the rounds continue where these stop. */
    static final int MAX_PASSES = 64;

    /** Which states join a growing set R. */
    enum Rule {
        /** Some choice has a successor in R (backward reachability). */
        EXISTS,
        /** The state has a choice and every choice has a successor in R (Prob0E's complement). */
        FORALL,
        /** Some choice has all successors in U ({@code inside}) and one in R (Prob1E's inner search). */
        EXISTS_INSIDE
    }

    private BlockGraph() {
    }

    /**
     * Grows {@code set} on this block by {@code rule}: states of {@code region} (null: all) not
     * yet in the set join it; a choice marked in {@code seed} (null: none) qualifies at once.
     *
     * @param inside   the set U of {@link Rule#EXISTS_INSIDE} (global), else unused
     * @param choiceId the global id to record for local choice c ({@code choiceId[c]}), or null
     *                 for {@code choiceOffset + c}
     * @param record   whether to return the qualifying choice with each added state
     * @return the added states (global), or pairs (state, choice) when {@code record}
     */
    static int[] grow(int lo, int hi, int[] states, int[] cs, int[] ts, int[] succ, boolean[] set,
                      boolean[] region, Rule rule, boolean[] inside, boolean[] seed, int[] choiceId,
                      int choiceOffset, boolean record) {
        final int n = cs.length - 1;
        final boolean[] local = java.util.Arrays.copyOfRange(set, lo, hi);
        int[] out = new int[16];
        int count = 0;
        boolean changed = true;
        for (int pass = 0; changed && pass < MAX_PASSES; pass++) {
            changed = false;
            final boolean forward = (pass & 1) == 0;
            for (int j = 0; j < n; j++) {
                final int i = forward ? j : n - 1 - j;
                final int s = states == null ? lo + i : states[i];
                if (local[s - lo] || (region != null && !region[s])) {
                    continue;
                }
                int chosen = -1;
                final int c0 = cs[i];
                final int c1 = cs[i + 1];
                if (rule == Rule.FORALL) {
                    boolean all = c0 < c1;
                    for (int c = c0; c < c1 && all; c++) {
                        all = anySuccessor(c, ts, succ, lo, hi, local, set);
                    }
                    chosen = all ? c0 : -1;
                } else {
                    for (int c = c0; c < c1 && chosen < 0; c++) {
                        boolean ok = (seed != null && seed[c]) || anySuccessor(c, ts, succ, lo, hi, local, set);
                        if (ok && rule == Rule.EXISTS_INSIDE) {
                            for (int k = ts[c]; k < ts[c + 1] && ok; k++) {
                                ok = inside[succ[k]];
                            }
                        }
                        chosen = ok ? c : -1;
                    }
                }
                if (chosen >= 0) {
                    local[s - lo] = true;
                    changed = true;
                    int need = count + (record ? 2 : 1);
                    if (need > out.length) {
                        out = java.util.Arrays.copyOf(out, Math.max(need, 2 * out.length));
                    }
                    out[count++] = s;
                    if (record) {
                        out[count++] = choiceId != null ? choiceId[chosen] : choiceOffset + chosen;
                    }
                }
            }
        }
        return java.util.Arrays.copyOf(out, count);
    }

    /**
     * Shrinks {@code set} on this block to its greatest fixed point: a state of the set stays iff
     * some choice marked in {@code ok} (null: every choice) has all its successors in the set.
     *
     * @return the removed states (global)
     */
    static int[] shrink(int lo, int hi, int[] states, int[] cs, int[] ts, int[] succ, boolean[] set, boolean[] ok) {
        final int n = cs.length - 1;
        final boolean[] local = java.util.Arrays.copyOfRange(set, lo, hi);
        int[] out = new int[16];
        int count = 0;
        boolean changed = true;
        for (int pass = 0; changed && pass < MAX_PASSES; pass++) {
            changed = false;
            final boolean forward = (pass & 1) == 0;
            for (int j = 0; j < n; j++) {
                final int i = forward ? j : n - 1 - j;
                final int s = states == null ? lo + i : states[i];
                if (!local[s - lo]) {
                    continue;
                }
                boolean stays = false;
                for (int c = cs[i]; c < cs[i + 1] && !stays; c++) {
                    if (ok != null && !ok[c]) {
                        continue;
                    }
                    stays = true;
                    for (int k = ts[c]; k < ts[c + 1] && stays; k++) {
                        stays = member(succ[k], lo, hi, local, set);
                    }
                }
                if (!stays) {
                    local[s - lo] = false;
                    changed = true;
                    if (count == out.length) {
                        out = java.util.Arrays.copyOf(out, 2 * out.length);
                    }
                    out[count++] = s;
                }
            }
        }
        return java.util.Arrays.copyOf(out, count);
    }

    private static boolean anySuccessor(int c, int[] ts, int[] succ, int lo, int hi, boolean[] local, boolean[] set) {
        for (int k = ts[c]; k < ts[c + 1]; k++) {
            if (member(succ[k], lo, hi, local, set)) {
                return true;
            }
        }
        return false;
    }

    private static boolean member(int t, int lo, int hi, boolean[] local, boolean[] set) {
        return t >= lo && t < hi ? local[t - lo] : set[t];
    }
}
