package org.sparsemdp.evaluate;

/**
 * A square matrix in compressed sparse rows with sorted column indices (package-internal
 * storage for preconditioners).
 */
final class SparseRows {
    final int n;
    final int[] rowStart;
    final int[] col;
    final double[] val;

    SparseRows(int n, int[] rowStart, int[] col, double[] val) {
        this.n = n;
        this.rowStart = rowStart;
        this.col = col;
        this.val = val;
    }
}
