package org.sparsemdp.io.cassandra;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.sparsemdp.graph.StateOrdering;

/** The in-place permutation against the plain out-of-place one, on permutations of every shape. */
class InPlacePermutationTest {
    private static void check(int[] target, int extra) {
        int n = target.length;
        double[] values = new double[n + extra];
        int[] t = java.util.Arrays.copyOf(target, n + extra);
        double[] expected = new double[n + extra];
        for (int i = 0; i < n + extra; i++) {
            values[i] = 0.5 + i;
            expected[i] = values[i]; // positions beyond n stay as they are
        }
        for (int i = 0; i < n; i++) {
            expected[target[i]] = values[i];
        }
        for (int i = n; i < n + extra; i++) {
            t[i] = 7; // beyond n: never read
        }
        InPlacePermutation.apply(values, t, n);
        assertArrayEquals(expected, values, 0.0, "n = " + n);
        for (int i = 0; i < n; i++) {
            assertEquals(-1, t[i], "target " + i + " used up");
        }
    }

    @Test
    void randomPermutationsOfEverySmallSize() {
        for (int n = 0; n <= 200; n++) {
            check(StateOrdering.shuffled(n, 3 + n), n % 3);
        }
        check(StateOrdering.shuffled(100_000, 3), 0);
    }

    @Test
    void identityOneLongCycleAndManyShortOnes() {
        for (int n : new int[] {1, 2, InPlacePermutation.LANES, InPlacePermutation.LANES + 1, 1000}) {
            int[] identity = new int[n];
            int[] rotation = new int[n];
            int[] swaps = new int[n];
            for (int i = 0; i < n; i++) {
                identity[i] = i;
                rotation[i] = (i + 1) % n;
                swaps[i] = (i ^ 1) < n ? i ^ 1 : i;
            }
            check(identity, 0);
            check(rotation, 1);
            check(swaps, 0);
        }
    }

    @Test
    void rowsByActionIntoRowsByState() {
        int states = 37;
        int actions = 3;
        int length = 5;
        int[] target = new int[states * actions * length];
        int i = 0;
        for (int a = 0; a < actions; a++) {
            for (int s = 0; s < states; s++) {
                for (int k = 0; k < length; k++) {
                    target[i++] = (s * actions + a) * length + k;
                }
            }
        }
        check(target, 0);
    }
}
