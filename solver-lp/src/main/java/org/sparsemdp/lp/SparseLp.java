package org.sparsemdp.lp;

import it.unimi.dsi.fastutil.doubles.DoubleArrayList;
import it.unimi.dsi.fastutil.ints.IntArrayList;

/**
 * A linear program in row-wise sparse form, built row by row:
 * <pre>
 *   opt  c·x   subject to   rowLo ≤ A x ≤ rowHi,   colLo ≤ x ≤ colHi
 * </pre>
 * with opt = max or min. Infinite bounds are ±{@link Double#POSITIVE_INFINITY}. It also computes,
 * independently of any LP solver, the residuals of a candidate primal/dual pair (see
 * {@link #primalResidual}, {@link #dualResidual}, {@link #dualObjective}).
 *
 * <p>Dual sign convention (the one OR-Tools uses, checked by the tests): the reduced costs are
 * d = c − Aᵀy; for a minimisation, a dual solution is feasible when d_j ≥ 0 for x_j ≥ 0, d_j = 0
 * for a free x_j, y_i ≤ 0 for a row with only an upper bound, y_i ≥ 0 for a row with only a
 * lower bound and y_i free for an equality; for a maximisation all these signs flip.
 * Mutable while built; not thread-safe.
 */
final class SparseLp {
    final boolean maximize;
    final int numCols;
    final double[] objective;
    final double[] colLo;
    final double[] colHi;

    private final IntArrayList rowStart = new IntArrayList();
    private final IntArrayList index = new IntArrayList();
    private final DoubleArrayList coef = new DoubleArrayList();
    private final DoubleArrayList rowLo = new DoubleArrayList();
    private final DoubleArrayList rowHi = new DoubleArrayList();

    SparseLp(boolean maximize, int numCols, double[] objective, double[] colLo, double[] colHi) {
        this.maximize = maximize;
        this.numCols = numCols;
        this.objective = objective;
        this.colLo = colLo;
        this.colHi = colHi;
        rowStart.add(0);
    }

    /** Adds a coefficient to the row being built (call {@link #endRow} to finish it). */
    void add(int col, double a) {
        index.add(col);
        coef.add(a);
    }

    /** Finishes the current row with bounds lo ≤ row ≤ hi; returns its index. */
    int endRow(double lo, double hi) {
        rowLo.add(lo);
        rowHi.add(hi);
        rowStart.add(index.size());
        return rowLo.size() - 1;
    }

    int numRows() {
        return rowLo.size();
    }

    int rowStart(int i) {
        return rowStart.getInt(i);
    }

    int index(int k) {
        return index.getInt(k);
    }

    double coef(int k) {
        return coef.getDouble(k);
    }

    double rowLo(int i) {
        return rowLo.getDouble(i);
    }

    double rowHi(int i) {
        return rowHi.getDouble(i);
    }

    long numNonZeros() {
        return index.size();
    }

    /** max |finite row bound|. */
    double maxAbsBound() {
        double m = 0;
        for (int i = 0, n = numRows(); i < n; i++) {
            if (Double.isFinite(rowLo(i))) {
                m = Math.max(m, Math.abs(rowLo(i)));
            }
            if (Double.isFinite(rowHi(i))) {
                m = Math.max(m, Math.abs(rowHi(i)));
            }
        }
        return m;
    }

    /** max |c_j|. */
    double maxAbsObjective() {
        double m = 0;
        for (double c : objective) {
            m = Math.max(m, Math.abs(c));
        }
        return m;
    }

    /** c·x. */
    double objectiveValue(double[] x) {
        double sum = 0;
        for (int j = 0; j < numCols; j++) {
            sum += objective[j] * x[j];
        }
        return sum;
    }

    /** Ax. */
    double[] activities(double[] x) {
        int m = numRows();
        int[] idx = index.elements();
        double[] a = coef.elements();
        int[] start = rowStart.elements();
        double[] act = new double[m];
        for (int i = 0; i < m; i++) {
            double sum = 0;
            for (int k = start[i]; k < start[i + 1]; k++) {
                sum += a[k] * x[idx[k]];
            }
            act[i] = sum;
        }
        return act;
    }

    /** Max violation of the row and column bounds by x (0 when x is feasible). */
    double primalResidual(double[] x) {
        double[] act = activities(x);
        double worst = 0;
        for (int i = 0; i < act.length; i++) {
            worst = Math.max(worst, Math.max(rowLo(i) - act[i], act[i] - rowHi(i)));
        }
        for (int j = 0; j < numCols; j++) {
            worst = Math.max(worst, Math.max(colLo[j] - x[j], x[j] - colHi[j]));
        }
        return worst;
    }

    /** d = c − Aᵀy. */
    double[] reducedCosts(double[] y) {
        double[] d = objective.clone();
        int[] idx = index.elements();
        double[] a = coef.elements();
        int[] start = rowStart.elements();
        for (int i = 0, m = numRows(); i < m; i++) {
            double yi = y[i];
            for (int k = start[i]; k < start[i + 1]; k++) {
                d[idx[k]] -= a[k] * yi;
            }
        }
        return d;
    }

    /** Max violation of dual feasibility by y (sign conditions of the class comment). */
    double dualResidual(double[] y) {
        double[] d = reducedCosts(y);
        double sign = maximize ? -1 : 1; // in a minimisation, d ≥ 0 at a lower bound
        double worst = 0;
        for (int j = 0; j < numCols; j++) {
            boolean lo = colLo[j] > Double.NEGATIVE_INFINITY;
            boolean hi = colHi[j] < Double.POSITIVE_INFINITY;
            double dj = sign * d[j];
            if (lo && !hi) {
                worst = Math.max(worst, -dj);
            } else if (hi && !lo) {
                worst = Math.max(worst, dj);
            } else if (!lo) {
                worst = Math.max(worst, Math.abs(dj));
            }
        }
        for (int i = 0, m = numRows(); i < m; i++) {
            boolean lo = rowLo(i) > Double.NEGATIVE_INFINITY;
            boolean hi = rowHi(i) < Double.POSITIVE_INFINITY;
            double yi = sign * y[i];
            if (lo && !hi) {
                worst = Math.max(worst, -yi);
            } else if (hi && !lo) {
                worst = Math.max(worst, yi);
            }
        }
        return worst;
    }

    /**
     * The dual objective Σ_i y_i·b_i (b_i the row's finite bound; for a row with two finite,
     * different bounds the one the sign of y_i selects) plus Σ_j d_j·(finite column bound).
     */
    double dualObjective(double[] y) {
        double sum = 0;
        double sign = maximize ? -1 : 1;
        for (int i = 0, m = numRows(); i < m; i++) {
            double b = sign * y[i] >= 0 ? rowLo(i) : rowHi(i);
            if (Double.isInfinite(b)) {
                b = Double.isInfinite(rowLo(i)) ? rowHi(i) : rowLo(i);
            }
            sum += y[i] * b;
        }
        double[] d = reducedCosts(y);
        for (int j = 0; j < numCols; j++) {
            double b = sign * d[j] >= 0 ? colLo[j] : colHi[j];
            if (Double.isFinite(b)) {
                sum += d[j] * b;
            }
        }
        return sum;
    }
}
