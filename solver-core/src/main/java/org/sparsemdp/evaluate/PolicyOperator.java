package org.sparsemdp.evaluate;

import java.util.Arrays;
import no.uib.cipr.matrix.AbstractMatrix;
import no.uib.cipr.matrix.DenseVector;
import no.uib.cipr.matrix.Vector;
import org.sparsemdp.model.DeterministicPolicy;
import org.sparsemdp.model.Mdp;
import org.sparsemdp.model.Policy;
import org.sparsemdp.model.StochasticPolicy;

/**
 * The matrix I − γP<sub>π</sub> of a policy π on an {@link Mdp}, given to MTJ without being
 * assembled: products {@code multAdd} and {@code transMultAdd} run directly over the model's CSR
 * arrays, where (P<sub>π</sub>)<sub>s,s'</sub> = Σ<sub>c of s</sub> π(c) p(s'|c). Terminal states
 * have empty rows (they are exits), so their rows of I − γP<sub>π</sub> are unit rows.
 *
 * <p>The policy is set with {@link #setPolicy}, so that one operator (and the MTJ work vectors
 * sized for it) serves many policies. Vectors must be {@link DenseVector}s; input and output
 * must not share storage. Products are allocation-free. Not thread-safe.
 */
final class PolicyOperator extends AbstractMatrix {
    private final int n;
    private final int[] choiceStart;
    private final int[] transStart;
    private final int[] successor;
    private final double[] probability;
    private final double[] reward;
    private final double gamma;
    private int[] choice; // deterministic policy, or null
    private double[] weight; // stochastic policy, or null

    PolicyOperator(Mdp mdp) {
        super(mdp.numStates(), mdp.numStates());
        this.n = mdp.numStates();
        this.choiceStart = mdp.choiceStartArray();
        this.transStart = mdp.transitionStartArray();
        this.successor = mdp.successorArray();
        this.probability = mdp.probabilityArray();
        this.reward = mdp.rewardArray();
        this.gamma = mdp.discount();
    }

    /** Makes this operator the one of {@code policy} (already checked to fit the model). */
    void setPolicy(Policy policy) {
        if (policy instanceof DeterministicPolicy d) {
            choice = d.choiceArray();
            weight = null;
        } else {
            choice = null;
            weight = ((StochasticPolicy) policy).probabilityArray();
        }
    }

    /** (P<sub>π</sub> x)(s). */
    private double pRow(int s, double[] x) {
        double sum = 0.0;
        if (choice != null) {
            int c = choice[s];
            if (c >= 0) {
                for (int k = transStart[c], end = transStart[c + 1]; k < end; k++) {
                    sum += probability[k] * x[successor[k]];
                }
            }
        } else {
            for (int c = choiceStart[s], cEnd = choiceStart[s + 1]; c < cEnd; c++) {
                double w = weight[c];
                if (w != 0.0) {
                    double inner = 0.0;
                    for (int k = transStart[c], end = transStart[c + 1]; k < end; k++) {
                        inner += probability[k] * x[successor[k]];
                    }
                    sum += w * inner;
                }
            }
        }
        return sum;
    }

    /** y = (I − γP<sub>π</sub>) x. */
    void apply(double[] x, double[] y) {
        for (int s = 0; s < n; s++) {
            y[s] = x[s] - gamma * pRow(s, x);
        }
    }

    /** y += α (I − γP<sub>π</sub>) x. */
    private void applyAdd(double alpha, double[] x, double[] y) {
        for (int s = 0; s < n; s++) {
            y[s] += alpha * (x[s] - gamma * pRow(s, x));
        }
    }

    /** y = (I − γP<sub>π</sub>)<sup>T</sup> x. */
    void applyTranspose(double[] x, double[] y) {
        System.arraycopy(x, 0, y, 0, n);
        scatterTranspose(-gamma, x, y);
    }

    /** y += f · P<sub>π</sub><sup>T</sup> x. */
    private void scatterTranspose(double f, double[] x, double[] y) {
        for (int s = 0; s < n; s++) {
            double xs = x[s];
            if (xs == 0.0) {
                continue;
            }
            if (choice != null) {
                int c = choice[s];
                if (c >= 0) {
                    double a = f * xs;
                    for (int k = transStart[c], end = transStart[c + 1]; k < end; k++) {
                        y[successor[k]] += a * probability[k];
                    }
                }
            } else {
                for (int c = choiceStart[s], cEnd = choiceStart[s + 1]; c < cEnd; c++) {
                    double w = weight[c];
                    if (w != 0.0) {
                        double a = f * xs * w;
                        for (int k = transStart[c], end = transStart[c + 1]; k < end; k++) {
                            y[successor[k]] += a * probability[k];
                        }
                    }
                }
            }
        }
    }

    /** out[s] = r<sub>π</sub>(s) = Σ<sub>c</sub> π(c) r(c) (0 for terminal states). */
    void rewards(double[] out) {
        for (int s = 0; s < n; s++) {
            double r = 0.0;
            if (choice != null) {
                int c = choice[s];
                r = c >= 0 ? reward[c] : 0.0;
            } else {
                for (int c = choiceStart[s], cEnd = choiceStart[s + 1]; c < cEnd; c++) {
                    if (weight[c] != 0.0) {
                        r += weight[c] * reward[c];
                    }
                }
            }
            out[s] = r;
        }
    }

