package org.sparsemdp.evaluate;

import no.uib.cipr.matrix.Matrix;
import no.uib.cipr.matrix.Vector;
import no.uib.cipr.matrix.sparse.Preconditioner;

/**
 * Jacobi preconditioner M = diag(I − γP<sub>π</sub>) for MTJ, filled from
 * {@link PolicyOperator#diagonal} without assembling the matrix (MTJ's own
 * {@code DiagonalPreconditioner} would iterate over every entry of a matrix-free operator).
 */
final class DiagonalScaling implements Preconditioner {
    private final double[] inverse;

    DiagonalScaling(int n) {
        this.inverse = new double[n];
    }

    /** Recomputes the inverse diagonal for the operator's current policy. */
    void update(PolicyOperator op) {
        op.diagonal(inverse);
        for (int i = 0; i < inverse.length; i++) {
            inverse[i] = 1.0 / inverse[i];
        }
    }

    @Override
    public Vector apply(Vector b, Vector x) {
        double[] bd = PolicyOperator.data(b);
        double[] xd = PolicyOperator.data(x);
        for (int i = 0; i < inverse.length; i++) {
            xd[i] = inverse[i] * bd[i];
        }
        return x;
    }

    @Override
    public Vector transApply(Vector b, Vector x) {
        return apply(b, x);
    }

    /** Not used: call {@link #update(PolicyOperator)}. */
    @Override
    public void setMatrix(Matrix a) {
        throw new UnsupportedOperationException("use update(PolicyOperator)");
    }
}
