package org.sparsemdp.solve.undiscounted;

import java.util.Arrays;

/**
 * The states of a {@link ReducedSystem} (non-negative constants, every choice leaving almost
 * surely under every policy considered) whose value is exactly 0, found by graph search so that
 * interval iteration never iterates them and the relative stopping rule is never asked to
 * certify u − l ≤ ε·0 (PRISM and Storm likewise fix these states by precomputation).
 *
 * <ul>
 *   <li>max: v*(q) &gt; 0 iff some choice with a positive constant is reachable from q (a
 *       least fixed point, backwards from the states owning such a choice); the others are 0.</li>
 *   <li>min: v*(q) = 0 iff q has a choice with constant 0 all of whose successors have value 0
 *       (a greatest fixed point). A policy using only such choices collects nothing, and it
 *       leaves almost surely because the end components of zero-reward choices were merged,
 *       so no zero-constant cycle remains.</li>
 * </ul>
 */
final class ZeroValues {
    private ZeroValues() {
    }

    /** Per reduced state, whether its value is exactly 0. */
    static boolean[] of(ReducedSystem sys, boolean maximize) {
        return maximize ? maxZero(sys) : minZero(sys);
    }

    private static boolean[] maxZero(ReducedSystem sys) {
        int n = sys.numStates;
        int[] cs = sys.choiceStart;
        ReducedSystem.Incoming in = sys.incoming();
        boolean[] positive = new boolean[n];
        int[] queue = new int[n];
        int tail = 0;
        for (int q = 0; q < n; q++) {
            for (int c = cs[q]; c < cs[q + 1]; c++) {
                if (sys.constant[c] > 0) {
                    positive[q] = true;
                    queue[tail++] = q;
                    break;
                }
            }
        }
        for (int head = 0; head < tail; head++) {
            int t = queue[head];
            for (int i = in.start()[t]; i < in.start()[t + 1]; i++) {
                int q = in.owner()[in.choice()[i]];
                if (!positive[q]) {
                    positive[q] = true;
                    queue[tail++] = q;
                }
            }
        }
        boolean[] zero = new boolean[n];
        for (int q = 0; q < n; q++) {
            zero[q] = !positive[q];
        }
        return zero;
    }

    private static boolean[] minZero(ReducedSystem sys) {
        int n = sys.numStates;
        int[] cs = sys.choiceStart;
        int[] ts = sys.transStart;
        int m = cs[n];
        int[] owner = new int[m];
        boolean[] alive = new boolean[m];
        int[] aliveCount = new int[n];
        boolean[] zero = new boolean[n];
        for (int q = 0; q < n; q++) {
            for (int c = cs[q]; c < cs[q + 1]; c++) {
                owner[c] = q;
                if (sys.constant[c] == 0.0) {
                    alive[c] = true;
                    aliveCount[q]++;
                }
            }
            zero[q] = aliveCount[q] > 0;
        }
        // Greatest fixed point: a removed state kills the zero-constant choices leading to it.
        int[] predStart = new int[n + 1];
        for (int c = 0; c < m; c++) {
            if (alive[c]) {
                for (int k = ts[c]; k < ts[c + 1]; k++) {
                    predStart[sys.successor[k] + 1]++;
                }
            }
        }
        for (int q = 0; q < n; q++) {
            predStart[q + 1] += predStart[q];
        }
        int[] pred = new int[predStart[n]];
        int[] next = Arrays.copyOf(predStart, n);
        for (int c = 0; c < m; c++) {
            if (alive[c]) {
                for (int k = ts[c]; k < ts[c + 1]; k++) {
                    pred[next[sys.successor[k]]++] = c;
                }
            }
        }
        int[] queue = new int[n];
        int tail = 0;
        for (int q = 0; q < n; q++) {
            if (!zero[q]) {
                queue[tail++] = q;
            }
        }
        for (int head = 0; head < tail; head++) {
            int t = queue[head];
            for (int i = predStart[t]; i < predStart[t + 1]; i++) {
                int c = pred[i];
                if (alive[c]) {
                    alive[c] = false;
                    int q = owner[c];
                    if (--aliveCount[q] == 0 && zero[q]) {
                        zero[q] = false;
                        queue[tail++] = q;
                    }
                }
            }
        }
        return zero;
    }
}