    /** out[s] = 1 − γ (P<sub>π</sub>)<sub>s,s</sub>. */
    void diagonal(double[] out) {
        for (int s = 0; s < n; s++) {
            double self = 0.0;
            for (int c = choiceStart[s], cEnd = choiceStart[s + 1]; c < cEnd; c++) {
                double w = choice != null ? (choice[s] == c ? 1.0 : 0.0) : weight[c];
                if (w != 0.0) {
                    for (int k = transStart[c], end = transStart[c + 1]; k < end; k++) {
                        if (successor[k] == s) {
                            self += w * probability[k];
                        }
                    }
                }
            }
            out[s] = 1.0 - gamma * self;
        }
    }

    /**
     * Assembles I − γP<sub>π</sub> in CSR form with sorted column indices and an explicit
     * diagonal entry in every row (the pattern ILU(0) needs).
     */
    SparseRows assemble() {
        int nnzBound = n;
        for (int s = 0; s < n; s++) {
            for (int c = choiceStart[s], cEnd = choiceStart[s + 1]; c < cEnd; c++) {
                if (choice != null ? choice[s] == c : weight[c] != 0.0) {
                    nnzBound += transStart[c + 1] - transStart[c];
                }
            }
        }
        int[] rowStart = new int[n + 1];
        int[] col = new int[nnzBound];
        double[] val = new double[nnzBound];
        double[] acc = new double[n];
        boolean[] seen = new boolean[n];
        int pos = 0;
        for (int s = 0; s < n; s++) {
            int start = pos;
            col[pos++] = s;
            seen[s] = true;
            acc[s] = 1.0;
            for (int c = choiceStart[s], cEnd = choiceStart[s + 1]; c < cEnd; c++) {
                double w = choice != null ? (choice[s] == c ? 1.0 : 0.0) : weight[c];
                if (w == 0.0) {
                    continue;
                }
                for (int k = transStart[c], end = transStart[c + 1]; k < end; k++) {
                    int j = successor[k];
                    if (!seen[j]) {
                        seen[j] = true;
                        col[pos++] = j;
                    }
                    acc[j] -= gamma * w * probability[k];
                }
            }
            Arrays.sort(col, start, pos);
            for (int i = start; i < pos; i++) {
                int j = col[i];
                val[i] = acc[j];
                acc[j] = 0.0;
                seen[j] = false;
            }
            rowStart[s + 1] = pos;
        }
        return pos == nnzBound ? new SparseRows(n, rowStart, col, val)
                : new SparseRows(n, rowStart, Arrays.copyOf(col, pos), Arrays.copyOf(val, pos));
    }

    /** The transpose (I − γP<sub>π</sub>)<sup>T</sup> as a view sharing this operator's policy. */
    AbstractMatrix transposeView() {
        PolicyOperator self = this;
        return new AbstractMatrix(n, n) {
            @Override
            public Vector multAdd(double alpha, Vector x, Vector y) {
                return self.transMultAdd(alpha, x, y);
            }

            @Override
            public Vector mult(double alpha, Vector x, Vector y) {
                return self.transMult(alpha, x, y);
            }

            @Override
            public Vector transMultAdd(double alpha, Vector x, Vector y) {
                return self.multAdd(alpha, x, y);
            }

            @Override
            public Vector transMult(double alpha, Vector x, Vector y) {
                return self.mult(alpha, x, y);
            }
        };
    }

    @Override
    public Vector multAdd(double alpha, Vector x, Vector y) {
        checkMultAdd(x, y);
        double[] xd = data(x);
        double[] yd = data(y);
        checkDistinct(xd, yd);
        if (alpha != 0.0) {
            applyAdd(alpha, xd, yd);
        }
        return y;
    }

    @Override
    public Vector mult(double alpha, Vector x, Vector y) {
        checkMultAdd(x, y);
        double[] xd = data(x);
        double[] yd = data(y);
        checkDistinct(xd, yd);
        apply(xd, yd);
        if (alpha != 1.0) {
            for (int s = 0; s < n; s++) {
                yd[s] *= alpha;
            }
        }
        return y;
    }

    @Override
    public Vector transMultAdd(double alpha, Vector x, Vector y) {
        checkTransMultAdd(x, y);
        double[] xd = data(x);
        double[] yd = data(y);
        checkDistinct(xd, yd);
        if (alpha != 0.0) {
            for (int s = 0; s < n; s++) {
                yd[s] += alpha * xd[s];
            }
            scatterTranspose(-alpha * gamma, xd, yd);
        }
        return y;
    }

    @Override
    public Vector transMult(double alpha, Vector x, Vector y) {
        checkTransMultAdd(x, y);
        double[] xd = data(x);
        double[] yd = data(y);
        checkDistinct(xd, yd);
        for (int s = 0; s < n; s++) {
            yd[s] = alpha * xd[s];
        }
        scatterTranspose(-alpha * gamma, xd, yd);
        return y;
    }

    static double[] data(Vector v) {
        if (!(v instanceof DenseVector)) {
            throw new IllegalArgumentException("expected a DenseVector, got " + v.getClass().getName());
        }
        return ((DenseVector) v).getData();
    }

    private static void checkDistinct(double[] x, double[] y) {
        if (x == y) {
            throw new IllegalArgumentException("input and output vectors must not share storage");
        }
    }
}
