package org.sparsemdp.evaluate;

import no.uib.cipr.matrix.Matrix;
import no.uib.cipr.matrix.Vector;
import no.uib.cipr.matrix.sparse.Preconditioner;

/**
 * ILU(0) preconditioner for MTJ (Saad, <i>Iterative Methods for Sparse Linear Systems</i>,
 * 2nd ed., Algorithm 10.4, IKJ variant): L U ≈ A on the sparsity pattern of A, L unit lower
 * triangular, factors stored in place of A's values. For the M-matrix I − γP<sub>π</sub> the
 * pivots stay positive (Meijerink &amp; van der Vorst 1977).
 *
 * <p>Implemented here rather than with MTJ's {@code ILU}, which needs a {@code CompRowMatrix}
 * (built from per-row arrays) and can read past the end of its last row; this version works on
 * the {@link SparseRows} assembled by {@link PolicyOperator#assemble()} and applies without
 * allocation. {@link #transApply} serves the transposed systems of occupancy measures.
 */
final class Ilu0 implements Preconditioner {
    private final SparseRows lu;
    private final int[] diag;
    private final double[] work;

    /** Factorises {@code a} in place (its values are overwritten by the factors). */
    Ilu0(SparseRows a) {
        this.lu = a;
        int n = a.n;
        this.diag = new int[n];
        this.work = new double[n];
        int[] rowStart = a.rowStart;
        int[] col = a.col;
        double[] val = a.val;
        for (int i = 0; i < n; i++) {
            int d = -1;
            for (int p = rowStart[i]; p < rowStart[i + 1]; p++) {
                if (col[p] == i) {
                    d = p;
                    break;
                }
            }
            if (d < 0) {
                throw new IllegalStateException("row " + i + " has no diagonal entry");
            }
            diag[i] = d;
        }
        for (int i = 0; i < n; i++) {
            int rowEnd = rowStart[i + 1];
            for (int p = rowStart[i]; p < diag[i]; p++) {
                int k = col[p];
                double pivot = val[diag[k]];
                if (!(pivot != 0.0 && Double.isFinite(pivot))) {
                    throw new ArithmeticException("ILU(0) pivot " + pivot + " in row " + k);
                }
                double factor = val[p] / pivot;
                val[p] = factor;
                int q = p + 1;
                for (int r = diag[k] + 1, kEnd = rowStart[k + 1]; r < kEnd; r++) {
                    int j = col[r];
                    while (q < rowEnd && col[q] < j) {
                        q++;
                    }
                    if (q == rowEnd) {
                        break;
                    }
                    if (col[q] == j) {
                        val[q] -= factor * val[r];
                    }
                }
            }
            double pivot = val[diag[i]];
            if (!(pivot != 0.0 && Double.isFinite(pivot))) {
                throw new ArithmeticException("ILU(0) pivot " + pivot + " in row " + i);
            }
        }
    }

    /** x = U⁻¹ L⁻¹ b. */
    @Override
    public Vector apply(Vector b, Vector x) {
        double[] bd = PolicyOperator.data(b);
        double[] xd = PolicyOperator.data(x);
        int n = lu.n;
        int[] rowStart = lu.rowStart;
        int[] col = lu.col;
        double[] val = lu.val;
        double[] y = work;
        for (int i = 0; i < n; i++) {
            double sum = bd[i];
            for (int p = rowStart[i]; p < diag[i]; p++) {
                sum -= val[p] * y[col[p]];
            }
            y[i] = sum;
        }
        for (int i = n - 1; i >= 0; i--) {
            double sum = y[i];
            for (int p = diag[i] + 1, end = rowStart[i + 1]; p < end; p++) {
                sum -= val[p] * xd[col[p]];
            }
            xd[i] = sum / val[diag[i]];
        }
        return x;
    }

    /** x = L⁻ᵀ U⁻ᵀ b. */
    @Override
    public Vector transApply(Vector b, Vector x) {
        double[] bd = PolicyOperator.data(b);
        double[] xd = PolicyOperator.data(x);
        int n = lu.n;
        int[] rowStart = lu.rowStart;
        int[] col = lu.col;
        double[] val = lu.val;
        double[] y = work;
        System.arraycopy(bd, 0, y, 0, n);
        for (int i = 0; i < n; i++) { // Uᵀ y = b, column-oriented over the rows of U
            double yi = y[i] / val[diag[i]];
            y[i] = yi;
            if (yi != 0.0) {
                for (int p = diag[i] + 1, end = rowStart[i + 1]; p < end; p++) {
                    y[col[p]] -= val[p] * yi;
                }
            }
        }
        System.arraycopy(y, 0, xd, 0, n);
        for (int i = n - 1; i >= 0; i--) { // Lᵀ x = y
            double xi = xd[i];
            if (xi != 0.0) {
                for (int p = rowStart[i]; p < diag[i]; p++) {
                    xd[col[p]] -= val[p] * xi;
                }
            }
        }
        return x;
    }

    /** Not used: the factorisation is computed by the constructor. */
    @Override
    public void setMatrix(Matrix a) {
        throw new UnsupportedOperationException("the factorisation is computed by the constructor");
    }
}
