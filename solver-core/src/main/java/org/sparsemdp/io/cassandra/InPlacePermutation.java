package org.sparsemdp.io.cassandra;

/**
 * Moves every element of an array to a new position in place: the element at {@code i} goes to
 * {@code target[i]}, for a permutation {@code target} of {@code 0 .. n-1}, with no second array of
 * the values' size. The permutation is applied along its cycles (the in-situ permutation of
 * Knuth, <i>The Art of Computer Programming</i>, Vol. 1, §1.3.3): a chain picks up the value at its
 * start, puts it at the target and picks up the value it displaces, until it reaches a position
 * whose value has been picked up already. Each step of a chain is a random access into both
 * arrays, so {@value #LANES} chains are followed at once, one step of each in turn, for their
 * cache misses to overlap; a chain that reaches the start of another one (possibly on the same
 * cycle) leaves its value there and ends. Every position is visited once: O(n) time.
 */
final class InPlacePermutation {
    /** Chains followed at once. */
    static final int LANES = 8;
    private static final int DONE = -1;
    /** The start of a chain: its value has been picked up, the chain that reaches it ends there. */
    private static final int STARTED = -2;

    private InPlacePermutation() {
    }

    /**
     * Moves {@code values[i]} to {@code values[target[i]]} for every {@code i < n}. The target
     * array is used up: every entry is -1 afterwards. Both arrays may be longer than {@code n}.
     */
    static void apply(double[] values, int[] target, int n) {
        int[] at = new int[LANES]; // the position each chain visits next
        double[] carried = new double[LANES];
        int chains = 0;
        int scan = 0;
        while (true) {
            while (chains < LANES && scan < n) { // start chains at positions nobody has touched
                int i = scan++;
                int t = target[i];
                if (t < 0) {
                    continue; // visited by a chain already
                }
                if (t == i) {
                    target[i] = DONE;
                    continue;
                }
                target[i] = STARTED;
                at[chains] = t;
                carried[chains] = values[i];
                chains++;
            }
            if (chains == 0) {
                return;
            }
            for (int c = 0; c < chains; ) {
                int j = at[c];
                int t = target[j];
                double displaced = values[j];
                values[j] = carried[c];
                target[j] = DONE;
                if (t == STARTED) { // its value travels with another chain: this one ends
                    chains--;
                    at[c] = at[chains];
                    carried[c] = carried[chains];
                    continue;
                }
                carried[c] = displaced;
                at[c] = t;
                c++;
            }
        }
    }
}
